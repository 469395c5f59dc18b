import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { crossCheckServices } from '../../../generators/check/cross-check-services.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { MOTO_CFN_TYPES } from '../../../test/helpers/moto.ts';
import { nagErrors, REPO_ROOT, synthForTest, snapshotTests } from '../../../test/helpers/synth-entry.ts';
import { overlaps, parseCidr } from './cidr.ts';
import { DPD_TIMEOUT_SECONDS } from './vpn-site.ts';

const ID = 'site-to-site-vpn';
const { result, template } = await synthForTest(ID);
const single = await synthForTest(ID, ['spokePublicIp=']);
const custom = await synthForTest(ID, [
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
]);
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

type Resource = { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] };
const resourcesOf = (t: Template): Record<string, Resource> => t.toJSON()['Resources'] as Record<string, Resource>;
const ofType = (t: Template, type: string): Resource[] => Object.values(resourcesOf(t)).filter((r) => r.Type === type);
const typesOf = (t: Template): string[] => [...new Set(Object.values(resourcesOf(t)).map((r) => r.Type))].sort();
const CONFIGS = { default: template, single: single.template, custom: custom.template };

interface SgRule {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
}
const rulesOf = (t: Template, key: 'SecurityGroupIngress' | 'SecurityGroupEgress'): SgRule[] =>
  ofType(t, 'AWS::EC2::SecurityGroup').flatMap((r) => (r.Properties?.[key] as SgRule[] | undefined) ?? []);

test('cdk-nag passes', () => {
  expect(nagErrors(result)).toEqual([]);
  expect(nagErrors(single.result)).toEqual([]);
  expect(nagErrors(custom.result)).toEqual([]);
});

describe('private network', () => {
  test.each(Object.entries(CONFIGS))('%s: no internet gateway, NAT gateway, public subnet or default route', (_, t) => {
    for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::Route'])
      t.resourceCountIs(type, 0);
    for (const subnet of ofType(t, 'AWS::EC2::Subnet')) expect(subnet.Properties?.['MapPublicIpOnLaunch']).toBe(false);
  });

  test('private subnets in two Availability Zones by default and three with azCount=3', () => {
    const zones = (t: Template) =>
      new Set(ofType(t, 'AWS::EC2::Subnet').map((s) => JSON.stringify(s.Properties?.['AvailabilityZone'])));
    expect(zones(template).size).toBe(2);
    expect(zones(custom.template).size).toBe(3);
  });

  test('the virtual private gateway is attached and propagates routes into every private route table', () => {
    template.hasResourceProperties('AWS::EC2::VPNGateway', { Type: 'ipsec.1', AmazonSideAsn: 64512 });
    custom.template.hasResourceProperties('AWS::EC2::VPNGateway', { AmazonSideAsn: 4200000001 });
    template.hasResourceProperties('AWS::EC2::VPCGatewayAttachment', {
      VpnGatewayId: { Ref: Match.stringLikeRegexp('^VpcVpnGateway') },
    });
    const [propagation] = ofType(custom.template, 'AWS::EC2::VPNGatewayRoutePropagation');
    expect(propagation?.Properties?.['RouteTableIds']).toHaveLength(3);
    expect(propagation?.DependsOn?.length).toBeGreaterThan(0);
  });

  test('a VPC flow log of all traffic', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
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

  test('every connection has two tunnels with IKEv2 only and strong proposals', () => {
    for (const t of Object.values(CONFIGS)) {
      for (const vpn of ofType(t, 'AWS::EC2::VPNConnection')) {
        const tunnels = vpn.Properties?.['VpnTunnelOptionsSpecifications'] as Record<string, unknown>[];
        expect(tunnels).toHaveLength(2);
        for (const tunnel of tunnels) {
          expect(tunnel['IKEVersions']).toEqual([{ Value: 'ikev2' }]);
          const text = JSON.stringify(tunnel);
          for (const weak of ['AES128', '"SHA1"', '{"Value":2}', '{"Value":5}']) expect(text).not.toContain(weak);
          expect(tunnel['Phase1EncryptionAlgorithms']).toEqual([{ Value: 'AES256-GCM-16' }, { Value: 'AES256' }]);
          expect(tunnel['Phase2DHGroupNumbers']).toEqual([{ Value: 21 }, { Value: 20 }, { Value: 19 }, { Value: 14 }]);
          expect(tunnel['DPDTimeoutSeconds']).toBe(DPD_TIMEOUT_SECONDS);
          // AWS generates the keys: none is ever in the template.
          expect(tunnel['PreSharedKey']).toBeUndefined();
          const log = tunnel['LogOptions'] as { CloudwatchLogOptions: Record<string, unknown> };
          expect(log.CloudwatchLogOptions).toMatchObject({ LogEnabled: true, LogOutputFormat: 'json' });
          expect(JSON.stringify(log)).toMatch(/"Fn::GetAtt":\["TunnelLogs[0-9A-F]+","Arn"\]/u);
        }
      }
    }
  });

  test('DPD action, startup action and key storage follow the parameters', () => {
    template.hasResourceProperties('AWS::EC2::VPNConnection', {
      PreSharedKeyStorage: 'Standard',
      VpnTunnelOptionsSpecifications: Match.arrayWith([
        Match.objectLike({ DPDTimeoutAction: 'restart', StartupAction: 'start' }),
      ]),
    });
    custom.template.hasResourceProperties('AWS::EC2::VPNConnection', {
      PreSharedKeyStorage: 'SecretsManager',
      VpnTunnelOptionsSpecifications: Match.arrayWith([
        Match.objectLike({ DPDTimeoutAction: 'clear', StartupAction: 'add' }),
      ]),
    });
  });

  test('BGP by default; static routing adds one route per site network', () => {
    for (const vpn of ofType(template, 'AWS::EC2::VPNConnection'))
      expect(vpn.Properties?.['StaticRoutesOnly']).toBe(false);
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
    for (const vpn of ofType(custom.template, 'AWS::EC2::VPNConnection'))
      expect(vpn.Properties?.['StaticRoutesOnly']).toBe(true);
    const routes = ofType(custom.template, 'AWS::EC2::VPNConnectionRoute').map(
      (r) => r.Properties?.['DestinationCidrBlock'],
    );
    expect(routes.sort()).toEqual(['10.100.0.0/16', '172.16.0.0/20', '192.168.40.0/24']);
  });
});

describe('alarms and logs', () => {
  test('two TunnelState alarms per connection: any tunnel down (Minimum) and all down (Maximum)', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    for (const statistic of ['Minimum', 'Maximum']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/VPN',
        MetricName: 'TunnelState',
        Dimensions: [{ Name: 'VpnId', Value: { Ref: Match.stringLikeRegexp('^OnPremConnection') } }],
        Statistic: statistic,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'VpnId', Value: { Ref: Match.stringLikeRegexp('^SpokeConnection') } }],
    });
  });

  test('alarms notify the SNS topic only when alarmTopicArn is set', () => {
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
    custom.template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:network-alerts'],
      OKActions: ['arn:aws:sns:eu-west-1:123456789012:network-alerts'],
    });
  });

  test('tunnel and flow log groups are encrypted with a rotating key that only CloudWatch Logs may use for them', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.allResourcesProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogKey'), 'Arn'] },
      RetentionInDays: 90,
    });
    custom.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
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

  test('overlapping networks, a shared device address and clashing ASNs fail with the fix in the message', async () => {
    await expect(synthForTest(ID, ['onPremCidrs=10.50.4.0/24'])).rejects.toThrow(/overlaps/u);
    await expect(synthForTest(ID, ['spokeCidrs=10.100.128.0/17'])).rejects.toThrow(/distinct address ranges/u);
    await expect(synthForTest(ID, ['spokePublicIp=203.0.113.10'])).rejects.toThrow(/its own device address/u);
    await expect(synthForTest(ID, ['onPremBgpAsn=64512'])).rejects.toThrow(/different ASNs/u);
    await expect(synthForTest(ID, ['amazonSideAsn=70000'])).rejects.toThrow(/not a private ASN/u);
    await expect(synthForTest(ID, ['allowedTcpPorts=443,70000'])).rejects.toThrow(/not a port/u);
  });
});

describe('metadata agrees with the template', () => {
  test('every declared output is a CfnOutput', () => {
    const declared = (meta?.outputs ?? []).map((o) => o.name).sort();
    for (const t of Object.values(CONFIGS))
      expect(Object.keys(t.toJSON()['Outputs'] as object).sort()).toEqual(declared);
  });

  test('services match the resources in the template', () => {
    expect(crossCheckServices(meta?.services ?? [], result.template).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('moto cannot create the customer gateways, VPN connections, routes, propagation or alarms', () => {
    expect(typesOf(custom.template).filter((type) => !MOTO_CFN_TYPES.has(type))).toEqual([
      'AWS::CloudWatch::Alarm',
      'AWS::EC2::CustomerGateway',
      'AWS::EC2::VPNConnection',
      'AWS::EC2::VPNConnectionRoute',
      'AWS::EC2::VPNGatewayRoutePropagation',
    ]);
  });
});

snapshotTests(result);
