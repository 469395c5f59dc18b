import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeFlowLogsCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  type NetworkAcl,
  type NetworkAclEntry,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** The quarters of the default vpcCidr 10.20.0.0/16 that hold each zone's subnets. */
const CIDRS = { Dmz: '10.20.0.0/18', App: '10.20.64.0/18', Data: '10.20.128.0/18' } as const;
type Zone = keyof typeof CIDRS;
const ZONES = Object.keys(CIDRS) as Zone[];
/** azCount's, appPort's and dataPorts' defaults. */
const AZ_COUNT = 2;
const APP_PORT = 8080;
const DATA_PORTS = [5432, 3306, 6379];
/** EC2's own last rule of every network ACL, which denies everything else. */
const CATCH_ALL = 32767;

const subnetsOf = (stack: DeployedStack, zone: Zone): string[] => (stack.outputs[`${zone}SubnetIds`] ?? '').split(',');

/** The network ACL each subnet of a zone is associated with; there must be one, and not the default. */
async function aclOf(ec2: EC2Client, stack: DeployedStack, zone: Zone): Promise<NetworkAcl> {
  const { NetworkAcls = [] } = await ec2.send(
    new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: subnetsOf(stack, zone) }] }),
  );
  expect(NetworkAcls, `the network ACLs of the ${zone} subnets`).toHaveLength(1);
  const acl = NetworkAcls[0] ?? {};
  expect(acl.IsDefault).toBe(false);
  const associated = (acl.Associations ?? []).map((a) => a.SubnetId).sort();
  expect(associated).toEqual([...subnetsOf(stack, zone)].sort());
  return acl;
}

/** A network ACL's own entries in one direction, in rule order. */
function entries(acl: NetworkAcl, egress: boolean): NetworkAclEntry[] {
  return (acl.Entries ?? [])
    .filter((e) => e.Egress === egress && e.RuleNumber !== CATCH_ALL)
    .sort((a, b) => (a.RuleNumber ?? 0) - (b.RuleNumber ?? 0));
}

async function tableOf(ec2: EC2Client, subnet: string): Promise<RouteTable> {
  const { RouteTables = [] } = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
  );
  expect(RouteTables, `the route table of ${subnet}`).toHaveLength(1);
  return RouteTables[0] ?? {};
}

export default [
  readBack(
    'Each zone has one subnet in each of the two Availability Zones, and all its subnets use the network ACL of their zone',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const acls = new Set<string>();
      for (const zone of ZONES) {
        const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetsOf(stack, zone) }));
        expect(Subnets.map((s) => s.VpcId)).toEqual(Subnets.map(() => stack.outputs['VpcId']));
        expect(
          new Set(Subnets.map((s) => s.AvailabilityZone)).size,
          `the Availability Zones of the ${zone} subnets`,
        ).toBe(AZ_COUNT);
        for (const subnet of Subnets) expect(subnet.CidrBlock?.startsWith(CIDRS[zone].slice(0, 6))).toBe(true);
        acls.add((await aclOf(ec2, stack, zone)).NetworkAclId ?? '');
      }
      expect(acls.size).toBe(ZONES.length);
    },
    'subnets-in-every-az',
  ),
  readBack(
    'The DMZ and data zone network ACLs deny each other first, in both directions, and the security groups accept only the zone in front on its ports',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const dmz = await aclOf(ec2, stack, 'Dmz');
      const data = await aclOf(ec2, stack, 'Data');
      for (const egress of [false, true]) {
        const [dmzFirst] = entries(dmz, egress);
        expect([dmzFirst?.RuleAction, dmzFirst?.Protocol, dmzFirst?.CidrBlock]).toEqual(['deny', '-1', CIDRS.Data]);
        const [dataFirst] = entries(data, egress);
        expect([dataFirst?.RuleAction, dataFirst?.Protocol, dataFirst?.CidrBlock]).toEqual(['deny', '-1', CIDRS.Dmz]);
      }
      const groups = ['LoadBalancerSecurityGroupId', 'AppSecurityGroupId', 'DataSecurityGroupId'].map(
        (o) => stack.outputs[o] ?? '',
      );
      const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
      const byId = new Map(SecurityGroups.map((g) => [g.GroupId, g]));
      const [lb, app, dataSg] = groups;
      for (const [group, from, ports] of [
        [app, lb, [APP_PORT]],
        [dataSg, app, DATA_PORTS],
      ] as const) {
        const rules = byId.get(group)?.IpPermissions ?? [];
        expect(
          rules.flatMap((r) => r.IpRanges ?? []),
          `open ranges of ${group}`,
        ).toEqual([]);
        expect(rules.flatMap((r) => (r.UserIdGroupPairs ?? []).map((p) => p.GroupId))).toEqual(rules.map(() => from));
        expect(rules.map((r) => r.FromPort).sort()).toEqual([...ports].sort());
      }
    },
    'zones-kept-apart',
  ),
  readBack(
    'Every network ACL lets ICMP fragmentation-needed messages in and out from any address, before any deny of all addresses',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      for (const zone of ZONES) {
        const acl = await aclOf(ec2, stack, zone);
        for (const egress of [false, true]) {
          const list = entries(acl, egress);
          const icmp = list.find(
            (e) =>
              e.RuleAction === 'allow' &&
              e.Protocol === '1' &&
              e.IcmpTypeCode?.Type === 3 &&
              e.IcmpTypeCode.Code === 4 &&
              e.CidrBlock === '0.0.0.0/0',
          );
          expect(icmp, `${zone} ${egress ? 'outbound' : 'inbound'}`).toBeDefined();
          expect(
            list.filter(
              (e) =>
                (e.RuleNumber ?? 0) < (icmp?.RuleNumber ?? 0) && e.RuleAction === 'deny' && e.CidrBlock === '0.0.0.0/0',
            ),
          ).toEqual([]);
        }
      }
    },
    'path-mtu-discovery',
  ),
  readBack(
    'Each Availability Zone has its own NAT gateway in the DMZ, and the application subnets send internet traffic to the one in their zone',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { NatGateways = [] } = await ec2.send(
        new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [stack.outputs['VpcId'] ?? ''] }] }),
      );
      expect(NatGateways).toHaveLength(AZ_COUNT);
      for (const nat of NatGateways) expect(subnetsOf(stack, 'Dmz')).toContain(nat.SubnetId);
      const subnets = [...subnetsOf(stack, 'Dmz'), ...subnetsOf(stack, 'App')];
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
      const zoneOf = new Map(Subnets.map((s) => [s.SubnetId, s.AvailabilityZone]));
      for (const subnet of subnetsOf(stack, 'App')) {
        const defaults = ((await tableOf(ec2, subnet)).Routes ?? []).filter(
          (r) => r.DestinationCidrBlock === '0.0.0.0/0',
        );
        expect(defaults).toHaveLength(1);
        const nat = NatGateways.find((n) => n.NatGatewayId === defaults[0]?.NatGatewayId);
        expect(nat, `the NAT gateway of app subnet ${subnet}`).toBeDefined();
        expect(zoneOf.get(nat?.SubnetId)).toBe(zoneOf.get(subnet));
      }
    },
    'nat-gateway-per-az',
  ),
  readBack(
    'The data subnets have no route out of the VPC: only the local route and the gateway endpoints',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetsOf(stack, 'Data') }));
      for (const subnet of Subnets) expect(subnet.MapPublicIpOnLaunch).toBe(false);
      for (const subnet of subnetsOf(stack, 'Data')) {
        for (const route of (await tableOf(ec2, subnet)).Routes ?? []) {
          const target =
            route.GatewayId ?? route.NatGatewayId ?? route.TransitGatewayId ?? route.NetworkInterfaceId ?? '';
          expect(
            target === 'local' || (target.startsWith('vpce-') && route.DestinationPrefixListId !== undefined),
            `${subnet} routes to ${target}`,
          ).toBe(true);
        }
      }
    },
    'data-zone-no-internet-route',
  ),
  readBack(
    'The application subnets reach S3 and DynamoDB through gateway endpoints in their route tables',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { VpcEndpoints = [] } = await ec2.send(
        new DescribeVpcEndpointsCommand({
          Filters: [
            { Name: 'vpc-id', Values: [stack.outputs['VpcId'] ?? ''] },
            { Name: 'vpc-endpoint-type', Values: ['Gateway'] },
          ],
        }),
      );
      for (const subnet of subnetsOf(stack, 'App')) {
        const table = (await tableOf(ec2, subnet)).RouteTableId ?? '';
        const services = VpcEndpoints.filter((e) => e.RouteTableIds?.includes(table)).map((e) =>
          e.ServiceName?.split('.').at(-1),
        );
        expect(services.sort(), `the gateway endpoints of app subnet ${subnet}`).toEqual(['dynamodb', 's3']);
      }
    },
    'app-zone-gateway-endpoints',
  ),
  readBack(
    'One flow log records all traffic of the VPC into the flow log group, which keeps it for 365 days',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { FlowLogs = [] } = await ec2.send(
        new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [stack.outputs['VpcId'] ?? ''] }] }),
      );
      expect(FlowLogs.map((f) => [f.TrafficType, f.LogGroupName])).toEqual([
        ['ALL', stack.outputs['FlowLogGroupName']],
      ]);
      const logs = new CloudWatchLogsClient(stack.aws);
      const name = stack.outputs['FlowLogGroupName'] ?? '';
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      expect(logGroups.find((g) => g.logGroupName === name)?.retentionInDays).toBe(365);
    },
    'flow-log-covers-vpc',
  ),
  readBack(
    'The load balancer listener answers /healthz with a fixed 200',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const { Rules = [] } = await elb.send(
        new DescribeRulesCommand({ ListenerArn: stack.outputs['ListenerArn'] ?? '' }),
      );
      const health = Rules.find((r) => r.Conditions?.some((c) => c.PathPatternConfig?.Values?.includes('/healthz')));
      expect(health?.Priority).toBe('1');
      expect(health?.Actions?.[0]?.FixedResponseConfig).toMatchObject({ StatusCode: '200', MessageBody: 'ok' });
    },
    'health-response-over-http',
  ),
];
