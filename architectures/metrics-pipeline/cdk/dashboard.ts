import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface MetricsDashboardProps {
  readonly namespace: string;
  readonly costTagKey: string;
  readonly users: boolean;
  readonly cost: boolean;
  readonly stateMachine: sfn.StateMachine;
  readonly functions: readonly lambda.IFunction[];
}

const WEEK = Duration.days(7);

/**
 * The dashboard output: the business metrics the store step publishes, one point per run shown per week,
 * and the health of the pipeline. Environments are found with SEARCH, so a new oar:env value appears by itself.
 */
export class MetricsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MetricsDashboardProps) {
    super(scope, id);
    const metric = (metricName: string) =>
      new cloudwatch.Metric({ namespace: props.namespace, metricName, statistic: 'Maximum', period: WEEK });
    const search = (metricName: string, label: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{"${props.namespace}",Environment} MetricName="${metricName}"', 'Maximum', ${WEEK.toSeconds()})`,
        usingMetrics: {},
        label,
        period: WEEK,
      });
    const business: cloudwatch.IWidget[] = [];
    if (props.users) {
      business.push(
        new cloudwatch.GraphWidget({
          title: 'Users: total and new per week',
          left: [metric('UserCount')],
          right: [metric('NewUsers')],
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: 'User growth, % week over week',
          left: [metric('UserGrowthPercent')],
          width: 12,
        }),
      );
    }
    if (props.cost) {
      business.push(
        new cloudwatch.GraphWidget({
          title: `Cost per ${props.costTagKey} per 7 days (USD)`,
          left: [search('WeeklyCost', '')],
          stacked: true,
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: `Total cost per 7 days (USD) and change per ${props.costTagKey} (%)`,
          left: [metric('TotalWeeklyCost')],
          right: [search('WeeklyCostChangePercent', '')],
          width: 12,
        }),
      );
    }
    const health = [
      new cloudwatch.GraphWidget({
        title: 'Pipeline runs',
        left: [
          props.stateMachine.metricSucceeded({ period: Duration.hours(1) }),
          props.stateMachine.metricFailed({ period: Duration.hours(1) }),
          props.stateMachine.metricTimedOut({ period: Duration.hours(1) }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda errors per step',
        left: props.functions.map((fn) => fn.metricErrors({ period: Duration.hours(1) })),
        width: 12,
      }),
    ];
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(182),
      widgets: [business, health],
    });
  }
}
