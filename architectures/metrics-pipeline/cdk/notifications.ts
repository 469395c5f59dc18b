import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface NotificationsProps {
  /** Subscribed to the report topic when not empty. */
  readonly reportEmail: string;
  /** Subscribed to the alarm topic when not empty. */
  readonly alarmEmail: string;
}

/**
 * The email output and the alarm path: a report topic and an alarm topic under one customer managed key,
 * which CloudWatch alarms can use (they cannot publish to topics under the AWS managed key).
 */
export class Notifications extends Construct {
  readonly key: kms.Key;
  readonly reportTopic: sns.Topic;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the report and alarm topics of ${Stack.of(this).stackName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        // Only on behalf of alarms in this account: a confused-deputy guard.
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.reportTopic = this.topic('ReportTopic', 'Metrics report', props.reportEmail);
    this.alarmTopic = this.topic('AlarmTopic', 'Metrics pipeline alarm', props.alarmEmail);
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
  }

  private topic(id: string, displayName: string, email: string): sns.Topic {
    const topic = new sns.Topic(this, id, { displayName, masterKey: this.key, enforceSSL: true });
    if (email !== '') topic.addSubscription(new subscriptions.EmailSubscription(email));
    return topic;
  }

  /** Lets the state machine publish the report: sns:Publish and the key. */
  grantPublishReport(machine: sfn.StateMachine): void {
    // The Step Functions SNS integration grants sns:Publish; a customer managed key needs its own grant.
    this.key.grant(machine.role, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  /** One alarm for a failed, timed-out or aborted run, or a schedule that could not start one, to the alarm topic. */
  alarmOnFailedRuns(machine: sfn.StateMachine, rule: events.Rule): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, 'RunFailedAlarm', {
      alarmDescription: `A metrics run of ${Stack.of(this).stackName} failed, timed out, was stopped or could not be started; see the Step Functions execution history.`,
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0) + FILL(notStarted, 0)',
        usingMetrics: {
          failed: machine.metricFailed({ statistic: 'Sum' }),
          timedOut: machine.metricTimedOut({ statistic: 'Sum' }),
          aborted: machine.metricAborted({ statistic: 'Sum' }),
          notStarted: new cloudwatch.Metric({
            namespace: 'AWS/Events',
            metricName: 'FailedInvocations',
            dimensionsMap: { RuleName: rule.ruleName },
            statistic: 'Sum',
          }),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    return alarm;
  }

  /**
   * An alarm for runs that never happened: no execution succeeded in a whole calendar day or week (UTC),
   * missing data counted as breaching. A disabled, deleted or mis-scheduled rule produces no data at all,
   * which the failed-run alarm cannot see. The wall clock window evaluates complete calendar periods, so
   * a run at the usual time never races the window's edge, as it would with a sliding window of the same
   * length as the schedule.
   */
  alarmOnMissedRuns(machine: sfn.StateMachine, window: 'day' | 'week'): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, 'RunMissedAlarm', {
      alarmDescription: `No metrics run of ${Stack.of(this).stackName} succeeded in a whole calendar ${window} (UTC): the schedule may be disabled, deleted or wrong, or every run failed. See the rule and the execution history.`,
      metric: machine.metricSucceeded({
        statistic: 'Sum',
        period: window === 'day' ? Duration.days(1) : Duration.days(7),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
    cfn.evaluationWindow = { wallClockWindow: { timezone: 'UTC' } };
    // cfn-lint 1.51's resource schema predates EvaluationWindow (CloudFormation and aws-cdk-lib have it);
    // drop this once the pinned cfn-lint knows the property.
    cfn.addMetadata('cfn-lint', { config: { ignore_checks: ['E3002'] } });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    return alarm;
  }
}
