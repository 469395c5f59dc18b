import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  EC2Client,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import {
  DescribeFirewallCommand,
  DescribeFirewallPolicyCommand,
  DescribeLoggingConfigurationCommand,
  DescribeRuleGroupCommand,
  NetworkFirewallClient,
} from '@aws-sdk/client-network-firewall';
import { expect } from 'vitest';
import type { DeployedStack, Teardown } from '../readback.ts';
import { readBack } from '../readback.ts';

/** The default parameters: two zones, two spokes, one allowed domain, a year of logs. */
const ZONES = 2;
const SPOKES = ['10.1.0.0/16', '10.2.0.0/16'];
const DOMAINS = ['.amazonaws.com'];
const RETENTION = 365;

const firewallArns = (stack: DeployedStack): string[] => (stack.outputs['FirewallArns'] ?? '').split(',');

async function tableOf(ec2: EC2Client, subnet: string): Promise<RouteTable | undefined> {
  const { RouteTables = [] } = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
  );
  expect(RouteTables, `the route table of ${subnet}`).toHaveLength(1);
  return RouteTables[0];
}

const defaultRoute = (table: RouteTable | undefined) =>
  (table?.Routes ?? []).find((r) => r.DestinationCidrBlock === '0.0.0.0/0');

export const teardown: Teardown = {
  parameters: { firewallDeleteProtection: 'false' },
  why: 'README.mdx, Operations: "Before deleting the stack, set firewallDeleteProtection to false and deploy; CloudFormation cannot delete a protected firewall."',
};

export default [
  readBack(
    "The inspection VPC's transit gateway attachment runs in appliance mode, in every zone",
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { TransitGatewayVpcAttachments = [] } = await ec2.send(
        new DescribeTransitGatewayVpcAttachmentsCommand({
          TransitGatewayAttachmentIds: [stack.outputs['InspectionAttachmentId'] ?? ''],
        }),
      );
      expect(TransitGatewayVpcAttachments).toHaveLength(1);
      expect(TransitGatewayVpcAttachments[0]?.Options?.ApplianceModeSupport).toBe('enable');
      expect(TransitGatewayVpcAttachments[0]?.SubnetIds).toHaveLength(ZONES);
    },
    'appliance-mode',
  ),

  readBack(
    "The spokes' route table sends the internet and every spoke to the inspection VPC by static routes, with no blackhole and nothing propagated into it",
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const table = stack.outputs['SpokesRouteTableId'] ?? '';
      const { Routes = [] } = await ec2.send(
        new SearchTransitGatewayRoutesCommand({
          TransitGatewayRouteTableId: table,
          Filters: [{ Name: 'type', Values: ['static', 'propagated'] }],
        }),
      );
      expect(Routes.map((r) => r.DestinationCidrBlock).sort()).toEqual(['0.0.0.0/0', ...SPOKES].sort());
      for (const route of Routes) {
        expect(route.State, route.DestinationCidrBlock).toBe('active');
        expect(route.Type, route.DestinationCidrBlock).toBe('static');
        expect(route.TransitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId)).toEqual([
          stack.outputs['InspectionAttachmentId'],
        ]);
      }
      const { TransitGatewayRouteTablePropagations = [] } = await ec2.send(
        new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: table }),
      );
      expect(TransitGatewayRouteTablePropagations).toEqual([]);
    },
    'spokes-only-via-firewall',
  ),

  readBack(
    "In every zone the attachment subnet routes everything to that zone's firewall endpoint, and the firewall subnet sends internet traffic to that zone's NAT gateway",
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const nfw = new NetworkFirewallClient(stack.aws);
      const endpointByZone = new Map<string, { endpoint: string; subnet: string }>();
      for (const arn of firewallArns(stack)) {
        const { FirewallStatus } = await nfw.send(new DescribeFirewallCommand({ FirewallArn: arn }));
        const states = Object.entries(FirewallStatus?.SyncStates ?? {});
        expect(states, `${arn} has one endpoint`).toHaveLength(1);
        const [zone = '', state] = states[0] ?? [];
        endpointByZone.set(zone, {
          endpoint: state?.Attachment?.EndpointId ?? '',
          subnet: state?.Attachment?.SubnetId ?? '',
        });
      }
      expect(endpointByZone.size).toBe(ZONES);
      const { TransitGatewayVpcAttachments = [] } = await ec2.send(
        new DescribeTransitGatewayVpcAttachmentsCommand({
          TransitGatewayAttachmentIds: [stack.outputs['InspectionAttachmentId'] ?? ''],
        }),
      );
      const { Subnets = [] } = await ec2.send(
        new DescribeSubnetsCommand({ SubnetIds: TransitGatewayVpcAttachments[0]?.SubnetIds ?? [] }),
      );
      const { NatGateways = [] } = await ec2.send(
        new DescribeNatGatewaysCommand({
          Filter: [{ Name: 'vpc-id', Values: [stack.outputs['InspectionVpcId'] ?? ''] }],
        }),
      );
      for (const subnet of Subnets) {
        const zone = subnet.AvailabilityZone ?? '';
        const firewall = endpointByZone.get(zone);
        expect(firewall, `a firewall endpoint in ${zone}`).toBeDefined();
        const toFirewall = defaultRoute(await tableOf(ec2, subnet.SubnetId ?? ''));
        // EC2 reports a route to a Gateway Load Balancer endpoint (a firewall endpoint) as its GatewayId.
        expect(toFirewall?.GatewayId, zone).toBe(firewall?.endpoint);
        const nat = defaultRoute(await tableOf(ec2, firewall?.subnet ?? ''))?.NatGatewayId;
        const natSubnet = NatGateways.find((n) => n.NatGatewayId === nat)?.SubnetId ?? '';
        const { Subnets: natSubnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [natSubnet] }));
        expect(natSubnets[0]?.AvailabilityZone, `the NAT gateway of ${zone}`).toBe(zone);
      }
    },
    'zonal-inspection-path',
  ),

  readBack(
    'Every firewall uses one policy in strict order: spoke traffic at 100, the domain list at 200, then drop and alert on established flows; HOME_NET is the spokes',
    async (stack) => {
      const nfw = new NetworkFirewallClient(stack.aws);
      const policyArn = stack.outputs['FirewallPolicyArn'] ?? '';
      for (const arn of firewallArns(stack)) {
        const { Firewall } = await nfw.send(new DescribeFirewallCommand({ FirewallArn: arn }));
        expect(Firewall?.FirewallPolicyArn).toBe(policyArn);
      }
      const { FirewallPolicy } = await nfw.send(new DescribeFirewallPolicyCommand({ FirewallPolicyArn: policyArn }));
      expect(FirewallPolicy?.StatefulEngineOptions?.RuleOrder).toBe('STRICT_ORDER');
      expect(FirewallPolicy?.StatefulDefaultActions).toEqual(['aws:drop_established', 'aws:alert_established']);
      expect(FirewallPolicy?.StatelessDefaultActions).toEqual(['aws:forward_to_sfe']);
      expect(FirewallPolicy?.StatelessRuleGroupReferences ?? []).toEqual([]);
      expect(FirewallPolicy?.StatefulRuleGroupReferences?.map((r) => r.Priority)).toEqual([100, 200]);
      expect(FirewallPolicy?.PolicyVariables?.RuleVariables?.['HOME_NET']?.Definition).toEqual(SPOKES);
      const first = FirewallPolicy?.StatefulRuleGroupReferences?.[0]?.ResourceArn ?? '';
      const { RuleGroup } = await nfw.send(new DescribeRuleGroupCommand({ RuleGroupArn: first }));
      expect(RuleGroup?.RulesSource?.RulesString).toMatch(/^drop ip \$SPOKES any -> \$SPOKES any /u);
      expect(RuleGroup?.StatefulRuleOptions?.RuleOrder).toBe('STRICT_ORDER');
    },
    'strict-order-drop-default',
  ),

  readBack(
    'Egress is allowed only to the listed domains on the TLS SNI and the HTTP Host header, with HOME_NET set to the spokes in the rule group',
    async (stack) => {
      const nfw = new NetworkFirewallClient(stack.aws);
      const arn = stack.physicalId('AWS::NetworkFirewall::RuleGroup', 'FirewallEgressDomainRules');
      const { RuleGroup, RuleGroupResponse } = await nfw.send(new DescribeRuleGroupCommand({ RuleGroupArn: arn }));
      expect(RuleGroupResponse?.Type).toBe('STATEFUL');
      expect(RuleGroupResponse?.Capacity).toBeGreaterThanOrEqual(2 * DOMAINS.length);
      expect(RuleGroup?.RulesSource?.RulesSourceList).toEqual({
        GeneratedRulesType: 'ALLOWLIST',
        TargetTypes: ['TLS_SNI', 'HTTP_HOST'],
        Targets: DOMAINS,
      });
      expect(RuleGroup?.RuleVariables?.IPSets?.['HOME_NET']?.Definition).toEqual(SPOKES);
    },
    'egress-domain-allowlist',
  ),

  readBack(
    'Every firewall logs alerts and flows to the two retained log groups, kept for a year',
    async (stack) => {
      const nfw = new NetworkFirewallClient(stack.aws);
      const alerts = stack.outputs['FirewallAlertLogGroupName'] ?? '';
      const flows = stack.outputs['FirewallFlowLogGroupName'] ?? '';
      for (const arn of firewallArns(stack)) {
        const { LoggingConfiguration } = await nfw.send(new DescribeLoggingConfigurationCommand({ FirewallArn: arn }));
        const byType: Record<string, string | undefined> = {};
        for (const c of LoggingConfiguration?.LogDestinationConfigs ?? []) {
          byType[c.LogType ?? ''] = c.LogDestination?.['logGroup'];
        }
        expect(byType).toEqual({ ALERT: alerts, FLOW: flows });
      }
      const logs = new CloudWatchLogsClient(stack.aws);
      for (const name of [alerts, flows]) {
        const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
        expect(logGroups.find((g) => g.logGroupName === name)?.retentionInDays, name).toBe(RETENTION);
      }
    },
    'firewall-logs-retained',
  ),

  readBack(
    'Every firewall is delete-protected and its subnets cannot be changed',
    async (stack) => {
      const nfw = new NetworkFirewallClient(stack.aws);
      for (const arn of firewallArns(stack)) {
        const { Firewall } = await nfw.send(new DescribeFirewallCommand({ FirewallArn: arn }));
        expect(Firewall?.DeleteProtection, arn).toBe(true);
        expect(Firewall?.SubnetChangeProtection, arn).toBe(true);
      }
    },
    'firewall-delete-protection',
  ),
];
