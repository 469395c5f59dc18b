import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClusterCommand, EKSClient, type Cluster } from '@aws-sdk/client-eks';
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const AZ_COUNT = 3;
const KUBERNETES_VERSION = '1.36';
const LOG_RETENTION_DAYS = 30;
const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

async function cluster(stack: DeployedStack): Promise<Cluster> {
  const eks = new EKSClient(stack.aws);
  const { cluster: found } = await eks.send(new DescribeClusterCommand({ name: stack.outputs['ClusterName'] }));
  expect(found?.arn).toBe(stack.outputs['ClusterArn']);
  return found ?? {};
}

/** The role name of a role ARN. */
const roleName = (arn: string): string => arn.split('/').pop() ?? '';

export default [
  readBack(
    'EKS Auto Mode runs the nodes from the system and general-purpose pools with the node role, and manages block storage and load balancers',
    async (stack) => {
      const found = await cluster(stack);
      expect(found.version).toBe(KUBERNETES_VERSION);
      expect(found.computeConfig?.enabled).toBe(true);
      expect([...(found.computeConfig?.nodePools ?? [])].sort()).toEqual(['general-purpose', 'system']);
      expect(found.computeConfig?.nodeRoleArn).toBe(stack.outputs['NodeRoleArn']);
      expect(found.storageConfig?.blockStorage?.enabled).toBe(true);
      expect(found.kubernetesNetworkConfig?.elasticLoadBalancing?.enabled).toBe(true);
      const iam = new IAMClient(stack.aws);
      const { AttachedPolicies = [] } = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: roleName(stack.outputs['NodeRoleArn'] ?? '') }),
      );
      expect(AttachedPolicies.map((p) => p.PolicyName).sort()).toEqual([
        'AmazonEC2ContainerRegistryPullOnly',
        'AmazonEKSWorkerNodeMinimalPolicy',
      ]);
    },
    'auto-mode-runs-the-data-plane',
  ),
  readBack(
    'Kubernetes access goes through access entries only: no aws-auth ConfigMap',
    async (stack) => {
      const found = await cluster(stack);
      expect(found.accessConfig?.authenticationMode).toBe('API');
    },
    'access-entries-only',
  ),
  readBack(
    "Kubernetes secrets are envelope-encrypted with the stack's customer managed key, which rotates yearly",
    async (stack) => {
      const found = await cluster(stack);
      expect(found.encryptionConfig).toHaveLength(1);
      expect(found.encryptionConfig?.[0]?.provider?.keyArn).toBe(stack.outputs['SecretsKeyArn']);
      const kms = new KMSClient(stack.aws);
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: stack.outputs['SecretsKeyArn'] }));
      expect([KeyMetadata?.KeyManager, KeyMetadata?.KeyState]).toEqual(['CUSTOMER', 'Enabled']);
      const { KeyRotationEnabled } = await kms.send(
        new GetKeyRotationStatusCommand({ KeyId: stack.outputs['SecretsKeyArn'] }),
      );
      expect(KeyRotationEnabled).toBe(true);
    },
    'secrets-envelope-encrypted',
  ),
  readBack(
    'Every control-plane log type goes to a log group kept logRetentionDays and encrypted with a customer managed key',
    async (stack) => {
      const found = await cluster(stack);
      const enabled = (found.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => l.types ?? []);
      expect([...enabled].sort()).toEqual([...LOG_TYPES].sort());
      const name = stack.outputs['ControlPlaneLogGroupName'] ?? '';
      expect(name).toBe(`/aws/eks/${stack.outputs['ClusterName'] ?? ''}/cluster`);
      const logs = new CloudWatchLogsClient(stack.aws);
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      const [group] = logGroups.filter((g) => g.logGroupName === name);
      expect(group?.retentionInDays).toBe(LOG_RETENTION_DAYS);
      expect(group?.kmsKeyId).toMatch(/^arn:aws:kms:/u);
    },
    'control-plane-logs-kept',
  ),
  readBack(
    'The API answers privately inside the VPC, and the nodes run in private subnets of every zone, which route out through NAT gateways',
    async (stack) => {
      const found = await cluster(stack);
      const vpc = found.resourcesVpcConfig;
      expect(vpc?.endpointPrivateAccess).toBe(true);
      expect(vpc?.vpcId).toBe(stack.outputs['VpcId']);
      const ec2 = new EC2Client(stack.aws);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: vpc?.subnetIds ?? [] }));
      expect(new Set(Subnets.map((s) => s.AvailabilityZone)).size).toBe(AZ_COUNT);
      for (const s of Subnets) expect(s.MapPublicIpOnLaunch).toBe(false);
      const { RouteTables = [] } = await ec2.send(
        new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: vpc?.subnetIds ?? [] }] }),
      );
      expect(RouteTables).toHaveLength(AZ_COUNT);
      for (const table of RouteTables) {
        const route = table.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
        expect(route?.NatGatewayId).toMatch(/^nat-/u);
      }
      expect(found.resourcesVpcConfig?.clusterSecurityGroupId).toBe(stack.outputs['ClusterSecurityGroupId']);
    },
    'nodes-in-private-subnets-of-every-zone',
  ),
  readBack(
    'EKS upgrades the cluster at the end of standard support instead of billing extended support, and the cluster takes part in zonal shift',
    async (stack) => {
      const found = await cluster(stack);
      expect(found.upgradePolicy?.supportType).toBe('STANDARD');
      expect(found.zonalShiftConfig?.enabled).toBe(true);
      const iam = new IAMClient(stack.aws);
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName(found.roleArn ?? '') }));
      const trust = decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '');
      expect(trust).toContain('sts:TagSession');
      expect(trust).toContain('eks.amazonaws.com');
    },
    'standard-support-only',
  ),
];
