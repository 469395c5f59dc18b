import {
  DatabaseMigrationServiceClient,
  DescribeEndpointsCommand,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
} from '@aws-sdk/client-database-migration-service';
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const SCHEMAS = ['inventory', 'sales'];
const SOURCE_CIDR = '10.0.0.0/16';

const dmsOf = (stack: DeployedStack) => new DatabaseMigrationServiceClient(stack.aws);

async function instance(stack: DeployedStack) {
  const { ReplicationInstances = [] } = await dmsOf(stack).send(
    new DescribeReplicationInstancesCommand({
      Filters: [{ Name: 'replication-instance-arn', Values: [stack.outputs['ReplicationInstanceArn'] ?? ''] }],
    }),
  );
  return ReplicationInstances[0];
}

export default [
  readBack(
    'The replication instance is Multi-AZ, not publicly accessible, and encrypted with a KMS key',
    async (stack) => {
      const i = await instance(stack);
      expect(i?.MultiAZ).toBe(true);
      expect(i?.PubliclyAccessible).toBe(false);
      expect(i?.KmsKeyId).toMatch(/^arn:aws:kms:/u);
    },
    'replication-instance-multi-az',
  ),
  readBack(
    'Each schema of the wave has its own task with row validation and a stop on table errors',
    async (stack) => {
      const { ReplicationTasks = [] } = await dmsOf(stack).send(new DescribeReplicationTasksCommand({}));
      const mine = ReplicationTasks.filter((t) =>
        (stack.outputs['ReplicationTaskArns'] ?? '').split(',').includes(t.ReplicationTaskArn ?? ''),
      );
      const schemas = mine.map((t) => {
        const rules = (
          JSON.parse(t.TableMappings ?? '{}') as { rules: { 'object-locator': { 'schema-name': string } }[] }
        ).rules;
        const settings = JSON.parse(t.ReplicationTaskSettings ?? '{}') as {
          ValidationSettings: { EnableValidation: boolean };
          ErrorBehavior: { TableErrorPolicy: string };
        };
        expect(settings.ValidationSettings.EnableValidation).toBe(true);
        expect(settings.ErrorBehavior.TableErrorPolicy).toBe('STOP_TASK');
        expect(t.MigrationType).toBe('full-load-and-cdc');
        return rules[0]?.['object-locator']['schema-name'];
      });
      expect(schemas.sort()).toEqual(SCHEMAS);
    },
    'tasks-validate-rows',
  ),
  readBack(
    'The endpoints require TLS and carry no user name or server; the tasks use this stack’s instance and endpoints',
    async (stack) => {
      const { Endpoints = [] } = await dmsOf(stack).send(new DescribeEndpointsCommand({}));
      const { ReplicationTasks = [] } = await dmsOf(stack).send(new DescribeReplicationTasksCommand({}));
      const used = new Set(ReplicationTasks.flatMap((t) => [t.SourceEndpointArn, t.TargetEndpointArn]));
      const mine = Endpoints.filter((e) => used.has(e.EndpointArn));
      expect(mine.map((e) => e.EndpointType?.toLowerCase()).sort()).toEqual(['source', 'target']);
      for (const e of mine) {
        expect(e.SslMode).toBe('require');
        expect(e.Username ?? '').toBe('');
        expect(e.ServerName ?? '').toBe('');
      }
      for (const t of ReplicationTasks) expect(t.ReplicationInstanceArn).toBe(stack.outputs['ReplicationInstanceArn']);
    },
    'credentials-from-secrets-manager',
  ),
  readBack(
    'The replication servers’ security group admits TCP 1500 from the source network only',
    async (stack) => {
      const { SecurityGroups = [] } = await new EC2Client(stack.aws).send(
        new DescribeSecurityGroupsCommand({ GroupIds: [stack.outputs['ReplicationServerSecurityGroupId'] ?? ''] }),
      );
      const perms = SecurityGroups[0]?.IpPermissions ?? [];
      expect(perms).toHaveLength(1);
      expect(perms[0]?.FromPort).toBe(1500);
      expect(perms[0]?.ToPort).toBe(1500);
      expect(perms[0]?.IpRanges?.map((r) => r.CidrIp)).toEqual([SOURCE_CIDR]);
    },
    'staging-admits-agents-only',
  ),
  readBack(
    'The migration VPC reaches MGN, EC2, Secrets Manager and S3 through VPC endpoints',
    async (stack) => {
      const { VpcEndpoints = [] } = await new EC2Client(stack.aws).send(
        new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [stack.outputs['VpcId'] ?? ''] }] }),
      );
      const services = VpcEndpoints.map((e) => e.ServiceName?.split('.').pop()).sort();
      expect(services).toEqual(['ec2', 'mgn', 's3', 'secretsmanager']);
    },
    'replication-is-private',
  ),
];
