import { describe, expect, test } from 'vitest';
import type { AllocateCidrRequest, SubnetConfiguration } from 'aws-cdk-lib/aws-ec2';
import {
  checkAsn,
  checkNoOverlap,
  contains,
  overlaps,
  parseCidr,
  parseSpokes,
  pascalCase,
  privateRanges,
  ZonalLayout,
  FIREWALL_GROUP,
} from './address-plan.ts';

const c = (text: string) => parseCidr(text, 'test');

describe('CIDR arithmetic', () => {
  test('parses, and refuses host bits and nonsense with the aligned value', () => {
    expect(c('10.1.0.0/16')).toEqual({ base: 10 * 2 ** 24 + 2 ** 16, prefix: 16, text: '10.1.0.0/16' });
    expect(() => c('10.1.2.0/16')).toThrow('test 10.1.2.0/16 has host bits set; write 10.1.0.0/16');
    expect(() => c('10.1.0.0')).toThrow(/not an IPv4 CIDR block/u);
    expect(() => c('300.1.0.0/16')).toThrow(/not an IPv4 CIDR block/u);
  });

  test('overlap and containment', () => {
    expect(overlaps(c('10.1.0.0/16'), c('10.1.255.0/24'))).toBe(true);
    expect(overlaps(c('10.1.0.0/16'), c('10.2.0.0/16'))).toBe(false);
    expect(overlaps(c('10.0.0.0/24'), c('10.0.1.0/24'))).toBe(false);
    expect(contains(c('10.0.0.0/8'), c('10.200.0.0/16'))).toBe(true);
    expect(contains(c('10.200.0.0/16'), c('10.0.0.0/8'))).toBe(false);
    expect(contains(c('172.16.0.0/12'), c('172.32.0.0/16'))).toBe(false);
  });
});

describe('spokes parameter', () => {
  test('parses name=cidr pairs', () => {
    expect(parseSpokes('app=10.1.0.0/16, shared-svc=10.9.0.0/24').map((s) => [s.name, s.cidr.text])).toEqual([
      ['app', '10.1.0.0/16'],
      ['shared-svc', '10.9.0.0/24'],
    ]);
  });

  test('refuses bad names, sizes, counts and repeats', () => {
    expect(() => parseSpokes('')).toThrow(/lists 0 spokes/u);
    expect(() => parseSpokes('a=10.1.0.0/16,b=10.2.0.0/16,c=10.3.0.0/16,d=10.4.0.0/16,e=10.5.0.0/16')).toThrow(
      /lists 5 spokes; give 1 to 4/u,
    );
    expect(() => parseSpokes('App=10.1.0.0/16')).toThrow(/is not name=cidr/u);
    expect(() => parseSpokes('a--b=10.1.0.0/16')).toThrow(/is not name=cidr/u);
    expect(() => parseSpokes('10.1.0.0/16')).toThrow(/is not name=cidr/u);
    expect(() => parseSpokes('a=10.1.0.0/25')).toThrow('spokes: a 10.1.0.0/25 is a /25; spoke VPCs must be /16 to /24');
    expect(() => parseSpokes('a=10.0.0.0/15')).toThrow(/is a \/15/u);
    expect(() => parseSpokes('a-1=10.1.0.0/16,a1=10.2.0.0/16')).toThrow(/the names a-1 and a1 are the same spoke/u);
  });

  test('construct ids from names', () => {
    expect(pascalCase('shared-svc')).toBe('SharedSvc');
    expect(pascalCase('app')).toBe('App');
  });
});

describe('address plan', () => {
  const spokes = parseSpokes('app=10.1.0.0/16,cgnat=100.64.0.0/20');

  test('overlaps between the inspection VPC and spokes, or between spokes, name both blocks', () => {
    expect(() => {
      checkNoOverlap(c('10.0.0.0/24'), spokes);
    }).not.toThrow();
    expect(() => {
      checkNoOverlap(c('10.1.5.0/24'), spokes);
    }).toThrow(
      'inspectionVpcCidr 10.1.5.0/24 overlaps spoke app 10.1.0.0/16; give the inspection VPC and every spoke its own non-overlapping range',
    );
    expect(() => {
      checkNoOverlap(c('10.0.0.0/24'), parseSpokes('a=10.1.0.0/16,b=10.1.64.0/18'));
    }).toThrow(/spoke a 10\.1\.0\.0\/16 overlaps spoke b 10\.1\.64\.0\/18/u);
  });

  test('private ranges: RFC 1918 plus spokes outside it, never the inspection VPC range itself', () => {
    expect(privateRanges(c('10.0.0.0/24'), spokes)).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '100.64.0.0/20',
    ]);
    expect(privateRanges(c('192.168.0.0/16'), spokes)).toEqual(['10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/20']);
  });

  test('Amazon side ASN must be private, 16 or 32 bit', () => {
    for (const ok of [64512, 65534, 4200000000, 4294967294]) {
      expect(() => {
        checkAsn(ok);
      }).not.toThrow();
    }
    for (const bad of [64511, 65535, 4199999999, 4294967295, 64512.5]) {
      expect(() => {
        checkAsn(bad);
      }).toThrow(/not a private ASN/u);
    }
  });
});

describe('zonal subnet layout', () => {
  const request = (vpcCidr: string, zones: number): AllocateCidrRequest => ({
    vpcCidr,
    requestedSubnets: ['Workload', 'Attachment'].flatMap((name) =>
      Array.from({ length: zones }, (_, i) => ({
        availabilityZone: `az${i}`,
        configuration: { name } as SubnetConfiguration,
        subnetConstructId: `${name}${i}`,
      })),
    ),
  });

  test('quarters for the main subnets, /28s at the start of the last quarter', () => {
    const layout = new ZonalLayout(c('10.1.0.0/16'));
    expect(layout.allocateVpcCidr()).toEqual({ cidrBlock: '10.1.0.0/16' });
    expect(layout.allocateSubnetsCidr(request('10.1.0.0/16', 3)).allocatedSubnets.map((s) => s.cidr)).toEqual([
      '10.1.0.0/18',
      '10.1.64.0/18',
      '10.1.128.0/18',
      '10.1.192.0/28',
      '10.1.192.16/28',
      '10.1.192.32/28',
    ]);
    const small = new ZonalLayout(c('10.9.0.0/24'));
    expect(small.allocateSubnetsCidr(request('10.9.0.0/24', 2)).allocatedSubnets.map((s) => s.cidr)).toEqual([
      '10.9.0.0/26',
      '10.9.0.64/26',
      '10.9.0.192/28',
      '10.9.0.208/28',
    ]);
  });

  test('every block stays inside the VPC and no two overlap, for every size and zone count', () => {
    for (let prefix = 16; prefix <= 24; prefix++) {
      const vpc = c(`10.0.0.0/${prefix}`);
      const blocks = new ZonalLayout(vpc)
        .allocateSubnetsCidr(request(vpc.text, 3))
        .allocatedSubnets.map((s) => c(s.cidr));
      blocks.forEach((a, i) => {
        expect(contains(vpc, a)).toBe(true);
        for (const b of blocks.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      });
    }
  });

  test('refuses sizes and zone counts it has no room for', () => {
    expect(() => new ZonalLayout(c('10.0.0.0/25'))).toThrow(/must be a \/16 to \/24/u);
    expect(() => new ZonalLayout(c('10.1.0.0/16')).allocateSubnetsCidr(request('10.1.0.0/16', 4))).toThrow(
      /has room for 3 zones/u,
    );
  });
});

describe('inspection VPC layout', () => {
  const request = (vpcCidr: string, zones: number): AllocateCidrRequest => ({
    vpcCidr,
    requestedSubnets: ['Public', FIREWALL_GROUP, 'Attachment'].flatMap((name) =>
      Array.from({ length: zones }, (_, i) => ({
        availabilityZone: `az${i}`,
        configuration: { name } as SubnetConfiguration,
        subnetConstructId: `${name}${i}`,
      })),
    ),
  });

  test('eighths for the public subnets, firewall /28s in the third quarter, attachment /28s in the last', () => {
    const layout = new ZonalLayout(c('10.0.0.0/24'), { firewall: true });
    expect(layout.allocateSubnetsCidr(request('10.0.0.0/24', 3)).allocatedSubnets.map((s) => s.cidr)).toEqual([
      '10.0.0.0/27',
      '10.0.0.32/27',
      '10.0.0.64/27',
      '10.0.0.128/28',
      '10.0.0.144/28',
      '10.0.0.160/28',
      '10.0.0.192/28',
      '10.0.0.208/28',
      '10.0.0.224/28',
    ]);
  });

  test('every block stays inside the VPC and no two overlap, for every size', () => {
    for (let prefix = 16; prefix <= 24; prefix++) {
      const vpc = c(`10.0.0.0/${prefix}`);
      const blocks = new ZonalLayout(vpc, { firewall: true })
        .allocateSubnetsCidr(request(vpc.text, 3))
        .allocatedSubnets.map((s) => c(s.cidr));
      for (const [i, a] of blocks.entries()) {
        expect(contains(vpc, a)).toBe(true);
        for (const b of blocks.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      }
    }
  });

  test('a spoke layout has no firewall subnets', () => {
    expect(() => new ZonalLayout(c('10.1.0.0/16')).firewallSubnet(0)).toThrow(/has no firewall subnets/u);
  });
});
