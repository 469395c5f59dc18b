import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryAcknowledgements, entryTemplate, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, resourcesOf, typesOf, type Resource } from '../../../test/helpers/template.ts';

const ID = 'transit-gateway-hub-spoke';
const REFUSED = {
  spokesOverlap: [
    ['spokes=a=10.1.0.0/16,b=10.1.128.0/20'],
    /spoke a 10\.1\.0\.0\/16 overlaps spoke b 10\.1\.128\.0\/20/u,
  ],
  egressOverlaps: [['egressVpcCidr=10.1.0.0/24'], /egressVpcCidr 10\.1\.0\.0\/24 overlaps spoke app 10\.1\.0\.0\/16/u],
  sameName: [['spokes=a=10.1.0.0/16,a=10.2.0.0/16'], /names a and a are the same/u],
  hostBits: [['spokes=a=10.1.0.1/16'], /host bits set; write 10\.1\.0\.0\/16/u],
  publicAsn: [['amazonSideAsn=65535'], /not a private ASN/u],
} as const;
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  // Three zones, four isolated spokes (one outside RFC 1918), an egress VPC equal to a private range.
  wide: [
    'azCount=3',
    'egressVpcCidr=192.168.0.0/16',
    'spokes=app=10.1.0.0/16,data=10.2.0.0/20,edge=172.20.0.0/24,cgnat=100.64.0.0/20',
  ],
  // Spokes routed to each other, one of them outside RFC 1918; no VPC flow logs, no gateway endpoints.
  connected: [
    'spokeToSpoke=true',
    'spokes=app=10.1.0.0/16,cgnat=100.64.0.0/20',
    'vpcFlowLogs=false',
    'spokeGatewayEndpoints=false',
    'flowLogRetentionDays=365',
    'amazonSideAsn=4200000001',
  ],
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const wide = runs.ok('wide');
const connected = runs.ok('connected');

const entriesOf = (t: Template, type: string): [string, Resource][] =>
  Object.entries(resourcesOf(t)).filter(([, r]) => r.Type === type);
const ref = (r: unknown): string => (r as { Ref: string }).Ref;
const props = (r: Resource | undefined): Record<string, unknown> => r?.Properties ?? {};

/** Logical id of the attachment of a VPC construct (Egress, SpokeApp, …). */
function attachmentId(t: Template, owner: string): string {
  const found = entriesOf(t, 'AWS::EC2::TransitGatewayAttachment').find(([id]) => id.startsWith(`${owner}Attachment`));
  if (!found) throw new Error(`no attachment for ${owner}`);
  return found[0];
}
/** Routes of one transit gateway route table, as destination -> target attachment id or 'blackhole'. */
function tgwRoutes(t: Template, table: string): Record<string, string> {
  return Object.fromEntries(
    ofType(t, 'AWS::EC2::TransitGatewayRoute')
      .filter((r) => ref(props(r)['TransitGatewayRouteTableId']) === table)
      .map((r) => [
        props(r)['DestinationCidrBlock'] as string,
        props(r)['Blackhole'] === true ? 'blackhole' : ref(props(r)['TransitGatewayAttachmentId']),
      ]),
  );
}
/** attachment logical id -> route table logical id, for associations or propagations. */
function links(t: Template, type: string): [string, string][] {
  return ofType(t, type)
    .map((r): [string, string] => [
      ref(props(r)['TransitGatewayAttachmentId']),
      ref(props(r)['TransitGatewayRouteTableId']),
    ])
    .sort();
}
/** Every VPC route, by the logical id of its route table. */
function vpcRoutes(
  t: Template,
): { table: string; dest: string; target: Record<string, unknown>; dependsOn: string[] }[] {
  return ofType(t, 'AWS::EC2::Route').map((r) => {
    const { RouteTableId, DestinationCidrBlock, ...target } = props(r);
    return { table: ref(RouteTableId), dest: DestinationCidrBlock as string, target, dependsOn: r.DependsOn ?? [] };
  });
}

const CONFIGS = { default: template, wide: wide.template, connected: connected.template };

checkConfigurations(ID, { wide, connected });

describe('checks', () => {
  test('no cdk-nag finding is acknowledged by default; without VPC flow logs each VPC acknowledges VPC7', () => {
    // CDK itself acknowledges a few cfn-lint rules on its own constructs; only cdk-nag ones are this entry's.
    const nagAcks = <A extends { rule: string }>(acks: readonly A[]) =>
      acks.filter((a) => a.rule.startsWith('AwsSolutions-'));
    expect(nagAcks(entryAcknowledgements(ID))).toEqual([]);
    expect(nagAcks(wide.result.acknowledged)).toEqual([]);
    expect(nagAcks(connected.result.acknowledged).map((a) => [a.rule, a.where])).toEqual([
      ['AwsSolutions-VPC7', 'oar-transit-gateway-hub-spoke/Egress/Vpc'],
      ['AwsSolutions-VPC7', 'oar-transit-gateway-hub-spoke/SpokeApp/Vpc'],
      ['AwsSolutions-VPC7', 'oar-transit-gateway-hub-spoke/SpokeCgnat/Vpc'],
    ]);
  });

  test('services match the resources in the template with other parameters too', () => {
    for (const r of [wide.result, connected.result]) {
      expect(serviceErrors(ID, r.template)).toEqual([]);
    }
  });
});

describe('what the emulator creates', () => {
  // Attachments, route tables, routes, associations and propagations come from generators/emulator (issue 16).
  test.each(Object.entries(CONFIGS))('%s: every resource, the routing included', (_, t) => {
    expect(unemulatedTypes(typesOf(t))).toEqual([]);
  });

  test('no custom resources', () => {
    for (const t of Object.values(CONFIGS)) {
      expect(customResourceTypes(t)).toEqual([]);
    }
  });
});

describe('transit gateway', () => {
  // No default association, propagation or acceptance is the claim spoke-isolation (cdk/claims.ts).
  test('one transit gateway with two route tables, the chosen ASN, DNS and VPN ECMP on', () => {
    template.hasResourceProperties('AWS::EC2::TransitGateway', {
      AmazonSideAsn: 64512,
      DnsSupport: 'enable',
      VpnEcmpSupport: 'enable',
      MulticastSupport: 'disable',
    });
    connected.template.hasResourceProperties('AWS::EC2::TransitGateway', { AmazonSideAsn: 4200000001 });
    for (const t of Object.values(CONFIGS)) {
      t.resourceCountIs('AWS::EC2::TransitGateway', 1);
      t.resourceCountIs('AWS::EC2::TransitGatewayRouteTable', 2);
    }
  });

  // Associations and the spokes' propagations are the claims egress-path-complete and spoke-isolation.
  test('the egress VPC propagates into no route table', () => {
    for (const t of Object.values(CONFIGS)) {
      const egress = attachmentId(t, 'Egress');
      expect(links(t, 'AWS::EC2::TransitGatewayRouteTablePropagation').filter(([a]) => a === egress)).toEqual([]);
    }
  });

  // The claims check that these routes exist; this test checks that there are no others.
  test('spokes table: exactly the default route to the egress VPC and the blackholes', () => {
    const blackholes = { '10.0.0.0/8': 'blackhole', '172.16.0.0/12': 'blackhole', '192.168.0.0/16': 'blackhole' };
    expect(tgwRoutes(template, 'SpokesRouteTable')).toEqual({
      '0.0.0.0/0': attachmentId(template, 'Egress'),
      ...blackholes,
    });
    // An isolated spoke outside RFC 1918 gets its own blackhole …
    expect(tgwRoutes(wide.template, 'SpokesRouteTable')).toEqual({
      '0.0.0.0/0': attachmentId(wide.template, 'Egress'),
      ...blackholes,
      '100.64.0.0/20': 'blackhole',
    });
    // … but a connected one is propagated instead, and a static blackhole would override its propagated route.
    expect(tgwRoutes(connected.template, 'SpokesRouteTable')).toEqual({
      '0.0.0.0/0': attachmentId(connected.template, 'Egress'),
      ...blackholes,
    });
  });

  test('the egress table has no static routes: it only learns the spokes by propagation', () => {
    for (const t of Object.values(CONFIGS)) expect(tgwRoutes(t, 'EgressRouteTable')).toEqual({});
  });

  // One attachment subnet per zone in every VPC is the claim zonal-egress (cdk/claims.ts).
  test('attachments use /28 subnets, DNS support on, appliance mode off', () => {
    const subnets = Object.fromEntries(entriesOf(wide.template, 'AWS::EC2::Subnet'));
    const attachments = ofType(wide.template, 'AWS::EC2::TransitGatewayAttachment');
    expect(attachments).toHaveLength(5);
    for (const a of attachments) {
      expect(props(a)['Options']).toEqual({
        DnsSupport: 'enable',
        Ipv6Support: 'disable',
        ApplianceModeSupport: 'disable',
      });
      const ids = (props(a)['SubnetIds'] as unknown[]).map(ref);
      expect(ids.map((id) => (props(subnets[id])['CidrBlock'] as string).endsWith('/28'))).toEqual([true, true, true]);
    }
  });
});

describe('VPC routing', () => {
  // One NAT gateway per zone in the egress VPC is the claim zonal-egress (cdk/claims.ts).
  test('only the egress VPC has an internet gateway', () => {
    for (const t of [template, wide.template]) {
      t.resourceCountIs('AWS::EC2::InternetGateway', 1);
      expect(ref(props(ofType(t, 'AWS::EC2::VPCGatewayAttachment')[0])['VpcId'])).toMatch(/^EgressVpc/);
    }
  });

  test('attachment subnets in the spokes keep only the local route', () => {
    for (const t of Object.values(CONFIGS)) {
      expect(vpcRoutes(t).filter((r) => /^Spoke\w+VpcAttachmentSubnet/u.test(r.table))).toEqual([]);
    }
  });

  // That they cover every spoke is the claim egress-path-complete; this test checks the exact ranges.
  test('egress public subnets return exactly the private ranges and outside spokes to the transit gateway', () => {
    const returns = (t: Template): string[] =>
      [
        ...new Set(
          vpcRoutes(t)
            .filter((r) => r.table.startsWith('EgressVpcPublicSubnet') && 'TransitGatewayId' in r.target)
            .map((r) => r.dest),
        ),
      ].sort();
    expect(returns(template)).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    // The egress VPC itself is 192.168.0.0/16 here, and a VPC route cannot equal its local range.
    expect(returns(wide.template)).toEqual(['10.0.0.0/8', '100.64.0.0/20', '172.16.0.0/12']);
    for (const r of vpcRoutes(template).filter((v) => 'TransitGatewayId' in v.target && v.table.startsWith('Egress'))) {
      expect(r.dependsOn).toEqual([attachmentId(template, 'Egress')]);
    }
  });

  test('nothing gets a public address on launch', () => {
    for (const t of Object.values(CONFIGS)) {
      for (const s of ofType(t, 'AWS::EC2::Subnet')) expect(props(s)['MapPublicIpOnLaunch']).toBe(false);
    }
  });
});

describe('address plan', () => {
  const cidrs = (t: Template, prefix: string): Record<string, string> =>
    Object.fromEntries(
      entriesOf(t, 'AWS::EC2::Subnet')
        .filter(([id]) => id.startsWith(prefix))
        .map(([id, s]) => [id, props(s)['CidrBlock'] as string]),
    );

  test('zone i uses quarter i of the VPC; attachment /28s sit in the last quarter', () => {
    expect(Object.values(cidrs(template, 'SpokeApp'))).toEqual([
      '10.1.0.0/18',
      '10.1.64.0/18',
      '10.1.192.0/28',
      '10.1.192.16/28',
    ]);
    expect(Object.values(cidrs(template, 'Egress'))).toEqual([
      '10.0.0.0/26',
      '10.0.0.64/26',
      '10.0.0.192/28',
      '10.0.0.208/28',
    ]);
    expect(Object.values(cidrs(wide.template, 'SpokeEdge'))).toEqual([
      '172.20.0.0/26',
      '172.20.0.64/26',
      '172.20.0.128/26',
      '172.20.0.192/28',
      '172.20.0.208/28',
      '172.20.0.224/28',
    ]);
  });

  test('a third zone only adds subnets: the first two keep their logical ids and CIDR blocks', () => {
    const two = cidrs(template, 'SpokeApp');
    const three = cidrs(wide.template, 'SpokeApp');
    expect(Object.keys(three)).toHaveLength(6);
    for (const [id, cidr] of Object.entries(two)) expect(three[id]).toBe(cidr);
  });

  test('subnets span two zones by default and three with azCount=3', () => {
    const zones = (t: Template): number =>
      new Set(ofType(t, 'AWS::EC2::Subnet').map((s) => JSON.stringify(props(s)['AvailabilityZone']))).size;
    expect(zones(template)).toBe(2);
    expect(zones(wide.template)).toBe(3);
    template.resourceCountIs('AWS::EC2::VPC', 3);
    wide.template.resourceCountIs('AWS::EC2::VPC', 5);
  });

  test.each(Object.entries(REFUSED))(
    'overlapping or malformed address plans fail at synth time with a clear message: %s',
    (name, [, message]) => {
      expect(runs.error(name)).toMatch(message);
    },
  );
});

describe('flow logs and endpoints', () => {
  test('a transit gateway flow log with one-minute aggregation and no traffic type', () => {
    for (const t of Object.values(CONFIGS)) {
      const logs = ofType(t, 'AWS::EC2::FlowLog').filter((f) => props(f)['ResourceType'] === 'TransitGateway');
      expect(logs).toHaveLength(1);
      expect(props(logs[0])).toMatchObject({
        ResourceId: { Ref: 'TransitGateway' },
        MaxAggregationInterval: 60,
        LogDestinationType: 'cloud-watch-logs',
      });
      expect(ref(props(logs[0])['LogGroupName'])).toMatch(/^TransitGatewayFlowLogGroup/u);
      expect(props(logs[0])['TrafficType']).toBeUndefined();
    }
  });

  // Which VPCs are logged and the retained groups are the claim flow-logs-retained (cdk/claims.ts).
  test('VPC flow logs record all traffic into one group, or there is none with vpcFlowLogs=false', () => {
    const vpcLogs = (t: Template): Resource[] =>
      ofType(t, 'AWS::EC2::FlowLog').filter((f) => props(f)['ResourceType'] === 'VPC');
    for (const f of vpcLogs(template)) {
      expect(props(f)['TrafficType']).toBe('ALL');
      expect(ref(props(f)['LogGroupName'])).toMatch(/^VpcFlowLogGroup/u);
    }
    connected.template.resourceCountIs('AWS::Logs::LogGroup', 1);
    connected.template.hasOutput('VpcFlowLogGroupName', { Value: 'none' });
  });

  test('the flow log role trusts only flow logs of this account', () => {
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: Match.anyValue() },
          }),
        ],
      },
    });
  });

});

describe('outputs', () => {
  test('spoke outputs are name=value lists, public addresses one per zone', () => {
    const joined = JSON.stringify(template.toJSON()['Outputs']);
    expect(joined).toContain('"app"');
    expect(joined).toContain('"analytics"');
    const ips = (t: Template): unknown[] =>
      (t.toJSON()['Outputs'] as Record<string, { Value: { 'Fn::Join': [string, unknown[]] } }>)['EgressPublicIps']
        ?.Value['Fn::Join'][1] ?? [];
    expect(ips(template)).toHaveLength(2);
    expect(ips(wide.template)).toHaveLength(3);
    template.hasOutput('SpokesRouteTableId', { Value: { Ref: 'SpokesRouteTable' } });
    template.hasOutput('EgressRouteTableId', { Value: { Ref: 'EgressRouteTable' } });
  });
});
