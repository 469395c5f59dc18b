import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAuthPolicyCommand,
  GetListenerCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  ListAccessLogSubscriptionsCommand,
  ListListenersCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ListTargetsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** The default parameters: two client VPCs, only web allowed, GET and POST. */
const CLIENTS = { web: '10.10.0.0/16', reports: '10.20.0.0/16' };

function pairs(stack: DeployedStack, output: string): Map<string, string> {
  return new Map(
    (stack.outputs[output] ?? '').split(',').map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return [name, value];
    }),
  );
}

interface Statement {
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

async function policyOf(stack: DeployedStack, resource: string): Promise<Statement[]> {
  const lattice = new VPCLatticeClient(stack.aws);
  const { policy = '{}' } = await lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: resource }));
  return (JSON.parse(policy) as { Statement?: Statement[] }).Statement ?? [];
}

export default [
  readBack(
    'The service network and the service both use IAM auth',
    async (stack) => {
      const lattice = new VPCLatticeClient(stack.aws);
      const sn = await lattice.send(
        new GetServiceNetworkCommand({ serviceNetworkIdentifier: stack.outputs['ServiceNetworkId'] ?? '' }),
      );
      expect(sn.authType).toBe('AWS_IAM');
      const service = await lattice.send(
        new GetServiceCommand({ serviceIdentifier: stack.outputs['ServiceId'] ?? '' }),
      );
      expect(service.authType).toBe('AWS_IAM');
      expect(service.dnsEntry?.domainName).toBe(stack.outputs['ServiceDomainName']);
    },
    'iam-auth-everywhere',
  ),

  readBack(
    'The network auth policy admits only signed principals of this account',
    async (stack) => {
      const [statement, ...more] = await policyOf(stack, stack.outputs['ServiceNetworkId'] ?? '');
      expect(more).toEqual([]);
      expect(statement?.Condition?.['StringEquals']?.['aws:PrincipalAccount']).toMatch(/^\d{12}$/u);
      expect(statement?.Condition?.['StringNotEqualsIgnoreCase']).toEqual({ 'aws:PrincipalType': 'anonymous' });
    },
    'network-policy-account-only',
  ),

  readBack(
    "The service auth policy admits only the web client's role, with GET and POST",
    async (stack) => {
      const [statement, ...more] = await policyOf(stack, stack.outputs['ServiceId'] ?? '');
      expect(more).toEqual([]);
      const roles = pairs(stack, 'ClientRoleArns');
      expect((statement?.Principal as { AWS?: unknown } | undefined)?.AWS).toEqual([roles.get('web')]);
      expect(statement?.Condition?.['StringEquals']?.['vpc-lattice-svcs:RequestMethod']).toEqual(['GET', 'POST']);
    },
    'service-policy-least-privilege',
  ),

  readBack(
    'Both client VPCs are associated with the network through a security group that admits HTTPS from their own range only, and have no route to each other',
    async (stack) => {
      const lattice = new VPCLatticeClient(stack.aws);
      const ec2 = new EC2Client(stack.aws);
      const { items = [] } = await lattice.send(
        new ListServiceNetworkVpcAssociationsCommand({
          serviceNetworkIdentifier: stack.outputs['ServiceNetworkId'] ?? '',
        }),
      );
      const vpcs = pairs(stack, 'ClientVpcIds');
      expect(items.map((a) => a.vpcId).sort()).toEqual([...vpcs.values()].sort());
      for (const [name, vpc] of vpcs) {
        const { SecurityGroups = [] } = await ec2.send(
          new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }),
        );
        const lattice443 = SecurityGroups.filter((g) => g.GroupName !== 'default');
        expect(lattice443).toHaveLength(1);
        expect(lattice443[0]?.IpPermissions?.map((p) => [p.FromPort, p.ToPort, p.IpRanges?.[0]?.CidrIp])).toEqual([
          [443, 443, CLIENTS[name as keyof typeof CLIENTS]],
        ]);
        const { RouteTables = [] } = await ec2.send(
          new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }),
        );
        for (const table of RouteTables) {
          for (const route of table.Routes ?? [])
            expect(route.GatewayId, `${name} ${route.DestinationCidrBlock}`).toBe('local');
        }
      }
    },
    'no-routes-between-vpcs',
  ),

  readBack(
    'The service is published in the network, and its HTTPS listener forwards to the target group that holds the function',
    async (stack) => {
      const lattice = new VPCLatticeClient(stack.aws);
      const serviceId = stack.outputs['ServiceId'] ?? '';
      const { items: published = [] } = await lattice.send(
        new ListServiceNetworkServiceAssociationsCommand({
          serviceNetworkIdentifier: stack.outputs['ServiceNetworkId'] ?? '',
        }),
      );
      expect(published.map((a) => a.serviceId)).toEqual([serviceId]);
      const { items: listeners = [] } = await lattice.send(new ListListenersCommand({ serviceIdentifier: serviceId }));
      expect(listeners.map((l) => [l.protocol, l.port])).toEqual([['HTTPS', 443]]);
      const listener = await lattice.send(
        new GetListenerCommand({ serviceIdentifier: serviceId, listenerIdentifier: listeners[0]?.id ?? '' }),
      );
      expect(listener.defaultAction?.forward?.targetGroups?.map((g) => g.targetGroupIdentifier)).toEqual([
        stack.outputs['TargetGroupId'],
      ]);
      const { items: targets = [] } = await lattice.send(
        new ListTargetsCommand({ targetGroupIdentifier: stack.outputs['TargetGroupId'] ?? '' }),
      );
      expect(targets).toHaveLength(1);
      expect(targets[0]?.id).toMatch(/^arn:aws:lambda:/u);
    },
    'function-invoked-by-its-target-group-only',
  ),

  readBack(
    "The service network's access log goes to the KMS-encrypted access log group",
    async (stack) => {
      const lattice = new VPCLatticeClient(stack.aws);
      const { items = [] } = await lattice.send(
        new ListAccessLogSubscriptionsCommand({ resourceIdentifier: stack.outputs['ServiceNetworkId'] ?? '' }),
      );
      expect(items).toHaveLength(1);
      const name = stack.outputs['AccessLogGroupName'] ?? '';
      expect(items[0]?.destinationArn).toContain(`:log-group:${name}`);
      const logs = new CloudWatchLogsClient(stack.aws);
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      expect(logGroups.find((g) => g.logGroupName === name)?.kmsKeyId).toMatch(/^arn:aws:kms:/u);
    },
    'access-logged',
  ),
];
