import { Aws, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export interface LongTermBackupsProps {
  readonly cluster: rds.DatabaseCluster;
  readonly clusterIdentifier: string;
  readonly retentionDays: number;
  readonly key: kms.IKey;
}

/**
 * An AWS Backup plan that snapshots the cluster every day at 05:00 UTC, after the default backup window,
 * into a retained vault, and keeps each snapshot longer than automated backups can (35 days at most).
 */
export class LongTermBackups extends Construct {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: LongTermBackupsProps) {
    super(scope, id);
    // The vault is retained, so its name carries part of the stack id: a new stack of the same name gets a new vault.
    const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `${props.clusterIdentifier.slice(0, 32)}-${Fn.select(0, Fn.split('-', stackUuid))}`,
      encryptionKey: props.key,
      // Recovery points outlive the stack; a vault that still holds some cannot be deleted anyway.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'DailySnapshot',
          scheduleExpression: events.Schedule.cron({ hour: '5', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(props.retentionDays),
        }),
      ],
    });
    const selection = plan.addSelection('Cluster', {
      resources: [backup.BackupResource.fromRdsDatabaseCluster(props.cluster)],
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'The AWS managed role policy for AWS Backup; AWS keeps it in step with the snapshot and tagging calls each resource type needs. The selection limits it to this cluster.',
    });
  }
}
