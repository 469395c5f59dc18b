import * as backup from 'aws-cdk-lib/aws-backup';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface RestoreTestingProps {
  readonly namePrefix: string;
  readonly vaultArn: string;
  readonly role: iam.IRole;
  readonly resourceTypes: readonly string[];
  readonly tagKey: string;
  readonly tagValue: string;
  readonly validationWindowHours: number;
}

/**
 * A weekly restore test: AWS Backup restores the latest recovery point of each selected resource type from the
 * primary vault, keeps the restored copy for the validation window, then deletes it.
 */
export class RestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly selections: backup.CfnRestoreTestingSelection[];

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const planName = `${props.namePrefix.replace(/[^A-Za-z0-9]/gu, '_')}_restore_test`.slice(0, 50);
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: planName,
      scheduleExpression: 'cron(0 8 ? * SAT *)',
      scheduleExpressionTimezone: 'Etc/UTC',
      startWindowHours: 4,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });
    this.selections = props.resourceTypes.map((type) => {
      const selection = new backup.CfnRestoreTestingSelection(this, type, {
        restoreTestingPlanName: planName,
        restoreTestingSelectionName: `${type.replace(/[^A-Za-z0-9]/gu, '_')}_by_tag`,
        protectedResourceType: type,
        iamRoleArn: props.role.roleArn,
        protectedResourceArns: ['*'],
        protectedResourceConditions: {
          stringEquals: [{ key: `aws:ResourceTag/${props.tagKey}`, value: props.tagValue }],
        },
        validationWindowHours: props.validationWindowHours,
      });
      selection.addResourceDependency(this.plan);
      return selection;
    });
  }
}
