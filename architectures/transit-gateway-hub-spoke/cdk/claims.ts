import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, type Json, tagOf, zoneIndexOf, routeTableOf } from '../../../generators/check/claims/template-queries.ts';

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const EIP_QUOTA = 5;

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';

/** The subnets of one subnet group of one VPC construct (Egress or Spoke<Name>). */
function subnets(t: ClaimContext, owner: string, group: 'Public' | 'Attachment' | 'Workload') {
  return t
    .resources('AWS::EC2::Subnet')
    .filter((s) => s.id.startsWith(`${owner}Vpc`) && tagOf(s.Properties, 'aws-cdk:subnet-name') === group);
}

function routesOf(t: ClaimContext, subnetId: string) {
  const table = routeTableOf(t, subnetId);
  return t.resources('AWS::EC2::Route').filter((r) => ref(r.Properties?.['RouteTableId']) === table);
}

/** The spokes as the parameter lists them: name and CIDR block. */
function spokesOf(t: ClaimContext): { name: string; owner: string; cidr: string }[] {
  return String(t.parameters['spokes'])
    .split(',')
    .map((pair) => {
      const [name = '', cidr = ''] = pair.split('=');
      const owner = `Spoke${name
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('')}`;
      return { name, owner, cidr };
    });
}

function attachmentOf(t: ClaimContext, owner: string): string {
  const found = t.resources('AWS::EC2::TransitGatewayAttachment').filter((a) => a.id.startsWith(`${owner}Attachment`));
  assert.equal(found.length, 1, `${owner} has not exactly one transit gateway attachment`);
  return found[0]?.id ?? '';
}

/** attachment -> route tables, for associations or propagations. */
function links(t: ClaimContext, type: string, attachment: string): string[] {
  return t
    .resources(type)
    .filter((l) => ref(l.Properties?.['TransitGatewayAttachmentId']) === attachment)
    .map((l) => ref(l.Properties?.['TransitGatewayRouteTableId']))
    .sort();
}

function tgwRoutes(t: ClaimContext, table: string): Json[] {
  return t
    .resources('AWS::EC2::TransitGatewayRoute')
    .map((r) => r.Properties ?? {})
    .filter((p) => ref(p['TransitGatewayRouteTableId']) === table);
}

function toNumber(address: string): number {
  return address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** Whether CIDR block `outer` contains all of `inner`. */
function covers(outer: string, inner: string): boolean {
  const [oa = '', op = '32'] = outer.split('/');
  const [ia = '', ip = '32'] = inner.split('/');
  if (Number(ip) < Number(op)) return false;
  const size = 2 ** (32 - Number(op));
  return Math.floor(toNumber(ia) / size) === Math.floor(toNumber(oa) / size);
}

function inRfc1918(cidr: string): boolean {
  const [a = 0, b = 0] = cidr.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export default [
  claim(
    'zonal-egress',
    'Every Availability Zone has its own NAT gateway in the egress VPC, the attachment subnet of each zone sends internet traffic to that one, and every VPC is attached in every zone',
    (t) => {
      const azCount = Number(t.parameters['azCount']);
      const nats = t.resources('AWS::EC2::NatGateway');
      assert.equal(nats.length, azCount, `expected ${azCount} NAT gateways, one per zone`);
      const publicSubnets = subnets(t, 'Egress', 'Public').map((s) => s.id);
      for (const nat of nats) {
        assert.ok(publicSubnets.includes(ref(nat.Properties?.['SubnetId'])), `NAT gateway ${nat.id} is not in a public subnet of the egress VPC`);
      }
      const attachmentSubnets = subnets(t, 'Egress', 'Attachment');
      assert.equal(attachmentSubnets.length, azCount, 'the egress VPC does not have one attachment subnet per zone');
      for (const subnet of attachmentSubnets) {
        const defaults = routesOf(t, subnet.id).filter((r) => r.Properties?.['DestinationCidrBlock'] === '0.0.0.0/0');
        assert.equal(defaults.length, 1, `egress attachment subnet ${subnet.id} has no single default route`);
        const nat = nats.find((n) => n.id === ref(defaults[0]?.Properties?.['NatGatewayId']));
        assert.ok(nat, `egress attachment subnet ${subnet.id} does not send internet traffic to a NAT gateway`);
        assert.equal(zoneIndexOf(t, ref(nat.Properties?.['SubnetId'])), zoneIndexOf(t, subnet.id), `egress attachment subnet ${subnet.id} uses the NAT gateway of another zone`);
      }
      for (const owner of ['Egress', ...spokesOf(t).map((s) => s.owner)]) {
        const attachment = t.resources('AWS::EC2::TransitGatewayAttachment').find((a) => a.id === attachmentOf(t, owner));
        const zones = asList(attachment?.Properties?.['SubnetIds'])
          .map((s) => zoneIndexOf(t, ref(s)))
          .sort();
        assert.deepEqual(zones, Array.from({ length: azCount }, (_, i) => i), `${owner} is not attached in every zone`);
      }
    },
  ),

  claim(
    'egress-path-complete',
    'Every spoke reaches the internet through the transit gateway and the egress VPC, and the egress VPC knows how to send replies back to every spoke',
    (t) => {
      const [spokesTable] = t.resources('AWS::EC2::TransitGatewayRouteTable').filter((r) => r.id.startsWith('SpokesRouteTable'));
      const [egressTable] = t.resources('AWS::EC2::TransitGatewayRouteTable').filter((r) => r.id.startsWith('EgressRouteTable'));
      assert.ok(spokesTable && egressTable, 'the two transit gateway route tables are missing');
      const egress = attachmentOf(t, 'Egress');
      assert.deepEqual(links(t, 'AWS::EC2::TransitGatewayRouteTableAssociation', egress), [egressTable.id], 'the egress VPC is not associated with the egress table');
      const toEgress = tgwRoutes(t, spokesTable.id).filter((r) => r['DestinationCidrBlock'] === '0.0.0.0/0');
      assert.deepEqual(toEgress.map((r) => ref(r['TransitGatewayAttachmentId'])), [egress], "the spokes' default route does not lead to the egress VPC");
      const returnRanges = new Set(
        subnets(t, 'Egress', 'Public').map((s) =>
          routesOf(t, s.id)
            .filter((r) => ref(r.Properties?.['TransitGatewayId']) !== '')
            .map((r) => String(r.Properties?.['DestinationCidrBlock']))
            .sort()
            .join(' '),
        ),
      );
      assert.equal(returnRanges.size, 1, 'the public subnets of the egress VPC return different ranges to the transit gateway');
      const returned = [...returnRanges][0]?.split(' ') ?? [];
      for (const spoke of spokesOf(t)) {
        const attachment = attachmentOf(t, spoke.owner);
        assert.deepEqual(links(t, 'AWS::EC2::TransitGatewayRouteTableAssociation', attachment), [spokesTable.id], `spoke ${spoke.name} is not associated with the spokes table`);
        assert.ok(links(t, 'AWS::EC2::TransitGatewayRouteTablePropagation', attachment).includes(egressTable.id), `spoke ${spoke.name} is not propagated to the egress table, so replies cannot reach it`);
        assert.ok(
          returned.some((range) => covers(range, spoke.cidr)),
          `the egress VPC does not route replies for spoke ${spoke.name} ${spoke.cidr} to the transit gateway`,
        );
        for (const subnet of subnets(t, spoke.owner, 'Workload')) {
          const routes = routesOf(t, subnet.id);
          const defaults = routes.filter((r) => r.Properties?.['DestinationCidrBlock'] === '0.0.0.0/0');
          assert.equal(defaults.length, 1, `workload subnet ${subnet.id} of spoke ${spoke.name} has no single default route`);
          assert.equal(ref(defaults[0]?.Properties?.['TransitGatewayId']), 'TransitGateway', `workload subnet ${subnet.id} does not send its default route to the transit gateway`);
          assert.ok(asList(defaults[0]?.DependsOn).includes(attachment), `the default route of ${subnet.id} may be created before the attachment exists`);
        }
      }
    },
  ),

  claim(
    'spoke-isolation',
    'Unless spokeToSpoke is on, spokes cannot reach each other: nothing propagates into their route table, and every private range and every spoke outside them is blackholed',
    (t) => {
      const [tgw] = t.resources('AWS::EC2::TransitGateway');
      const p = tgw?.Properties ?? {};
      assert.deepEqual(
        [p['DefaultRouteTableAssociation'], p['DefaultRouteTablePropagation'], p['AutoAcceptSharedAttachments']],
        ['disable', 'disable', 'disable'],
        'the transit gateway associates, propagates or accepts attachments by itself',
      );
      const [spokesTable] = t.resources('AWS::EC2::TransitGatewayRouteTable').filter((r) => r.id.startsWith('SpokesRouteTable'));
      const blackholes = tgwRoutes(t, spokesTable?.id ?? '')
        .filter((r) => r['Blackhole'] === true)
        .map((r) => String(r['DestinationCidrBlock']));
      for (const range of RFC1918) assert.ok(blackholes.includes(range), `the spokes table does not blackhole ${range}`);
      const connected = t.parameters['spokeToSpoke'] === true;
      const propagatedIntoSpokes = t
        .resources('AWS::EC2::TransitGatewayRouteTablePropagation')
        .filter((l) => ref(l.Properties?.['TransitGatewayRouteTableId']) === spokesTable?.id)
        .map((l) => ref(l.Properties?.['TransitGatewayAttachmentId']))
        .sort();
      const spokes = spokesOf(t);
      assert.deepEqual(
        propagatedIntoSpokes,
        connected ? spokes.map((s) => attachmentOf(t, s.owner)).sort() : [],
        connected ? 'not every spoke is propagated into the spokes table' : 'a spoke is propagated into the spokes table, which opens it to every other spoke',
      );
      if (!connected) {
        for (const spoke of spokes.filter((s) => !inRfc1918(s.cidr))) {
          assert.ok(blackholes.includes(spoke.cidr), `spoke ${spoke.name} ${spoke.cidr} is outside the private ranges and not blackholed`);
        }
      }
    },
  ),

  claim('spoke-gateway-endpoints', 'With spokeGatewayEndpoints on, every spoke reaches S3 and DynamoDB through gateway endpoints, not through the transit gateway', (t) => {
    const on = t.parameters['spokeGatewayEndpoints'] === true;
    const endpoints = t.resources('AWS::EC2::VPCEndpoint').filter((e) => e.Properties?.['VpcEndpointType'] === 'Gateway');
    for (const spoke of spokesOf(t)) {
      for (const subnet of subnets(t, spoke.owner, 'Workload')) {
        const table = routeTableOf(t, subnet.id);
        const serving = endpoints.filter((e) => asList(e.Properties?.['RouteTableIds']).map(ref).includes(table));
        assert.equal(serving.length, on ? 2 : 0, `workload subnet ${subnet.id} of spoke ${spoke.name} has ${serving.length} gateway endpoints`);
      }
    }
  }),

  claim(
    'addresses-within-quota',
    'The stack takes one Elastic IP address per Availability Zone, at most three of the five a Region allows by default',
    (t) => {
      const eips = t.resources('AWS::EC2::EIP').length;
      assert.equal(eips, Number(t.parameters['azCount']), 'not one Elastic IP address per zone');
      assert.ok(eips <= 3 && eips < EIP_QUOTA, `${eips} Elastic IP addresses leave no room in the default quota of ${EIP_QUOTA}`);
    },
  ),

  claim(
    'flow-logs-retained',
    'The transit gateway flow log, and with vpcFlowLogs the flow logs of every VPC, go to log groups that outlive the stack',
    (t) => {
      const logs = t.resources('AWS::EC2::FlowLog');
      const groups = t.resources('AWS::Logs::LogGroup');
      const tgwLog = logs.find((l) => l.Properties?.['ResourceType'] === 'TransitGateway');
      assert.ok(tgwLog, 'there is no transit gateway flow log');
      const vpcLogs = logs.filter((l) => l.Properties?.['ResourceType'] === 'VPC');
      const vpcs = t.resources('AWS::EC2::VPC').map((v) => v.id).sort();
      assert.deepEqual(
        vpcLogs.map((l) => ref(l.Properties?.['ResourceId'])).sort(),
        t.parameters['vpcFlowLogs'] === true ? vpcs : [],
        'the VPC flow logs do not cover exactly the VPCs vpcFlowLogs asks for',
      );
      for (const log of [tgwLog, ...vpcLogs]) {
        const group = groups.find((g) => g.id === ref(log.Properties?.['LogGroupName']));
        assert.ok(group, `flow log ${log.id} does not write to a log group of this stack`);
        assert.equal(group.DeletionPolicy, 'Retain', `log group ${group.id} is deleted with the stack`);
        assert.equal(group.Properties?.['RetentionInDays'], t.parameters['flowLogRetentionDays'], `log group ${group.id} keeps logs for another period`);
      }
    },
  ),
];
