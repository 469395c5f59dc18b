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

  test.each(Object.entries(REFUSED))(
    'overlapping networks, a shared device address, clashing ASNs and bad ports fail with the fix: %s',
    (name, [, message]) => {
      expect(runs.error(name)).toMatch(message);
    },
  );
});

describe('what moto can emulate', () => {
  test('moto cannot create the customer gateways, VPN connections, routes, propagation or alarms', () => {
    expect(unemulatedTypes(typesOf(custom.template))).toEqual([
      'AWS::CloudWatch::Alarm',
      'AWS::EC2::CustomerGateway',
      'AWS::EC2::VPNConnection',
      'AWS::EC2::VPNConnectionRoute',
      'AWS::EC2::VPNGatewayRoutePropagation',
    ]);
  });
});
