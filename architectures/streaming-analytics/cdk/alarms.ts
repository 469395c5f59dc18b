import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface StreamAlarmsProps {
  readonly stream: kinesis.IStream;
  readonly applicationName: string;
  readonly key: kms.IKey;
  readonly alertEmail: string;
  /** Minutes the oldest unread record may wait before the lag alarm fires. */
  readonly iteratorAgeMinutes: number;
  readonly retentionHours: number;
  readonly checkpointIntervalSeconds: number;
}

const MINUTE = Duration.minutes(1);

/**
 * The alarms that say data is not reaching the table: the job falls behind the stream (iterator age), the
 * backlog nears the stream's retention (records are about to expire unread), producers are throttled, the
 * job is down or restarting, or its checkpoints, which are its Iceberg commits, fail or take longer than
 * the interval. All notify one encrypted SNS topic.
 */
export class StreamAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: StreamAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Alerts of ${props.applicationName}`,
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alertEmail !== '') this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));
    const notify = new actions.SnsAction(this.topic);
    const stream = { StreamName: props.stream.streamName };
    const app = { Application: props.applicationName };
    const add = (name: string, alarmProps: cloudwatch.AlarmProps): void => {
      const alarm = new cloudwatch.Alarm(this, name, alarmProps);
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      this.alarms.push(alarm);
    };
    const iteratorAge = new cloudwatch.Metric({
      namespace: 'AWS/Kinesis',
      metricName: 'GetRecords.IteratorAgeMilliseconds',
      dimensionsMap: stream,
      statistic: 'Maximum',
      period: MINUTE,
    });

    add('IteratorAge', {
      alarmDescription: `The job is more than ${props.iteratorAgeMinutes} minutes behind the stream, or nothing reads it`,
      metric: iteratorAge,
      threshold: props.iteratorAgeMinutes * 60_000,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      // No GetRecords calls at all means no consumer: the job is stopped or cannot read.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    add('RetentionRisk', {
      alarmDescription: `Unread records are older than half the stream's ${props.retentionHours}-hour retention; they expire unread at the full retention`,
      metric: iteratorAge,
      threshold: (props.retentionHours * 3_600_000) / 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('WriteThrottles', {
      alarmDescription: 'Producers are throttled: a hot partition key or a burst above what the stream absorbs',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Kinesis',
        metricName: 'WriteProvisionedThroughputExceeded',
        dimensionsMap: stream,
        statistic: 'Sum',
        period: MINUTE,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('Downtime', {
      alarmDescription: 'The Flink job is not running: it is failing, restarting or scaling',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/KinesisAnalytics',
        metricName: 'downtime',
        dimensionsMap: app,
        statistic: 'Maximum',
        period: MINUTE,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // fullRestarts and numberOfFailedCheckpoints count up from the job's start: alarm on their increase.
    const increase = (metricName: string, label: string): cloudwatch.MathExpression =>
      new cloudwatch.MathExpression({
        expression: 'DIFF(m)',
        label,
        period: Duration.minutes(5),
        usingMetrics: {
          m: new cloudwatch.Metric({ namespace: 'AWS/KinesisAnalytics', metricName, dimensionsMap: app, statistic: 'Maximum' }),
        },
      });
    add('Restarts', {
      alarmDescription: 'The Flink job restarted: a failing record, operator or dependency; it replays from the last checkpoint',
      metric: increase('fullRestarts', 'restarts in 5 minutes'),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('FailedCheckpoints', {
      alarmDescription: 'Checkpoints fail, so nothing is committed to the Iceberg table',
      metric: increase('numberOfFailedCheckpoints', 'failed checkpoints in 5 minutes'),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('SlowCheckpoints', {
      alarmDescription: `Checkpoints, which are the table commits, take longer than the ${props.checkpointIntervalSeconds}-second interval`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/KinesisAnalytics',
        metricName: 'lastCheckpointDuration',
        dimensionsMap: app,
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      threshold: props.checkpointIntervalSeconds * 1000,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
