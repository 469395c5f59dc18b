import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeFlowLogsCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** azCount's default. */
const ZONES = 2;

/** An output of the form `name=value,name=value` as a map. */
function pairs(stack: DeployedStack, output: string): Map<string, string> {
  return new Map(
    (stack.outputs[output] ?? '').split(',').map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return [name, value];
    }),
  );
}

async function tableOf(ec2: EC2Client, subnet: string): Promise<RouteTable | undefined> {
  const { RouteTables = [] } = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
  );
  expect(RouteTables, `the route table of ${subnet}`).toHaveLength(1);
  return RouteTables[0];
}

async function zonesOf(ec2: EC2Client, subnets: string[]): Promise<Map<string, string>> {
  const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
  return new Map(Subnets.map((s) => [s.SubnetId ?? '', s.AvailabilityZone ?? '']));
}

export default [
  readBack(
    'Spokes cannot reach each other: the transit gateway associates and propagates nothing by itself, nothing propagates into the spokes table, and it blackholes every private range',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { TransitGateways = [] } = await ec2.send(
        new DescribeTransitGatewaysCommand({ TransitGatewayIds: [stack.outputs['TransitGatewayId'] ?? ''] }),
      );
      expect(TransitGateways[0]?.Options).toMatchObject({
        DefaultRouteTableAssociation: 'disable',
        DefaultRouteTablePropagation: 'disable',
        AutoAcceptSharedAttachments: 'disable',
      });
      const spokes = stack.outputs['SpokesRouteTableId'] ?? '';
      const propagated = await ec2.send(
        new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: spokes }),
      );
      expect(propagated.TransitGatewayRouteTablePropagations).toEqual([]);
      const { Routes = [] } = await ec2.send(
        new SearchTransitGatewayRoutesCommand({
          TransitGatewayRouteTableId: spokes,
          Filters: [{ Name: 'state', Values: ['blackhole'] }],
        }),
      );
      expect(Routes.map((r) => r.DestinationCidrBlock).sort()).toEqual([...RFC1918].sort());
    },
    'spoke-isolation',
  ),
  readBack(
    "Every spoke's default route leads through the transit gateway to the egress VPC: spokes are associated with the spokes table, whose default route goes to the egress attachment, and propagate into the egress table that returns the replies",
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const egress = stack.outputs['EgressAttachmentId'] ?? '';
      const spokesTable = stack.outputs['SpokesRouteTableId'] ?? '';
      const egressTable = stack.outputs['EgressRouteTableId'] ?? '';
      const { Routes = [] } = await ec2.send(
        new SearchTransitGatewayRoutesCommand({
          TransitGatewayRouteTableId: spokesTable,
          Filters: [{ Name: 'route-search.exact-match', Values: ['0.0.0.0/0'] }],
        }),
      );
      expect(
        Routes.map((r) => [r.State, r.TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId)]),
      ).toEqual([['active', [egress]]]);
      const associated = async (table: string) =>
        (
          (await ec2.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: table })))
            .Associations ?? []
        )
          .map((a) => a.TransitGatewayAttachmentId)
          .sort();
      const spokeAttachments = [...pairs(stack, 'SpokeAttachmentIds').values()].sort();
      expect(await associated(egressTable)).toEqual([egress]);
      expect(await associated(spokesTable)).toEqual(spokeAttachments);
      const { TransitGatewayRouteTablePropagations = [] } = await ec2.send(
        new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: egressTable }),
      );
      expect(TransitGatewayRouteTablePropagations.map((p) => p.TransitGatewayAttachmentId).sort()).toEqual(
        spokeAttachments,
      );
      for (const [spoke, subnets] of pairs(stack, 'SpokeWorkloadSubnetIds')) {
        for (const subnet of subnets.split(' ')) {
          const defaults =
            (await tableOf(ec2, subnet))?.Routes?.filter((r) => r.DestinationCidrBlock === '0.0.0.0/0') ?? [];
          expect(
            defaults.map((r) => r.TransitGatewayId),
            `the default route of ${spoke} subnet ${subnet}`,
          ).toEqual([stack.outputs['TransitGatewayId']]);
        }
      }
    },
    'egress-path-complete',
  ),
  readBack(
    'Every zone has its own NAT gateway in the egress VPC, with one of the EgressPublicIps, and the attachment subnet of each zone sends internet traffic to the NAT gateway of its zone; every VPC is attached in every zone',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { NatGateways = [] } = await ec2.send(
        new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [stack.outputs['EgressVpcId'] ?? ''] }] }),
      );
      expect(NatGateways).toHaveLength(ZONES);
      const ips = NatGateways.flatMap((n) => (n.NatGatewayAddresses ?? []).map((a) => a.PublicIp)).sort();
      expect(ips).toEqual((stack.outputs['EgressPublicIps'] ?? '').split(',').sort());
      const natZones = await zonesOf(
        ec2,
        NatGateways.map((n) => n.SubnetId ?? ''),
      );
      const natZone = new Map(NatGateways.map((n) => [n.NatGatewayId ?? '', natZones.get(n.SubnetId ?? '')]));
      expect(new Set(natZone.values()).size).toBe(ZONES);
      const attachmentIds = [stack.outputs['EgressAttachmentId'] ?? '', ...pairs(stack, 'SpokeAttachmentIds').values()];
      const { TransitGatewayVpcAttachments = [] } = await ec2.send(
        new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: attachmentIds }),
      );
      expect(TransitGatewayVpcAttachments).toHaveLength(attachmentIds.length);
      for (const attachment of TransitGatewayVpcAttachments) {
        const zones = await zonesOf(ec2, attachment.SubnetIds ?? []);
        expect(new Set(zones.values()).size, `the zones of ${attachment.TransitGatewayAttachmentId}`).toBe(ZONES);
        if (attachment.TransitGatewayAttachmentId !== stack.outputs['EgressAttachmentId']) continue;
        for (const [subnet, zone] of zones) {
          const defaults =
            (await tableOf(ec2, subnet))?.Routes?.filter((r) => r.DestinationCidrBlock === '0.0.0.0/0') ?? [];
          expect(defaults).toHaveLength(1);
          expect(
            natZone.get(defaults[0]?.NatGatewayId ?? ''),
            `the NAT gateway of egress attachment subnet ${subnet}`,
          ).toBe(zone);
        }
      }
    },
    'zonal-egress',
  ),
  readBack(
    'The transit gateway and every VPC have a flow log, into log groups that keep logs for 90 days',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const tgwGroup = stack.outputs['TransitGatewayFlowLogGroupName'] ?? '';
      const vpcGroup = stack.outputs['VpcFlowLogGroupName'] ?? '';
      const vpcs = [stack.outputs['EgressVpcId'] ?? '', ...pairs(stack, 'SpokeVpcIds').values()];
      const expected = [[stack.outputs['TransitGatewayId'], tgwGroup], ...vpcs.map((vpc) => [vpc, vpcGroup])];
      for (const [resource, group] of expected) {
        const { FlowLogs = [] } = await ec2.send(
          new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [resource ?? ''] }] }),
        );
        expect(
          FlowLogs.map((f) => f.LogGroupName),
          `the flow log of ${resource}`,
        ).toEqual([group]);
      }
      const logs = new CloudWatchLogsClient(stack.aws);
      for (const name of [tgwGroup, vpcGroup]) {
        const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
        expect(logGroups.find((g) => g.logGroupName === name)?.retentionInDays, name).toBe(90);
      }
    },
    'flow-logs-retained',
  ),
  readBack(
    'Every spoke workload subnet reaches S3 and DynamoDB through gateway endpoints in its route table',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      for (const [spoke, vpc] of pairs(stack, 'SpokeVpcIds')) {
        const { VpcEndpoints = [] } = await ec2.send(
          new DescribeVpcEndpointsCommand({
            Filters: [
              { Name: 'vpc-id', Values: [vpc] },
              { Name: 'vpc-endpoint-type', Values: ['Gateway'] },
            ],
          }),
        );
        for (const subnet of (pairs(stack, 'SpokeWorkloadSubnetIds').get(spoke) ?? '').split(' ')) {
          const table = (await tableOf(ec2, subnet))?.RouteTableId ?? '';
          const services = VpcEndpoints.filter((e) => e.RouteTableIds?.includes(table)).map((e) =>
            e.ServiceName?.split('.').at(-1),
          );
          expect(services.sort(), `the gateway endpoints of ${spoke} subnet ${subnet}`).toEqual(['dynamodb', 's3']);
        }
      }
    },
    'spoke-gateway-endpoints',
  ),
];
