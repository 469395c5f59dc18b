import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface DatabaseAlarmsProps {
  readonly clusterIdentifier: string;
  /** Memory of the instance class in GiB, for the memory and connection thresholds. */
  readonly memoryGiB: number;
  readonly alarmEmail: string;
  readonly key: kms.IKey;
}

/** Thresholds, documented in the README; change them here. */
export const THRESHOLDS = {
  cpuPercent: 80,
  /** Alarm when freeable memory falls below this share of the instance class memory. */
  freeMemoryShare: 0.1,
  replicaLagMs: 2000,
  /**
   * Alarm when connections pass this share of max_connections computed with the class memory. The instance's
   * DBInstanceClassMemory is a little lower, so this is about 80% of the actual default max_connections.
   */
  connectionShare: 0.75,
} as const;

/**
 * The default max_connections of Aurora PostgreSQL: LEAST(DBInstanceClassMemory/9531392, 5000).
 * DBInstanceClassMemory is a little below the class memory; the class memory is close enough for an alarm.
 */
export function maxConnectionsOf(memoryGiB: number): number {
  return Math.min(Math.floor((memoryGiB * 1024 ** 3) / 9531392), 5000);
}

/**
 * CloudWatch alarms on the writer and the readers, by role (the DBClusterIdentifier and Role
 * dimensions), so they follow the instances through a failover; all of them notify one SNS topic.
 */
export class DatabaseAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Alarms of Aurora cluster ${props.clusterIdentifier}`,
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alarmEmail !== '') {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    // CloudWatch publishes to the encrypted topic, so it needs the key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    const action = new actions.SnsAction(this.topic);

    const metric = (name: string, role: 'WRITER' | 'READER', statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName: name,
        dimensionsMap: { DBClusterIdentifier: props.clusterIdentifier, Role: role },
        statistic,
        period: Duration.minutes(1),
      });
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps): void => {
      const alarm = new cloudwatch.Alarm(this, alarmId, alarmProps);
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    const freeMemoryBytes = Math.round(props.memoryGiB * THRESHOLDS.freeMemoryShare * 1024 ** 3);
    const connections = Math.floor(maxConnectionsOf(props.memoryGiB) * THRESHOLDS.connectionShare);
    // The stack always has at least one reader, so both roles report metrics.
    for (const role of ['WRITER', 'READER'] as const) {
      const name = role === 'WRITER' ? 'Writer' : 'Reader';
      const which = role === 'WRITER' ? 'the writer' : 'a reader';
      add(`${name}Cpu`, {
        metric: metric('CPUUtilization', role, 'Maximum'),
        threshold: THRESHOLDS.cpuPercent,
        evaluationPeriods: 10,
        datapointsToAlarm: 8,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `CPU of ${which} above ${THRESHOLDS.cpuPercent}% for 8 of 10 minutes: check Database Insights for the top SQL, or scale the instance class.`,
      });
      add(`${name}FreeableMemory`, {
        metric: metric('FreeableMemory', role, 'Minimum'),
        threshold: freeMemoryBytes,
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `Freeable memory of ${which} below ${THRESHOLDS.freeMemoryShare * 100}% of the instance class for 5 minutes: look for connection storms and large work_mem queries.`,
      });
      add(`${name}Connections`, {
        metric: metric('DatabaseConnections', role, 'Maximum'),
        threshold: connections,
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `Connections to ${which} above ${connections} (about 80% of the default max_connections) for 5 minutes: pool connections or add RDS Proxy.`,
      });
    }
    // Published by the writer: the largest lag of any reader.
    add('ReplicaLag', {
      metric: metric('AuroraReplicaLagMaximum', 'WRITER', 'Maximum'),
      threshold: THRESHOLDS.replicaLagMs,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `A reader lags the writer by more than ${THRESHOLDS.replicaLagMs} ms for 5 minutes: readers serve stale data, and a failover to that reader takes longer.`,
    });
  }
}
