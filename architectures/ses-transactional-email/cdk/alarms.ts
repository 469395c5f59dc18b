import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** SES reviews an account at a 5 percent bounce rate and may pause it at 10; 0.1 and 0.5 percent for complaints. */
export const SES_REVIEW = { bounceRate: 0.05, complaintRate: 0.001 };

export interface AlarmsProps {
  readonly bounceRateAlarmPercent: number;
  readonly complaintRateAlarmPercent: number;
  readonly alarmTopicArn: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Alarms before SES acts: the account's bounce and complaint rates (the metrics SES's enforcement reads) below
 * the rates at which it puts the account under review, and the feedback path falling behind or dropping events.
 */
export class Alarms extends Construct {
  readonly bounceRate: cloudwatch.Alarm;
  readonly complaintRate: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const bounce = props.bounceRateAlarmPercent / 100;
    const complaint = props.complaintRateAlarmPercent / 100;
    if (bounce >= SES_REVIEW.bounceRate) {
      throw new Error(`bounceRateAlarmPercent ${props.bounceRateAlarmPercent} is not below SES's review rate of 5`);
    }
    if (complaint >= SES_REVIEW.complaintRate) {
      throw new Error(
        `complaintRateAlarmPercent ${props.complaintRateAlarmPercent} is not below SES's review rate of 0.1`,
      );
    }
    const reputation = (metricName: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(15),
      });
    this.bounceRate = new cloudwatch.Alarm(this, 'BounceRate', {
      alarmDescription: `The account's bounce rate is above ${props.bounceRateAlarmPercent} percent; SES reviews the account at 5 and may pause sending at 10.`,
      metric: reputation('Reputation.BounceRate'),
      threshold: bounce,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.complaintRate = new cloudwatch.Alarm(this, 'ComplaintRate', {
      alarmDescription: `The account's complaint rate is above ${props.complaintRateAlarmPercent} percent; SES reviews the account at 0.1 and may pause sending at 0.5.`,
      metric: reputation('Reputation.ComplaintRate'),
      threshold: complaint,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription: 'Bounce or complaint events failed five times and wait in the dead-letter queue.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const backlog = new cloudwatch.Alarm(this, 'FeedbackBacklog', {
      alarmDescription: 'The oldest bounce or complaint event has waited more than 15 minutes to be handled.',
      metric: props.queue.metricApproximateAgeOfOldestMessage({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: 900,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopicArn !== '') {
      const topic = sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
      for (const alarm of [this.bounceRate, this.complaintRate, deadLetters, backlog]) {
        alarm.addAlarmAction(new actions.SnsAction(topic));
      }
    }
  }
}
