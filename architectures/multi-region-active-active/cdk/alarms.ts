import { Aws, CfnCondition, Duration, Fn } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface RegionAlarmsProps {
  readonly fn: lambda.IFunction;
  readonly tableName: string;
  readonly peerRegion: string;
  /** This Region's Route 53 health check, alarmed on where its metric exists (us-east-1 only). */
  readonly healthCheckId: string;
  /** Whether the table replicates asynchronously (EVENTUAL), so that replication latency is worth an alarm. */
  readonly replicationLatency: boolean;
  readonly alarmEmail: string;
  readonly key: kms.IKey;
}

/** Thresholds, documented in the README; change them here. */
export const THRESHOLDS = {
  functionErrorsPer5Min: 5,
  throttlesPer5Min: 10,
  replicationLatencyMs: 10000,
  p99DurationMs: 1500,
  writeConflictsPer5Min: 10,
} as const;

/** The namespace of the metrics the handler publishes in embedded metric format. */
export const METRIC_NAMESPACE = 'MultiRegionActiveActive';

/**
 * The alarms of one Region, to an encrypted SNS topic: function errors and throttles, a slow p99 while
 * the health check still passes, writes refused because another Region wrote the same item, replication
 * latency to the peer under eventual consistency and, when the stack is in us-east-1, the Route 53
 * health check of this Region.
 */
export class RegionAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly healthCheckAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RegionAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `multi-region-active-active alarms in ${Aws.REGION}`,
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alarmEmail !== '') this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    const action = new actions.SnsAction(this.topic);
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...alarmProps,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
      return alarm;
    };
    const fiveMinutes = Duration.minutes(5);

    add('FunctionErrors', {
      metric: props.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: THRESHOLDS.functionErrorsPer5Min,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: `The web tier function failed ${THRESHOLDS.functionErrorsPer5Min} or more times in 5 minutes; read its log group.`,
    });
    add('FunctionThrottles', {
      metric: props.fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: THRESHOLDS.throttlesPer5Min,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription:
        'Lambda throttled the web tier function: the Region ran out of concurrency, for example after a failover; raise the concurrency quota of this Region.',
    });
    add('SlowButHealthy', {
      metric: props.fn.metricDuration({ period: Duration.minutes(1), statistic: 'p99' }),
      threshold: THRESHOLDS.p99DurationMs,
      evaluationPeriods: 5,
      datapointsToAlarm: 4,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `The web tier's p99 duration has been over ${THRESHOLDS.p99DurationMs} ms for 4 of 5 minutes while its health check may still pass: latency routing keeps sending this Region its nearby users. Follow the evacuation runbook if the peer Region is fast.`,
    });
    add('WriteConflicts', {
      metric: new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: 'WriteConflicts',
        dimensionsMap: { Region: Aws.REGION },
        statistic: 'Sum',
        period: fiveMinutes,
      }),
      threshold: THRESHOLDS.writeConflictsPer5Min,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: `DynamoDB refused ${THRESHOLDS.writeConflictsPer5Min} or more writes in 5 minutes because another Region was writing the same item (ReplicatedWriteConflictException): clients answered 409. Find the hot items in the function log.`,
    });
    if (props.replicationLatency) {
      add('ReplicationLatency', {
        metric: new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ReplicationLatency',
          dimensionsMap: { TableName: props.tableName, ReceivingRegion: props.peerRegion },
          statistic: 'Average',
          period: Duration.minutes(1),
        }),
        threshold: THRESHOLDS.replicationLatencyMs,
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `Writes made in this Region reach ${props.peerRegion} more than ${THRESHOLDS.replicationLatencyMs / 1000} s late for 5 minutes: readers there see stale items and concurrent writers overwrite each other by last writer wins.`,
      });
    }

    // Route 53 publishes health check metrics in us-east-1 only; elsewhere the alarm would never see data.
    const inUsEast1 = new CfnCondition(this, 'InUsEast1', {
      expression: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
    });
    this.healthCheckAlarm = add('RegionHealthCheck', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Route53',
        metricName: 'HealthCheckStatus',
        dimensionsMap: { HealthCheckId: props.healthCheckId },
        statistic: 'Minimum',
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      alarmDescription:
        'Route 53 considers this Region unhealthy: latency routing now sends all users to the other Region, which must carry double its load. Check its throttles.',
    });
    (this.healthCheckAlarm.node.defaultChild as cloudwatch.CfnAlarm).cfnOptions.condition = inUsEast1;
  }
}
