import {
  BackupClient,
  DescribeBackupVaultCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupSelectionsCommand,
} from '@aws-sdk/client-backup';
import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
  type DBCluster,
} from '@aws-sdk/client-rds';
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { expect } from 'vitest';
import { readBack, type DeployedStack, type Teardown } from '../readback.ts';

type Props = Record<string, unknown>;

/**
 * The properties the deployed template gives the only resource of a type: what the stack was asked for,
 * whatever parameters it was deployed with, to compare with what the services report.
 */
async function declared(stack: DeployedStack, type: string): Promise<Props> {
  const cfn = new CloudFormationClient(stack.aws);
  const { TemplateBody = '{}' } = await cfn.send(new GetTemplateCommand({ StackName: stack.stackName }));
  const resources = (JSON.parse(TemplateBody) as { Resources?: Record<string, { Type: string; Properties?: Props }> })
    .Resources;
  const found = Object.values(resources ?? {}).filter((r) => r.Type === type);
  expect(found, `the deployed template has one ${type}`).toHaveLength(1);
  return found[0]?.Properties ?? {};
}

async function clusterOf(stack: DeployedStack): Promise<DBCluster> {
  const rds = new RDSClient(stack.aws);
  const id = stack.outputs['ClusterIdentifier'];
  const { DBClusters = [] } = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
  expect(DBClusters, `cluster ${String(id)}`).toHaveLength(1);
  return DBClusters[0] ?? {};
}

/** The README's "Deleting" step: deletion protection (on by default) makes RDS refuse the destroy. */
export const teardown: Teardown = {
  parameters: { deletionProtection: 'false' },
  why: 'Deleting: turn deletionProtection off with a deploy first.',
};

export default [
  readBack(
    'The cluster has one writer and its readers as failover targets, and a reader sits in another zone than the writer',
    async (stack) => {
      const cluster = await clusterOf(stack);
      const members = cluster.DBClusterMembers ?? [];
      expect(members.map((m) => m.DBInstanceIdentifier).sort()).toEqual(
        stack.physicalIds('AWS::RDS::DBInstance').sort(),
      );
      const writers = members.filter((m) => m.IsClusterWriter === true);
      expect(writers).toHaveLength(1);
      expect(writers[0]?.PromotionTier).toBe(0);
      const readers = members.filter((m) => m.IsClusterWriter !== true);
      expect(readers.length).toBeGreaterThan(0);
      for (const r of readers) expect(r.PromotionTier).toBe(1);
      const rds = new RDSClient(stack.aws);
      const { DBInstances = [] } = await rds.send(
        new DescribeDBInstancesCommand({
          Filters: [{ Name: 'db-cluster-id', Values: [cluster.DBClusterIdentifier ?? ''] }],
        }),
      );
      const zoneOf = new Map(DBInstances.map((i) => [i.DBInstanceIdentifier, i.AvailabilityZone]));
      const writerZone = zoneOf.get(writers[0]?.DBInstanceIdentifier);
      expect(writerZone).toBeTruthy();
      expect(readers.some((r) => zoneOf.get(r.DBInstanceIdentifier) !== writerZone)).toBe(true);
      for (const i of DBInstances)
        expect(i.PubliclyAccessible, `${String(i.DBInstanceIdentifier)} is public`).toBe(false);
    },
    'readers-in-other-zones',
  ),
  readBack(
    'Automated backups keep the declared retention, in the declared window, and copy the cluster tags to snapshots',
    async (stack) => {
      const cluster = await clusterOf(stack);
      const props = await declared(stack, 'AWS::RDS::DBCluster');
      expect(cluster.BackupRetentionPeriod).toBe(Number(props['BackupRetentionPeriod']));
      expect(cluster.PreferredBackupWindow).toBe(props['PreferredBackupWindow']);
      expect(cluster.CopyTagsToSnapshot).toBe(true);
    },
    'point-in-time-recovery',
  ),
  readBack(
    'The cluster accepts IAM authentication tokens and its parameter group forces TLS',
    async (stack) => {
      const cluster = await clusterOf(stack);
      expect(cluster.IAMDatabaseAuthenticationEnabled).toBe(true);
      const group = stack.physicalId('AWS::RDS::DBClusterParameterGroup');
      expect(cluster.DBClusterParameterGroup).toBe(group);
      const rds = new RDSClient(stack.aws);
      const { Parameters = [] } = await rds.send(
        new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: group }),
      );
      expect(Parameters.find((p) => p.ParameterName === 'rds.force_ssl')?.ParameterValue).toBe('1');
    },
    'tls-and-iam-auth',
  ),
  readBack(
    'The stack key encrypts the cluster storage, the master secret and the backup vault',
    async (stack) => {
      const keyArn = stack.outputs['KmsKeyArn'];
      expect(keyArn).toMatch(/^arn:aws:kms:/u);
      const cluster = await clusterOf(stack);
      expect(cluster.StorageEncrypted).toBe(true);
      expect(cluster.KmsKeyId).toBe(keyArn);
      const sm = new SecretsManagerClient(stack.aws);
      const secret = await sm.send(new DescribeSecretCommand({ SecretId: stack.outputs['MasterSecretArn'] }));
      expect(secret.KmsKeyId).toBe(keyArn);
      const vaults = stack.physicalIds('AWS::Backup::BackupVault');
      const backup = new BackupClient(stack.aws);
      for (const name of vaults) {
        const vault = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
        expect(vault.EncryptionKeyArn).toBe(keyArn);
      }
    },
    'one-key-encrypts-everything',
  ),
  readBack(
    'The master secret rotates on the declared schedule, and holds the cluster endpoint and port next to the master user',
    async (stack) => {
      const sm = new SecretsManagerClient(stack.aws);
      const secretArn = stack.outputs['MasterSecretArn'];
      expect(secretArn).toBe(stack.physicalId('AWS::SecretsManager::Secret'));
      const secret = await sm.send(new DescribeSecretCommand({ SecretId: secretArn }));
      expect(secret.RotationEnabled).toBe(true);
      const rules = (await declared(stack, 'AWS::SecretsManager::RotationSchedule'))['RotationRules'] as Props;
      const days = /^rate\((\d+) days?\)$/u.exec(String(rules['ScheduleExpression']))?.[1];
      expect(secret.RotationRules?.AutomaticallyAfterDays).toBe(Number(days));
      const { SecretString = '{}' } = await sm.send(new GetSecretValueCommand({ SecretId: secretArn }));
      const value = JSON.parse(SecretString) as Record<string, unknown>;
      const cluster = await declared(stack, 'AWS::RDS::DBCluster');
      expect(value['username']).toBe(cluster['MasterUsername']);
      expect(value['host']).toBe(stack.outputs['WriterEndpoint']);
      expect(value['port']).toBe(Number(stack.outputs['Port']));
      expect(value['engine']).toBe('postgres');
      expect(typeof value['password']).toBe('string');
    },
    'secret-rotated',
  ),
  readBack(
    'With a backup plan, AWS Backup snapshots daily into the stack vault and keeps each snapshot the declared days',
    async (stack) => {
      const plans = stack.physicalIds('AWS::Backup::BackupPlan');
      if (plans.length === 0) {
        expect(stack.outputs['BackupVaultName']).toBe('none');
        return;
      }
      const backup = new BackupClient(stack.aws);
      const { BackupPlan } = await backup.send(new GetBackupPlanCommand({ BackupPlanId: plans[0] }));
      const rules = BackupPlan?.Rules ?? [];
      expect(rules).toHaveLength(1);
      expect(rules[0]?.ScheduleExpression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/u);
      expect(rules[0]?.TargetBackupVaultName).toBe(stack.outputs['BackupVaultName']);
      const plan = (await declared(stack, 'AWS::Backup::BackupPlan'))['BackupPlan'] as { BackupPlanRule: Props[] };
      const lifecycle = plan.BackupPlanRule[0]?.['Lifecycle'] as Props;
      expect(rules[0]?.Lifecycle?.DeleteAfterDays).toBe(Number(lifecycle['DeleteAfterDays']));
    },
    'daily-backup-snapshots',
  ),
  readBack(
    'With a backup plan, its only selection backs up exactly the cluster, with the role the stack made for it',
    async (stack) => {
      const plans = stack.physicalIds('AWS::Backup::BackupPlan');
      if (plans.length === 0) {
        expect(stack.physicalIds('AWS::Backup::BackupSelection')).toEqual([]);
        return;
      }
      const backup = new BackupClient(stack.aws);
      const { BackupSelectionsList = [] } = await backup.send(
        new ListBackupSelectionsCommand({ BackupPlanId: plans[0] }),
      );
      expect(BackupSelectionsList.map((s) => s.SelectionId)).toEqual([
        stack.physicalId('AWS::Backup::BackupSelection'),
      ]);
      const { BackupSelection } = await backup.send(
        new GetBackupSelectionCommand({ BackupPlanId: plans[0], SelectionId: BackupSelectionsList[0]?.SelectionId }),
      );
      const cluster = await clusterOf(stack);
      expect(BackupSelection?.Resources).toEqual([cluster.DBClusterArn]);
      expect(BackupSelection?.ListOfTags ?? []).toEqual([]);
      const role = stack.physicalId('AWS::IAM::Role', 'BackupPlanClusterRole');
      expect(BackupSelection?.IamRoleArn).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:role/${role}$`, 'u'));
    },
    'daily-backup-snapshots',
  ),
  readBack(
    'The CPU, memory and connection alarms of the writer and readers, and the replica lag alarm, notify the alarm topic',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const names = stack.physicalIds('AWS::CloudWatch::Alarm');
      const { MetricAlarms = [] } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }));
      expect(MetricAlarms).toHaveLength(names.length);
      for (const a of MetricAlarms) {
        expect(a.AlarmActions).toEqual([stack.outputs['AlarmTopicArn']]);
        const watched = (a.Dimensions ?? []).find((d) => d.Name === 'DBClusterIdentifier')?.Value;
        expect(watched, `${String(a.AlarmName)} watches the cluster`).toBe(stack.outputs['ClusterIdentifier']);
      }
      for (const role of ['WRITER', 'READER']) {
        for (const metric of ['CPUUtilization', 'FreeableMemory', 'DatabaseConnections']) {
          const alarm = MetricAlarms.find(
            (a) => a.MetricName === metric && (a.Dimensions ?? []).some((d) => d.Name === 'Role' && d.Value === role),
          );
          expect(alarm, `${metric} alarm of the ${role.toLowerCase()}`).toBeDefined();
        }
      }
      expect(MetricAlarms.some((a) => a.MetricName === 'AuroraReplicaLagMaximum')).toBe(true);
    },
    'capacity-alarms-notify',
  ),
];
