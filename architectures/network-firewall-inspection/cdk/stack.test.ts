import { describe, expect, test } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryAcknowledgements, entryTemplate, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, resourcesOf, typesOf, type Resource } from '../../../test/helpers/template.ts';

const ID = 'network-firewall-inspection';
const REFUSED = {
  spokesOverlap: [['spokes=a=10.1.0.0/16,b=10.1.128.0/20'], /spoke a 10\.1\.0\.0\/16 overlaps spoke b 10\.1\.128\.0\/20/u],
  inspectionOverlaps: [
    ['inspectionVpcCidr=10.1.0.0/24'],
    /inspectionVpcCidr 10\.1\.0\.0\/24 overlaps spoke app 10\.1\.0\.0\/16/u,
  ],
  hostBits: [['spokes=a=10.1.0.1/16'], /host bits set; write 10\.1\.0\.0\/16/u],
  publicAsn: [['amazonSideAsn=65535'], /not a private ASN/u],
  badDomain: [['allowedDomains=.amazonaws.com,-bad.com'], /"-bad\.com" is not a lowercase domain/u],
  tooManyDomains: [
    [`allowedDomains=${Array.from({ length: 51 }, (_, i) => `d${i}.example.com`).join(',')}`],
    /allowedDomains lists 51 domains; give 1 to 50/u,
  ],
  repeatedDomain: [['allowedDomains=pypi.org,pypi.org'], /repeats a domain/u],
} as const;
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  wide: [
    'azCount=3',
    'inspectionVpcCidr=192.168.0.0/16',
    'spokes=app=10.1.0.0/16,data=10.2.0.0/20,edge=172.20.0.0/24,cgnat=100.64.0.0/20',
    'allowedDomains=.amazonaws.com,github.com,.githubusercontent.com,registry.npmjs.org,pypi.org,files.pythonhosted.org',
  ],
  connected: [
    'spokeToSpoke=true',
    'spokes=app=10.1.0.0/16,cgnat=100.64.0.0/20',
    'vpcFlowLogs=false',
    'spokeGatewayEndpoints=false',
    'logRetentionDays=731',
  ],
  teardown: ['firewallDeleteProtection=false'],
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const wide = runs.ok('wide');
const connected = runs.ok('connected');
const teardown = runs.ok('teardown');

const entriesOf = (t: Template, type: string): [string, Resource][] =>
  Object.entries(resourcesOf(t)).filter(([, r]) => r.Type === type);
const ref = (r: unknown): string => (r as { Ref: string }).Ref;
const props = (r: Resource | undefined): Record<string, unknown> => r?.Properties ?? {};
const CONFIGS = { default: template, wide: wide.template, connected: connected.template };

function attachmentId(t: Template, owner: string): string {
  const found = entriesOf(t, 'AWS::EC2::TransitGatewayAttachment').find(([id]) => id.startsWith(`${owner}Attachment`));
  if (!found) throw new Error(`no attachment for ${owner}`);
  return found[0];
}
function tgwRoutes(t: Template, table: string): Record<string, string> {
  return Object.fromEntries(
    ofType(t, 'AWS::EC2::TransitGatewayRoute')
      .filter((r) => ref(props(r)['TransitGatewayRouteTableId']) === table)
      .map((r) => [props(r)['DestinationCidrBlock'] as string, ref(props(r)['TransitGatewayAttachmentId'])]),
  );
}

checkConfigurations(ID, { wide, connected, teardown });

describe('checks', () => {
  test('no cdk-nag finding is acknowledged by default; without VPC flow logs each VPC acknowledges VPC7', () => {
    const nagAcks = <A extends { rule: string }>(acks: readonly A[]) => acks.filter((a) => a.rule.startsWith('AwsSolutions-'));
    expect(nagAcks(entryAcknowledgements(ID))).toEqual([]);
    expect(nagAcks(wide.result.acknowledged)).toEqual([]);
    expect(nagAcks(connected.result.acknowledged).map((a) => [a.rule, a.where])).toEqual([
      ['AwsSolutions-VPC7', 'oar-network-firewall-inspection/Inspection/Vpc'],
      ['AwsSolutions-VPC7', 'oar-network-firewall-inspection/SpokeApp/Vpc'],
      ['AwsSolutions-VPC7', 'oar-network-firewall-inspection/SpokeCgnat/Vpc'],
    ]);
  });

  test('services match the resources in the template with other parameters too', () => {
    for (const r of [wide.result, connected.result]) expect(serviceErrors(ID, r.template)).toEqual([]);
  });

  test.each(Object.entries(REFUSED))('bad parameters fail at synth time with a clear message: %s', (name, [, message]) => {
    expect(runs.error(name)).toMatch(message);
  });
});

describe('what the emulator creates', () => {
  test.each(Object.entries(CONFIGS))('%s: every resource, the firewall included', (_, t) => {
    expect(unemulatedTypes(typesOf(t))).toEqual([]);
  });

  test('no custom resources', () => {
    for (const t of Object.values(CONFIGS)) expect(customResourceTypes(t)).toEqual([]);
  });
});

describe('transit gateway', () => {
  // The spokes' table is the claim spokes-only-via-firewall; this checks the exact routes per configuration.
  test("spokes' table: the default route and one static route per spoke, all to the inspection VPC", () => {
    const hub = attachmentId(wide.template, 'Inspection');
    expect(tgwRoutes(wide.template, 'SpokesRouteTable')).toEqual({
      '0.0.0.0/0': hub,
      '10.1.0.0/16': hub,
      '10.2.0.0/20': hub,
      '172.20.0.0/24': hub,
      '100.64.0.0/20': hub,
    });
    for (const t of Object.values(CONFIGS)) {
      expect(tgwRoutes(t, 'InspectionRouteTable')).toEqual({});
      t.resourceCountIs('AWS::EC2::TransitGatewayRouteTable', 2);
    }
  });

  test('only the inspection attachment runs in appliance mode; every attachment uses /28 subnets', () => {
    const subnets = Object.fromEntries(entriesOf(wide.template, 'AWS::EC2::Subnet'));
    for (const [id, a] of entriesOf(wide.template, 'AWS::EC2::TransitGatewayAttachment')) {
      const options = props(a)['Options'] as Record<string, string>;
      expect(options['ApplianceModeSupport']).toBe(id.startsWith('InspectionAttachment') ? 'enable' : 'disable');
      const ids = (props(a)['SubnetIds'] as unknown[]).map(ref);
      expect(ids.map((s) => (props(subnets[s])['CidrBlock'] as string).endsWith('/28'))).toEqual([true, true, true]);
    }
  });
});

describe('inspection VPC', () => {
  const cidrs = (t: Template, prefix: string): string[] =>
    entriesOf(t, 'AWS::EC2::Subnet')
      .filter(([id]) => id.startsWith(prefix))
      .map(([, s]) => props(s)['CidrBlock'] as string);

  test('public /27s, firewall /28s and attachment /28s in a /24', () => {
    expect(cidrs(template, 'InspectionVpc')).toEqual([
      '10.0.0.0/27',
      '10.0.0.32/27',
      '10.0.0.128/28',
      '10.0.0.144/28',
      '10.0.0.192/28',
      '10.0.0.208/28',
    ]);
  });

  test('only the inspection VPC has an internet gateway, and nothing gets a public address on launch', () => {
    for (const t of Object.values(CONFIGS)) {
      t.resourceCountIs('AWS::EC2::InternetGateway', 1);
      expect(ref(props(ofType(t, 'AWS::EC2::VPCGatewayAttachment')[0])['VpcId'])).toMatch(/^InspectionVpc/u);
      for (const s of ofType(t, 'AWS::EC2::Subnet')) expect(props(s)['MapPublicIpOnLaunch']).toBe(false);
    }
  });
});

describe('firewall', () => {
  test('one firewall per zone, named after the stack, all with the same policy', () => {
    template.resourceCountIs('AWS::NetworkFirewall::Firewall', 2);
    wide.template.resourceCountIs('AWS::NetworkFirewall::Firewall', 3);
    expect(ofType(wide.template, 'AWS::NetworkFirewall::Firewall').map((f) => props(f)['FirewallName'])).toEqual([
      'oar-network-firewall-inspection-az1',
      'oar-network-firewall-inspection-az2',
      'oar-network-firewall-inspection-az3',
    ]);
    for (const t of Object.values(CONFIGS)) t.resourceCountIs('AWS::NetworkFirewall::FirewallPolicy', 1);
  });

  test('spokeToSpoke turns the first rule from drop into pass', () => {
    const first = (t: Template): string =>
      String(
        (
          (props(ofType(t, 'AWS::NetworkFirewall::RuleGroup')[0])['RuleGroup'] as Record<string, unknown>)[
            'RulesSource'
          ] as Record<string, unknown>
        )['RulesString'],
      );
    expect(first(template)).toBe('drop ip $SPOKES any -> $SPOKES any (msg:"spoke to spoke denied"; sid:1000001; rev:1;)');
    expect(first(connected.template)).toBe('pass ip $SPOKES any -> $SPOKES any (msg:"spoke to spoke passed"; sid:1000001; rev:1;)');
  });

  test('the teardown configuration turns delete protection off and nothing else', () => {
    for (const f of ofType(teardown.template, 'AWS::NetworkFirewall::Firewall')) expect(props(f)['DeleteProtection']).toBe(false);
    for (const f of ofType(template, 'AWS::NetworkFirewall::Firewall')) expect(props(f)['DeleteProtection']).toBe(true);
    expect(Object.keys(resourcesOf(teardown.template))).toEqual(Object.keys(resourcesOf(template)));
  });

  test('the VPC flow logs go to one group; without them there are three retained groups left', () => {
    connected.template.resourceCountIs('AWS::Logs::LogGroup', 3);
    connected.template.hasOutput('VpcFlowLogGroupName', { Value: 'none' });
    template.resourceCountIs('AWS::Logs::LogGroup', 4);
  });
});
