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
  /** The primary's Route 53 health check, alarmed on where its metric exists (us-east-1 only). */
  readonly healthCheckId?: string;
  readonly alarmEmail: string;
  readonly key: kms.IKey;
}

/** Thresholds, documented in the README; change them here. */
export const THRESHOLDS = {
  functionErrorsPer5Min: 5,
  throttlesPer5Min: 10,
  replicationLatencyMs: 10000,
} as const;

/**
 * The alarms of one Region, to an encrypted SNS topic: function errors and throttles, replication
 * latency from this Region's replica to the peer's, and, in the primary stack when it is deployed in
 * us-east-1, the Route 53 health check of the primary endpoint.
 */
export class RegionAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly healthCheckAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RegionAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `multi-region-active-passive alarms in ${Aws.REGION}`,
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
      alarmDescription: `Writes made in this Region reach ${props.peerRegion} more than ${THRESHOLDS.replicationLatencyMs / 1000} s late for 5 minutes; a failover now would lose or delay them.`,
    });

    if (props.healthCheckId !== undefined) {
      // Route 53 publishes health check metrics in us-east-1 only; elsewhere the alarm would never see data.
      const inUsEast1 = new CfnCondition(this, 'InUsEast1', {
        expression: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
      });
      this.healthCheckAlarm = add('PrimaryHealthCheck', {
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
          'Route 53 considers the primary endpoint unhealthy: DNS now answers with the secondary Region. Follow the failover runbook.',
      });
      (this.healthCheckAlarm.node.defaultChild as cloudwatch.CfnAlarm).cfnOptions.condition = inUsEast1;
    }
  }
}
