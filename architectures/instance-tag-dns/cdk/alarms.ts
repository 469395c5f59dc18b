import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface UpdaterAlarmsProps {
  readonly fn: lambda.IFunction;
  readonly deadLetterQueue: sqs.IQueue;
  /** Subscribed to the topic by email when not empty. */
  readonly alarmEmail: string;
}

/** The age of the oldest queued event, in milliseconds, above which the backlog alarm counts a period. */
export const BACKLOG_AGE_MS = 5 * 60_000;

/**
 * Alarms on the record updater and its dead-letter queue, all notifying one SNS topic on ALARM and on OK.
 * Lambda publishes its metrics only for periods with invocations, so the function's alarms count a period
 * without data as fine: nothing ran, nothing failed.
 */
export class UpdaterAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: UpdaterAlarmsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    // The queue and table use keys their services own, which costs nothing. SNS has no such key, and CloudWatch
    // cannot publish to a topic under the AWS managed key (alias/aws/sns), so the topic gets a customer managed key.
    const key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the alarm topic of ${stackName} (instance-tag-dns)`,
      enableKeyRotation: true,
      // Only notifications in flight use it; nothing stored outlives the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        // Only on behalf of alarms in this account: a confused-deputy guard.
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Alarms of ${stackName} (instance-tag-dns)`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail !== '') this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new actions.SnsAction(this.topic);
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps): void => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...alarmProps,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };
    const fiveMinutes = Duration.minutes(5);

    // A single failure is normal: a fresh instance that DescribeInstances does not show as running yet is failed on
    // purpose and succeeds on the retry a minute later. One event's three attempts span about three minutes, so
    // errors in three 5-minute periods in a row mean a broken release or dependency, not one unlucky event.
    add('Errors', {
      alarmDescription: `The record updater of ${stackName} failed in each of three 5-minute periods in a row: records stop following the instances. See the runbook "When Route 53 or EC2 calls fail" or "Roll back a broken function release".`,
      metric: props.fn.metricErrors({ statistic: 'Sum', period: fiveMinutes }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
    // Every parked event is a record that stays wrong until the next reconcile, so one is enough. SQS publishes queue
    // metrics only while a queue is active, so a quiet queue leaves the alarm as it is (ignore): in ALARM while parked
    // events wait, for up to 14 days, and OK once a purge after the reconcile shows the queue empty.
    add('DeadLetterQueue', {
      alarmDescription: `Events of ${stackName} failed every retry and wait in the dead-letter queue: fix the cause, run a reconcile, then purge the queue (runbook "When Route 53 or EC2 calls fail").`,
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: fiveMinutes,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    // Retries alone age an event by about three minutes, and a mass launch of a few hundred instances drains in a
    // few; events older than five minutes in two periods in a row mean the single writer is falling behind.
    add('Backlog', {
      alarmDescription: `Events for ${stackName} waited more than 5 minutes in two 5-minute periods in a row: names arrive late. Look for a burst of launches or Route 53 throttling on the dashboard.`,
      metric: props.fn.metric('AsyncEventAge', { statistic: 'Maximum', period: fiveMinutes }),
      threshold: BACKLOG_AGE_MS,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
    // An event that could not even be parked is lost; only a reconcile repairs what it was for, so one is enough.
    add('DeadLetterErrors', {
      alarmDescription: `Lambda could not send failed events of ${stackName} to the dead-letter queue, so they are lost: check the queue and the role's sqs:SendMessage, then run a reconcile.`,
      metric: props.fn.metric('DeadLetterErrors', { statistic: 'Sum', period: fiveMinutes }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
}
