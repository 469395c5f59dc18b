import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { ofType, typesOf, type SgRule } from '../../../test/helpers/template.ts';
import { overlaps, parseCidr } from './cidr.ts';
import { DPD_TIMEOUT_SECONDS } from './vpn-site.ts';

const ID = 'site-to-site-vpn';
const template = entryTemplate(ID);
const REFUSED = {
  onPremOverlap: [['onPremCidrs=10.50.4.0/24'], /overlaps/u],
  spokeOverlap: [['spokeCidrs=10.100.128.0/17'], /distinct address ranges/u],
  sharedDevice: [['spokePublicIp=203.0.113.10'], /its own device address/u],
  sameAsn: [['onPremBgpAsn=64512'], /different ASNs/u],
  publicAsn: [['amazonSideAsn=70000'], /not a private ASN/u],
  badPort: [['allowedTcpPorts=443,70000'], /not a port/u],
} as const;
const runs = await synthConfigs(ID, {
  single: ['spokePublicIp='],
  custom: [
    'routingType=static',
    'onPremCidrs=10.100.0.0/16,172.16.0.0/20',
    'spokeRoutingType=static',
    'spokeName=Partner DC',
    'spokeCidrs=192.168.40.0/24',
    'preSharedKeyStorage=SecretsManager',
    'dpdTimeoutAction=clear',
    'startupAction=add',
    'alarmTopicArn=arn:aws:sns:eu-west-1:123456789012:network-alerts',
    'allowedTcpPorts=443,22,1521',
    'allowIcmp=false',
    'azCount=3',
    'vpcCidr=10.60.0.0/20',
    'logRetentionDays=365',
    'amazonSideAsn=4200000001',
  ],
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const single = runs.ok('single');
const custom = runs.ok('custom');
const CONFIGS = { default: template, single: single.template, custom: custom.template };

const rulesOf = (t: Template, key: 'SecurityGroupIngress' | 'SecurityGroupEgress'): SgRule[] =>
  ofType(t, 'AWS::EC2::SecurityGroup').flatMap((r) => (r.Properties?.[key] as SgRule[] | undefined) ?? []);

checkConfigurations(ID, { single, custom });

describe('private network', () => {
  // No internet gateway, NAT or public address is the claim reachable-only-over-the-vpn (cdk/claims.ts).
  test.each(Object.entries(CONFIGS))('%s: no static route in any route table; every route comes from the VPN', (_, t) => {
    t.resourceCountIs('AWS::EC2::Route', 0);
  });

  // That its routes reach every private route table is the claim routes-reach-every-subnet (cdk/claims.ts).
  test('the virtual private gateway is attached, with the chosen ASN, before routes propagate', () => {
    template.hasResourceProperties('AWS::EC2::VPNGateway', { Type: 'ipsec.1', AmazonSideAsn: 64512 });
    custom.template.hasResourceProperties('AWS::EC2::VPNGateway', { AmazonSideAsn: 4200000001 });
    template.hasResourceProperties('AWS::EC2::VPCGatewayAttachment', {
      VpnGatewayId: { Ref: Match.stringLikeRegexp('^VpcVpnGateway') },
    });
    const [propagation] = ofType(custom.template, 'AWS::EC2::VPNGatewayRoutePropagation');
    expect(propagation?.DependsOn?.length).toBeGreaterThan(0);
  });

});

describe('VPN connections', () => {
  test('two sites by default, one with spokePublicIp empty', () => {
    template.resourceCountIs('AWS::EC2::CustomerGateway', 2);
    template.resourceCountIs('AWS::EC2::VPNConnection', 2);
    single.template.resourceCountIs('AWS::EC2::CustomerGateway', 1);
    single.template.resourceCountIs('AWS::EC2::VPNConnection', 1);
    single.template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    single.template.hasOutput('SpokeVpnConnectionId', { Value: 'none' });
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '203.0.113.10', BgpAsn: 65000 });
    template.hasResourceProperties('AWS::EC2::CustomerGateway', {
      IpAddress: '198.51.100.20',
      BgpAsn: 65010,
      Tags: [{ Key: 'Name', Value: 'A.N.Other network' }],
    });
  });

  // Two tunnels, strong proposals, DPD, logging and AWS-generated keys are claims (cdk/claims.ts).
  test('proposals are offered strongest first, and tunnel logs are JSON', () => {
    for (const t of Object.values(CONFIGS)) {
      for (const vpn of ofType(t, 'AWS::EC2::VPNConnection')) {
        for (const tunnel of vpn.Properties?.['VpnTunnelOptionsSpecifications'] as Record<string, unknown>[]) {
          expect(tunnel['Phase1EncryptionAlgorithms']).toEqual([{ Value: 'AES256-GCM-16' }, { Value: 'AES256' }]);
          expect(tunnel['Phase2DHGroupNumbers']).toEqual([{ Value: 21 }, { Value: 20 }, { Value: 19 }, { Value: 14 }]);
          expect(tunnel['DPDTimeoutSeconds']).toBe(DPD_TIMEOUT_SECONDS);
          const log = tunnel['LogOptions'] as { CloudwatchLogOptions: Record<string, unknown> };
          expect(log.CloudwatchLogOptions).toMatchObject({ LogOutputFormat: 'json' });
        }
      }
    }
  });

  test('the startup action follows the parameter', () => {
    template.hasResourceProperties('AWS::EC2::VPNConnection', {
      VpnTunnelOptionsSpecifications: Match.arrayWith([Match.objectLike({ StartupAction: 'start' })]),
    });
    custom.template.hasResourceProperties('AWS::EC2::VPNConnection', {
      VpnTunnelOptionsSpecifications: Match.arrayWith([Match.objectLike({ StartupAction: 'add' })]),
    });
  });

});

describe('alarms and logs', () => {
  // The alarms per connection and their actions are the claim tunnel-alarms (cdk/claims.ts).
  test('exactly two alarms per connection', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
  });

  test('alarms notify the SNS topic when they return to OK too, only when alarmTopicArn is set', () => {
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { OKActions: Match.absent() });
    custom.template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      OKActions: ['arn:aws:sns:eu-west-1:123456789012:network-alerts'],
    });
  });

  // Encryption, rotation and retention are the claim logs-encrypted (cdk/claims.ts).
  test('the key may be used by CloudWatch Logs for exactly the two log groups of this stack', () => {
    const policy = JSON.stringify(ofType(template, 'AWS::KMS::Key')[0]?.Properties?.['KeyPolicy']);
    expect(policy).toContain(':log-group:/site-to-site-vpn/oar-site-to-site-vpn/tunnels');
    expect(policy).toContain(':log-group:/vpc-flow-logs/oar-site-to-site-vpn');
  });
});

describe('security group', () => {
  test('inbound only from the sites, on the allowed ports and ping', () => {
    expect(rulesOf(template, 'SecurityGroupIngress').map((r) => [r.CidrIp, r.IpProtocol, r.FromPort])).toEqual([
      ['10.100.0.0/16', 'tcp', 443],
      ['10.100.0.0/16', 'icmp', 8],
      ['10.110.0.0/16', 'tcp', 443],
      ['10.110.0.0/16', 'icmp', 8],
    ]);
    const custom443 = rulesOf(custom.template, 'SecurityGroupIngress');
    expect(custom443.map((r) => r.CidrIp)).not.toContain('0.0.0.0/0');
    expect(custom443.filter((r) => r.IpProtocol === 'icmp')).toEqual([]);
    expect(custom443.filter((r) => r.CidrIp === '172.16.0.0/20').map((r) => r.FromPort)).toEqual([443, 22, 1521]);
  });

  test('outbound only to the sites and the VPC', () => {
    expect(rulesOf(single.template, 'SecurityGroupEgress').map((r) => r.CidrIp)).toEqual([
      '10.100.0.0/16',
      '10.50.0.0/16',
    ]);
  });
});

describe('parameter checks', () => {
  test('CIDR helpers', () => {
    expect(parseCidr('10.100.1.7/16')).toMatchObject({ first: 0x0a640000, last: 0x0a64ffff });
    expect(overlaps({ a: ['10.0.0.0/8'], b: ['10.100.0.0/16', '192.168.0.0/24'] })).toEqual([
      'a 10.0.0.0/8 overlaps b 10.100.0.0/16',
    ]);
    expect(() => parseCidr('10.0.0.300/16')).toThrow(/not an IPv4 CIDR/u);
  });

  test.each(Object.entries(REFUSED))(
    'overlapping networks, a shared device address, clashing ASNs and bad ports fail with the fix: %s',
    (name, [, message]) => {
      expect(runs.error(name)).toMatch(message);
    },
  );
});

describe('what moto can emulate', () => {
  test('the emulator creates all but the static routes, which moto has no backend for (CreateVpnConnectionRoute)', () => {
    expect(unemulatedTypes(typesOf(custom.template))).toEqual(['AWS::EC2::VPNConnectionRoute']);
  });
});
