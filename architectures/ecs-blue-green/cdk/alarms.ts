import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

export interface ServiceAlarmsProps {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Both target groups of the blue/green pair: the live revision is in either, depending on the last deployment. */
  readonly targetGroups: readonly elbv2.ApplicationTargetGroup[];
}

/**
 * Two alarms, without actions: a task that stays unhealthy, and a 5xx rate that the deployment circuit
 * breaker does not see. The 5xx rate counts the answers of the tasks and the 502, 503 and 504 the load
 * balancer sends itself when a task crashes, times out or none is healthy; the service rolls a deployment
 * back when it goes off.
 */
export class ServiceAlarms extends Construct {
  readonly unhealthyTasks: cloudwatch.Alarm;
  readonly error5xxRate: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const minute = Duration.minutes(1);
    // Either group may hold the live tasks, so the alarm adds the unhealthy tasks of both.
    this.unhealthyTasks = new cloudwatch.Alarm(this, 'UnhealthyTasks', {
      alarmDescription: 'At least one task has failed the load balancer health check for 5 minutes, in either target group.',
      metric: new cloudwatch.MathExpression({
        label: 'unhealthy tasks',
        expression: props.targetGroups.map((_, i) => `FILL(g${i}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(
          props.targetGroups.map((g, i) => [`g${i}`, g.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: minute })]),
        ),
        period: minute,
      }),
      threshold: 1,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // RequestCount leaves out requests the load balancer answered without a target (503 when none is healthy),
    // so those are added to both sides. The 5xx counts are published only in minutes that have some, and metric
    // math drops a minute that one series lacks, so every series is filled with 0.
    this.error5xxRate = new cloudwatch.Alarm(this, 'Target5xxRate', {
      alarmDescription:
        'More than 5 percent of requests got a 5xx answer, from the tasks or from the load balancer, for 3 minutes in a row. A deployment running or baking when this goes off is rolled back.',
      metric: new cloudwatch.MathExpression({
        label: '5xx percent',
        expression:
          'IF(FILL(requests, 0) + FILL(lb, 0) > 0, 100 * (FILL(errors, 0) + FILL(lb, 0)) / (FILL(requests, 0) + FILL(lb, 0)), 0)',
        usingMetrics: {
          // Load balancer-wide counts: the live revision is in either target group.
          errors: props.loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
            statistic: cloudwatch.Stats.SUM,
            period: minute,
          }),
          lb: props.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, {
            statistic: cloudwatch.Stats.SUM,
            period: minute,
          }),
          requests: props.loadBalancer.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period: minute }),
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
