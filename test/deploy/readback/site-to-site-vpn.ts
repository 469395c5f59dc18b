import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeCustomerGatewaysCommand,
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  EC2Client,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import { GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** The default sites: the data centre and the A.N.Other network, with their default networks and ASNs. */
const SITES = [
  {
    connection: 'VpnConnectionId',
    gateway: 'CustomerGatewayId',
    cidr: '10.100.0.0/16',
    asn: '65000',
    ip: '203.0.113.10',
  },
  {
    connection: 'SpokeVpnConnectionId',
    gateway: 'SpokeCustomerGatewayId',
    cidr: '10.110.0.0/16',
    asn: '65010',
    ip: '198.51.100.20',
  },
];

async function connections(stack: DeployedStack): Promise<VpnConnection[]> {
  const ec2 = new EC2Client(stack.aws);
  const ids = SITES.map((s) => stack.outputs[s.connection] ?? '');
  const { VpnConnections = [] } = await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: ids }));
  expect(VpnConnections.map((c) => c.VpnConnectionId).sort()).toEqual([...ids].sort());
  return VpnConnections;
}

const values = (list: readonly { Value?: unknown }[] | undefined) => (list ?? []).map((v) => v.Value);

export default [
  readBack(
    'Each site has its own customer gateway and one VPN connection to the virtual private gateway, with two tunnels whose dead peer detection restarts them after 30 seconds',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const vgw = stack.outputs['VpnGatewayId'] ?? '';
      const { VpnGateways = [] } = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgw] }));
      expect(VpnGateways[0]?.VpcAttachments).toEqual([{ VpcId: stack.outputs['VpcId'], State: 'attached' }]);
      expect(VpnGateways[0]?.AmazonSideAsn).toBe(64512);
      for (const site of SITES) {
        const gateway = stack.outputs[site.gateway] ?? '';
        const { CustomerGateways = [] } = await ec2.send(
          new DescribeCustomerGatewaysCommand({ CustomerGatewayIds: [gateway] }),
        );
        expect(CustomerGateways[0]).toMatchObject({
          BgpAsn: site.asn,
          IpAddress: site.ip,
          Type: 'ipsec.1',
          State: 'available',
        });
      }
      for (const connection of await connections(stack)) {
        expect(connection.VpnGatewayId).toBe(vgw);
        expect(SITES.map((s) => stack.outputs[s.gateway])).toContain(connection.CustomerGatewayId);
        const tunnels = connection.Options?.TunnelOptions ?? [];
        expect(tunnels).toHaveLength(2);
        for (const tunnel of tunnels) {
          expect(tunnel.DpdTimeoutSeconds).toBe(30);
          expect(tunnel.DpdTimeoutAction).toBe('restart');
        }
      }
    },
    'two-tunnels-per-site',
  ),
  readBack(
    'Every tunnel offers only IKEv2 with AES-256, SHA-2 and Diffie-Hellman groups 14, 19, 20 and 21, and logs to the tunnel log group',
    async (stack) => {
      const logs = new CloudWatchLogsClient(stack.aws);
      const name = stack.outputs['TunnelLogGroupName'] ?? '';
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      const group = logGroups.find((g) => g.logGroupName === name);
      expect(group).toBeDefined();
      for (const connection of await connections(stack)) {
        for (const tunnel of connection.Options?.TunnelOptions ?? []) {
          expect(values(tunnel.IkeVersions)).toEqual(['ikev2']);
          for (const algorithms of [tunnel.Phase1EncryptionAlgorithms, tunnel.Phase2EncryptionAlgorithms]) {
            expect(values(algorithms).length).toBeGreaterThan(0);
            for (const v of values(algorithms)) expect(String(v)).toMatch(/^AES256(-GCM-16)?$/u);
          }
          for (const algorithms of [tunnel.Phase1IntegrityAlgorithms, tunnel.Phase2IntegrityAlgorithms]) {
            for (const v of values(algorithms)) expect(String(v)).toMatch(/^SHA2-(256|384|512)$/u);
          }
          for (const groups of [tunnel.Phase1DHGroupNumbers, tunnel.Phase2DHGroupNumbers]) {
            expect([...values(groups)].map(Number).sort((a, b) => a - b)).toEqual([14, 19, 20, 21]);
          }
          expect(tunnel.LogOptions?.CloudWatchLogOptions?.LogEnabled).toBe(true);
          expect(tunnel.LogOptions?.CloudWatchLogOptions?.LogGroupArn?.replace(/:\*$/u, '')).toBe(
            group?.arn?.replace(/:\*$/u, ''),
          );
          expect(tunnel.PreSharedKey).toBeUndefined();
        }
      }
    },
    'strong-ikev2-proposals',
  ),
  readBack(
    'Both sites route over BGP, and the virtual private gateway propagates their routes into the route table of every private subnet, one per Availability Zone',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      for (const connection of await connections(stack)) expect(connection.Options?.StaticRoutesOnly).toBe(false);
      const subnetIds = (stack.outputs['PrivateSubnetIds'] ?? '').split(',');
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
      expect(new Set(Subnets.map((s) => s.AvailabilityZone)).size).toBe(2);
      for (const subnet of subnetIds) {
        const { RouteTables = [] } = await ec2.send(
          new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
        );
        expect(RouteTables, `the route table of ${subnet}`).toHaveLength(1);
        expect(RouteTables[0]?.PropagatingVgws).toEqual([{ GatewayId: stack.outputs['VpnGatewayId'] }]);
      }
    },
    'routes-reach-every-subnet',
  ),
  readBack(
    'The VPC has no internet or NAT gateway, and the workloads security group accepts only the two sites networks',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const vpc = stack.outputs['VpcId'] ?? '';
      const { InternetGateways = [] } = await ec2.send(
        new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc] }] }),
      );
      expect(InternetGateways).toEqual([]);
      const { NatGateways = [] } = await ec2.send(
        new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpc] }] }),
      );
      expect(NatGateways).toEqual([]);
      const group = stack.outputs['OnPremAccessSecurityGroupId'] ?? '';
      const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group] }));
      const sources = (SecurityGroups[0]?.IpPermissions ?? []).flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp));
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) expect(SITES.map((s) => s.cidr)).toContain(source);
    },
    'reachable-only-over-the-vpn',
  ),
  readBack(
    'The tunnel and flow log groups are encrypted with the rotating log key, and the flow log records all VPC traffic',
    async (stack) => {
      const kms = new KMSClient(stack.aws);
      const key = stack.outputs['LogKeyArn'] ?? '';
      // DescribeKey would be the natural call, but moto's AWS::KMS::Key model keeps the key policy as an object, which its DescribeKey cannot read.
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key }))).KeyRotationEnabled).toBe(true);
      const logs = new CloudWatchLogsClient(stack.aws);
      for (const name of [stack.outputs['TunnelLogGroupName'] ?? '', stack.outputs['FlowLogGroupName'] ?? '']) {
        const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
        const group = logGroups.find((g) => g.logGroupName === name);
        expect(group?.kmsKeyId, name).toBe(key);
        expect(group?.retentionInDays, name).toBe(90);
      }
      const ec2 = new EC2Client(stack.aws);
      const { FlowLogs = [] } = await ec2.send(
        new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [stack.outputs['VpcId'] ?? ''] }] }),
      );
      expect(FlowLogs.map((f) => [f.TrafficType, f.LogGroupName])).toEqual([
        ['ALL', stack.outputs['FlowLogGroupName']],
      ]);
    },
    'logs-encrypted',
  ),
  readBack(
    'Every connection has a one-tunnel-down and a both-tunnels-down alarm on its TunnelState, which fire when the metric stops',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(new DescribeAlarmsCommand({}));
      for (const site of SITES) {
        const mine = MetricAlarms.filter((a) => a.Dimensions?.some((d) => d.Value === stack.outputs[site.connection]));
        expect(mine.map((a) => a.Statistic).sort(), site.connection).toEqual(['Maximum', 'Minimum']);
        for (const alarm of mine) {
          expect(alarm).toMatchObject({
            Namespace: 'AWS/VPN',
            MetricName: 'TunnelState',
            Threshold: 1,
            ComparisonOperator: 'LessThanThreshold',
            TreatMissingData: 'breaching',
          });
        }
      }
    },
    'tunnel-alarms',
  ),
];
