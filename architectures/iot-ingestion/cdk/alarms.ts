import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface IngestAlarmsProps {
  readonly ruleName: string;
  readonly streamName: string;
  readonly deliveryStreamName: string;
  readonly key: kms.IKey;
  readonly alertEmail: string;
  readonly bufferSeconds: number;
}

const MINUTE = Duration.minutes(1);

/**
 * The alarms that say telemetry is being lost or delayed: the rule cannot put into the stream, the error
 * action cannot save what failed (then messages are gone), producers to the stream are throttled, and
 * the archive falls behind. All notify one encrypted SNS topic, on alarm and on recovery.
 */
export class IngestAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: IngestAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Alerts of ${props.ruleName}`,
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alertEmail !== '') this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));
    const notify = new actions.SnsAction(this.topic);
    const add = (name: string, alarmProps: cloudwatch.AlarmProps): void => {
      const alarm = new cloudwatch.Alarm(this, name, alarmProps);
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      this.alarms.push(alarm);
    };
    const sum = (namespace: string, metricName: string, dimensionsMap: Record<string, string>): cloudwatch.Metric =>
      new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic: 'Sum', period: MINUTE });

    add('RuleActionFailures', {
      alarmDescription: 'The telemetry rule could not put messages into the stream; the error action saved them below errors/',
      metric: sum('AWS/IoT', 'Failure', { RuleName: props.ruleName, ActionType: 'Kinesis' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('ErrorActionFailures', {
      alarmDescription: 'The error action could not save failed messages either: those messages are lost',
      metric: sum('AWS/IoT', 'ErrorActionFailure', { RuleName: props.ruleName, ActionType: 'S3' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('StreamThrottles', {
      alarmDescription: 'The stream throttles the rule: a burst above what the on-demand stream absorbs, or one device above a shard',
      metric: sum('AWS/Kinesis', 'WriteProvisionedThroughputExceeded', { StreamName: props.streamName }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    add('ArchiveFreshness', {
      alarmDescription: 'The oldest record not yet in the telemetry bucket is older than three buffer intervals',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Firehose',
        metricName: 'DeliveryToS3.DataFreshness',
        dimensionsMap: { DeliveryStreamName: props.deliveryStreamName },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      threshold: props.bufferSeconds * 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
