import { describe, expect, test } from 'vitest';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryAcknowledgements, entryTemplate, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, typesOf } from '../../../test/helpers/template.ts';
import { covers, overlaps, parseCidr } from './cidr.ts';

const ID = 'direct-connect-hybrid';
const template = entryTemplate(ID);
const REFUSED = {
  onPremOverlap: [['onPremCidrs=10.50.4.0/24'], /overlaps/u],
  sameAsnTgw: [['dxGatewayAsn=64512'], /amazonSideAsn equals dxGatewayAsn 64512/u],
  sameAsnSite: [['onPremBgpAsn=64513'], /dxGatewayAsn equals onPremBgpAsn 64513/u],
  publicAsn: [['amazonSideAsn=70000'], /not a private ASN/u],
  prefixesMissVpc: [['allowedPrefixes=10.51.0.0/16'], /no allowed prefix covers vpcCidr 10\.50\.0\.0\/16/u],
  badPort: [['allowedTcpPorts=443,70000'], /not a port/u],
} as const;
const runs = await synthConfigs(ID, {
  vif: [
    'dxConnectionId=dxcon-ffabc123',
    'vifVlan=210',
    'vifMtu=8500',
    'alarmTopicArn=arn:aws:sns:us-east-1:123456789012:network-alerts',
    'azCount=3',
    'allowedPrefixes=10.50.0.0/16,10.51.0.0/16',
  ],
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const vif = runs.ok('vif');

checkConfigurations(ID, { vif });

describe('checks', () => {
  test('no cdk-nag finding is acknowledged', () => {
    const nag = <A extends { rule: string }>(acks: readonly A[]) => acks.filter((a) => a.rule.startsWith('AwsSolutions-'));
    expect(nag(entryAcknowledgements(ID))).toEqual([]);
    expect(nag(vif.result.acknowledged)).toEqual([]);
  });

  test('services match the template with the virtual interface too', () => {
    expect(serviceErrors(ID, vif.result.template)).toEqual([]);
  });

  test.each(Object.entries(REFUSED))('bad parameters fail at synth time with a clear message: %s', (name, [, message]) => {
    expect(runs.error(name)).toMatch(message);
  });
});

describe('what the emulator creates', () => {
  test('the default configuration, without a circuit, is created whole', () => {
    expect(unemulatedTypes(typesOf(template))).toEqual([]);
    expect(customResourceTypes(template)).toEqual([]);
  });

  test('only the virtual interface of the connected variant is beyond the emulator', () => {
    expect(unemulatedTypes(typesOf(vif.template))).toEqual(['AWS::DirectConnect::TransitVirtualInterface']);
  });
});

describe('direct connect', () => {
  test('no virtual interface or connection alarm until dxConnectionId is set', () => {
    template.resourceCountIs('AWS::DirectConnect::TransitVirtualInterface', 0);
    template.hasOutput('TransitVirtualInterfaceId', { Value: 'none' });
    vif.template.resourceCountIs('AWS::DirectConnect::TransitVirtualInterface', 1);
    vif.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/DX',
      Dimensions: [{ Name: 'ConnectionId', Value: 'dxcon-ffabc123' }],
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:network-alerts'],
    });
  });

  test('the gateway ASN is a string, as the resource type wants', () => {
    template.hasResourceProperties('AWS::DirectConnect::DirectConnectGateway', { AmazonSideAsn: '64513' });
  });

  test('the VPC has no virtual private gateway, internet gateway or NAT gateway', () => {
    for (const type of ['AWS::EC2::VPNGateway', 'AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway']) {
      expect(ofType(template, type)).toHaveLength(0);
    }
  });
});

describe('cidr helpers', () => {
  test('covers and overlaps', () => {
    expect(covers('10.0.0.0/8', '10.50.0.0/16')).toBe(true);
    expect(covers('10.50.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(overlaps({ a: ['10.0.0.0/16'], b: ['10.0.128.0/17'] })).toHaveLength(1);
    expect(() => parseCidr('10.0.0.0')).toThrow(/not an IPv4 CIDR block/u);
  });
});
