import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

export interface ServiceAlarmsProps {
  readonly targetGroup: elbv2.ApplicationTargetGroup;
}

/**
 * Two alarms on the target group, without actions: a task that stays unhealthy, and a 5xx rate from
 * the tasks that the deployment circuit breaker does not see.
 */
export class ServiceAlarms extends Construct {
  readonly unhealthyTasks: cloudwatch.Alarm;
  readonly target5xxRate: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const minute = Duration.minutes(1);
    const tg = props.targetGroup;
    this.unhealthyTasks = new cloudwatch.Alarm(this, 'UnhealthyTasks', {
      alarmDescription: 'At least one task has failed the load balancer health check for 5 minutes.',
      metric: tg.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: minute }),
      threshold: 1,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.target5xxRate = new cloudwatch.Alarm(this, 'Target5xxRate', {
      alarmDescription: 'More than 5 percent of requests got a 5xx answer from the tasks for 3 minutes in a row.',
      metric: new cloudwatch.MathExpression({
        label: 'Target 5xx percent',
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
            statistic: cloudwatch.Stats.SUM,
            period: minute,
          }),
          requests: tg.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period: minute }),
        },
        period: minute,
      }),
      threshold: 5,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
