import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Job states that mean a recovery point is missing: a backup, copy or restore (test) did not complete. */
export const FAILED_STATES = ['FAILED', 'ABORTED', 'EXPIRED'];

/** AWS Backup metrics whose sum over a day must stay zero. */
export const FAILURE_METRICS = ['NumberOfBackupJobsFailed', 'NumberOfCopyJobsFailed', 'NumberOfRestoreJobsFailed'];

export interface AlertsProps {
  readonly alertEmail: string;
}

/**
 * Where failures go: an encrypted SNS topic told by an EventBridge rule about every backup, copy or restore job
 * that fails, aborts or expires, and by alarms on AWS Backup's failed-job metrics.
 */
export class Alerts extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  readonly rule: events.Rule;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    // Its own key: the services that publish (EventBridge, CloudWatch, AWS Backup) must be able to use it.
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the backup alert topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PublishersEncrypt',
        principals: ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'backup.amazonaws.com'].map((s) => new iam.ServicePrincipal(s)),
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: this.key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BackupPublishesVaultEvents',
        principals: [new iam.ServicePrincipal('backup.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );
    if (props.alertEmail !== '') this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));

    this.rule = new events.Rule(this, 'FailedJobs', {
      description: 'AWS Backup backup, copy or restore jobs that failed, aborted or expired',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change', 'Restore Job State Change'],
        detail: { state: FAILED_STATES },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });

    this.alarms = FAILURE_METRICS.map(
      (metricName) =>
        new cloudwatch.Alarm(this, metricName, {
          alarmDescription: `AWS Backup ${metricName} above zero in the last day`,
          metric: new cloudwatch.Metric({ namespace: 'AWS/Backup', metricName, statistic: 'Sum', period: Duration.days(1) }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );
    for (const alarm of this.alarms) alarm.addAlarmAction(new actions.SnsAction(this.topic));
  }
}
