import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerts } from './alerts.ts';
import type { Parameters } from './parameters.generated.ts';
import { Plan } from './plan.ts';
import { RestoreTesting } from './restore-testing.ts';
import { Vaults } from './vaults.ts';

export interface BackupVaultDrStackProps extends StackProps {
  readonly parameters: Parameters;
}

const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * Backup and disaster recovery with AWS Backup for one workload account: tagged resources are backed up daily and
 * monthly into a vault under Vault Lock, each daily recovery point is copied to a logically air-gapped vault, to a
 * vault in a second Region and optionally to another account, restores are tested every week, and every failed
 * backup, copy or restore job raises an alert.
 */
export default class BackupVaultDrStack extends Stack {
  constructor(scope: Construct, id: string, props: BackupVaultDrStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const namePrefix = this.stackName;
    if (p.lockMinRetentionDays > p.dailyRetentionDays || p.monthlyRetentionDays > p.lockMaxRetentionDays) {
      throw new Error('Vault Lock must allow the plan: lockMinRetentionDays <= dailyRetentionDays and monthlyRetentionDays <= lockMaxRetentionDays');
    }
    if (p.airGappedRetentionDays < p.airGappedMinRetentionDays) {
      throw new Error('airGappedRetentionDays must be at least airGappedMinRetentionDays');
    }
    const crossRegionVaultArn =
      p.crossRegionVaultArn !== ''
        ? p.crossRegionVaultArn
        : `arn:${Aws.PARTITION}:backup:${p.drRegion}:${Aws.ACCOUNT_ID}:backup-vault:${p.drVaultName}`;

    const vaults = new Vaults(this, 'Vaults', {
      namePrefix,
      lockMode: p.lockMode,
      lockMinRetentionDays: p.lockMinRetentionDays,
      lockMaxRetentionDays: p.lockMaxRetentionDays,
      airGappedMinRetentionDays: p.airGappedMinRetentionDays,
      airGappedMaxRetentionDays: Math.max(p.airGappedRetentionDays, p.airGappedMinRetentionDays),
    });
    const alerts = new Alerts(this, 'Alerts', { alertEmail: p.alertEmail });
    const notifications = {
      snsTopicArn: alerts.topic.topicArn,
      backupVaultEvents: ['BACKUP_JOB_FAILED', 'COPY_JOB_FAILED', 'RESTORE_JOB_FAILED', 'RECOVERY_POINT_MODIFIED'],
    };
    vaults.primary.notifications = notifications;
    vaults.airGapped.notifications = notifications;

    const plan = new Plan(this, 'Backups', {
      namePrefix,
      vaults,
      tagKey: p.selectionTagKey,
      tagValue: p.selectionTagValue,
      dailyRetentionDays: p.dailyRetentionDays,
      monthlyRetentionDays: p.monthlyRetentionDays,
      crossRegionVaultArn,
      crossAccountVaultArn: p.crossAccountVaultArn,
      airGappedRetentionDays: p.airGappedRetentionDays,
    });

    const restoreTests = new RestoreTesting(this, 'RestoreTests', {
      namePrefix,
      vaultArn: vaults.primary.attrBackupVaultArn,
      role: plan.role,
      resourceTypes: listOf(p.restoreTestResourceTypes),
      tagKey: p.selectionTagKey,
      tagValue: p.selectionTagValue,
      validationWindowHours: p.restoreValidationHours,
    });

    new CfnOutput(this, 'PrimaryVaultName', { value: vaults.primary.attrBackupVaultName });
    new CfnOutput(this, 'PrimaryVaultArn', { value: vaults.primary.attrBackupVaultArn });
    new CfnOutput(this, 'AirGappedVaultName', { value: vaults.airGapped.ref });
    new CfnOutput(this, 'AirGappedVaultArn', { value: vaults.airGapped.attrBackupVaultArn });
    new CfnOutput(this, 'CrossRegionVaultArn', { value: crossRegionVaultArn });
    new CfnOutput(this, 'BackupPlanId', { value: plan.plan.attrBackupPlanId });
    new CfnOutput(this, 'BackupSelectionId', { value: plan.selection.attrSelectionId });
    new CfnOutput(this, 'BackupRoleArn', { value: plan.role.roleArn });
    new CfnOutput(this, 'RestoreTestingPlanName', { value: restoreTests.plan.ref });
    new CfnOutput(this, 'VaultKeyArn', { value: vaults.key.keyArn });
    new CfnOutput(this, 'AlertTopicArn', { value: alerts.topic.topicArn });
    new CfnOutput(this, 'FailedJobsRuleName', { value: alerts.rule.ruleName });
  }
}
