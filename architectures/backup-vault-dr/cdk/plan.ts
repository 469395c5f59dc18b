import { Aws, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Vaults } from './vaults.ts';

export interface PlanProps {
  readonly namePrefix: string;
  readonly vaults: Vaults;
  /** Resources carrying this tag key with this value are backed up. */
  readonly tagKey: string;
  readonly tagValue: string;
  readonly dailyRetentionDays: number;
  readonly monthlyRetentionDays: number;
  /** The vault in another Region (of this account) that each daily recovery point is copied to. */
  readonly crossRegionVaultArn: string;
  /** A vault in another account that each daily recovery point is also copied to; none when empty. */
  readonly crossAccountVaultArn: string;
  readonly airGappedRetentionDays: number;
}

/**
 * The backup plan: daily and monthly rules into the primary vault; each daily recovery point copied to the
 * logically air-gapped vault, to a vault in the DR Region and, when given, to a vault in another account. The
 * selection picks resources by tag, and AWS Backup acts through its own role.
 */
export class Plan extends Construct {
  readonly plan: backup.CfnBackupPlan;
  readonly role: iam.Role;
  readonly selection: backup.CfnBackupSelection;

  constructor(scope: Construct, id: string, props: PlanProps) {
    super(scope, id);
    const daily = props.vaults.primary.attrBackupVaultName;
    const copies: backup.CfnBackupPlan.CopyActionResourceTypeProperty[] = [
      {
        destinationBackupVaultArn: props.vaults.airGapped.attrBackupVaultArn,
        lifecycle: { deleteAfterDays: props.airGappedRetentionDays },
      },
      { destinationBackupVaultArn: props.crossRegionVaultArn, lifecycle: { deleteAfterDays: props.dailyRetentionDays } },
    ];
    if (props.crossAccountVaultArn !== '') {
      copies.push({ destinationBackupVaultArn: props.crossAccountVaultArn, lifecycle: { deleteAfterDays: props.dailyRetentionDays } });
    }
    this.plan = new backup.CfnBackupPlan(this, 'Plan', {
      backupPlan: {
        backupPlanName: `${props.namePrefix}-plan`,
        backupPlanRule: [
          {
            ruleName: 'daily',
            targetBackupVault: daily,
            scheduleExpression: 'cron(0 5 ? * * *)',
            scheduleExpressionTimezone: 'Etc/UTC',
            startWindowMinutes: 60,
            completionWindowMinutes: 480,
            lifecycle: { deleteAfterDays: props.dailyRetentionDays },
            copyActions: copies,
          },
          {
            ruleName: 'monthly',
            targetBackupVault: daily,
            scheduleExpression: 'cron(0 6 1 * ? *)',
            scheduleExpressionTimezone: 'Etc/UTC',
            startWindowMinutes: 60,
            completionWindowMinutes: 720,
            lifecycle: { deleteAfterDays: props.monthlyRetentionDays },
          },
        ],
      },
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'AWS Backup backs up, copies and test-restores the tagged resources',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      ],
    });

    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason:
          'The AWS managed role policies for AWS Backup; AWS keeps them in step with the snapshot, copy, tag and restore calls of every resource type AWS Backup supports, and the tag selection limits what the role touches.',
      });
    }

    this.selection = new backup.CfnBackupSelection(this, 'Selection', {
      backupPlanId: this.plan.attrBackupPlanId,
      backupSelection: {
        selectionName: `${props.namePrefix}-by-tag`.slice(0, 50),
        iamRoleArn: this.role.roleArn,
        resources: ['*'],
        conditions: { StringEquals: [{ ConditionKey: `aws:ResourceTag/${props.tagKey}`, ConditionValue: props.tagValue }] },
      },
    });
  }
}
