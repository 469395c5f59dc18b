import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { MetricsDashboard } from './dashboard.ts';
import { Notifications } from './notifications.ts';
import { StepFunction } from './functions.ts';
import { Workflow } from './workflow.ts';
import type { Parameters } from './parameters.generated.ts';

export interface MetricsPipelineStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention period`);
  return match;
}

const WINDOW_HOURS = { day: 24, week: 168 } as const;

/** A rate() schedule that runs less often than missedRunWindow would keep the missed-run alarm firing. */
function checkMissedRunWindow(schedule: string, window: Parameters['missedRunWindow']): void {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/u.exec(schedule);
  if (window === 'none' || !rate) return;
  const hours = Number(rate[1]) * { minute: 1 / 60, hour: 1, day: 24 }[rate[2] as 'minute' | 'hour' | 'day'];
  if (hours > WINDOW_HOURS[window]) {
    throw new Error(
      `schedule ${schedule} runs less often than once a ${window}, so missedRunWindow ${window} would alarm between runs; use a longer missedRunWindow or none`,
    );
  }
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/**
 * Metrics pipeline: a schedule starts a Step Functions state machine that gathers raw numbers (Cost
 * Explorer, a users table), computes weekly growth and cost deltas, stores the run (S3 history, DynamoDB
 * series table, custom CloudWatch metrics) and sends it to the outputs that are switched on: a CloudWatch
 * dashboard, a Graphite/Carbon receiver and an email report through SNS.
 */
export default class MetricsPipelineStack extends Stack {
  constructor(scope: Construct, id: string, props: MetricsPipelineStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const users = p.usersTableName !== '';
    const graphite = p.graphiteHost !== '';
    const [subnetIds, securityGroupIds] = [list(p.graphiteSubnetIds), list(p.graphiteSecurityGroupIds)];
    if (!p.costReport && !users) {
      throw new Error('nothing to gather: set usersTableName, or leave costReport true');
    }
    if ((subnetIds.length === 0) !== (securityGroupIds.length === 0) || (subnetIds.length > 0 && !graphite)) {
      throw new Error('graphiteSubnetIds and graphiteSecurityGroupIds go together, and only with a graphiteHost');
    }
    checkMissedRunWindow(p.schedule, p.missedRunWindow);
    const logRetention = retentionOf(p.logRetentionDays);
    const historyRemoval = p.retainHistory ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // --- Store: run history in S3 and a time series table for comparisons.
    const history = new s3.Bucket(this, 'HistoryBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // Objects are a few kilobytes: below the 128 KiB that storage-class transitions need, so only expiry.
      lifecycleRules: [
        {
          id: 'history',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(90),
          ...(p.historyRetentionDays > 0 && { expiration: Duration.days(p.historyRetentionDays) }),
        },
      ],
      removalPolicy: historyRemoval,
    });
    Validations.of(history).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only the store function writes here, a few objects a week under its own role; CloudTrail data events are the audit tool if one is needed, and an access-log bucket would cost more than the history.',
    });
    const series = new dynamodb.Table(this, 'SeriesTable', {
      partitionKey: { name: 'series', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'date', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: historyRemoval,
    });

    // --- Email output and alarm topics.
    const notifications = new Notifications(this, 'Notifications', {
      reportEmail: p.reportEmail,
      alarmEmail: p.alarmEmail,
    });
    const { reportTopic, alarmTopic } = notifications;

    // --- The steps.
    const usersTableArn = this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: p.usersTableName });
    const gather = new StepFunction(this, 'Gather', {
      file: 'gather',
      description: 'metrics-pipeline gather: Cost Explorer cost per environment tag, user count',
      timeout: Duration.minutes(5),
      logRetention,
      environment: {
        COST_ENABLED: String(p.costReport),
        COST_TAG_KEY: p.costTagKey,
        COST_METRIC: p.costMetric,
        USERS_TABLE: p.usersTableName,
        USERS_COUNT_METHOD: p.userCountMethod,
        DATA_LAG_DAYS: String(p.dataLagDays),
      },
      statements: [
        ...(p.costReport
          ? [new iam.PolicyStatement({ sid: 'CostExplorer', actions: ['ce:GetCostAndUsage'], resources: ['*'] })]
          : []),
        ...(users
          ? [
              new iam.PolicyStatement({
                sid: 'CountUsers',
                actions: [p.userCountMethod === 'scan' ? 'dynamodb:Scan' : 'dynamodb:DescribeTable'],
                resources: [usersTableArn],
              }),
            ]
          : []),
      ],
    });
    if (p.costReport) {
      Validations.of(gather.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ce:GetCostAndUsage has no resource-level permissions; IAM only accepts Resource "*" for it. It is read-only, and this role has nothing else with a wildcard.',
      });
    }
    const compute = new StepFunction(this, 'Compute', {
      file: 'compute',
      description: 'metrics-pipeline compute: week-over-week growth, cost deltas, report text',
      timeout: Duration.seconds(30),
      logRetention,
      environment: { SERIES_TABLE: series.tableName, HISTORY_BUCKET: history.bucketName },
      statements: [
        new iam.PolicyStatement({ sid: 'ReadSeries', actions: ['dynamodb:Query'], resources: [series.tableArn] }),
      ],
    });
    const store = new StepFunction(this, 'Store', {
      file: 'store',
      description: 'metrics-pipeline store: S3 history, series table, custom CloudWatch metrics',
      timeout: Duration.minutes(1),
      logRetention,
      environment: {
        HISTORY_BUCKET: history.bucketName,
        SERIES_TABLE: series.tableName,
        METRIC_NAMESPACE: p.metricNamespace,
        RETENTION_DAYS: String(p.historyRetentionDays),
      },
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteHistory',
          actions: ['s3:PutObject'],
          resources: [history.arnForObjects('runs/*')],
        }),
        new iam.PolicyStatement({ sid: 'WriteSeries', actions: ['dynamodb:PutItem'], resources: [series.tableArn] }),
        new iam.PolicyStatement({
          sid: 'PublishMetricsInOwnNamespace',
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': p.metricNamespace } },
        }),
      ],
    });
    Validations.of(store.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(history.node.defaultChild as s3.CfnBucket)}.Arn>/runs/*]`,
        reason: 'Object keys contain the run date; the store function writes only below runs/ of its own bucket.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudwatch:PutMetricData has no resource-level permissions; the cloudwatch:namespace condition limits it to the namespace of this pipeline.',
      },
    );
    let graphiteFn: lambda.Function | undefined;
    if (graphite) {
      const inVpc = subnetIds.length > 0;
      const writer = new StepFunction(this, 'Graphite', {
        file: 'graphite',
        description: `metrics-pipeline graphite output: plaintext protocol to ${p.graphiteHost}:${p.graphitePort}`,
        timeout: Duration.seconds(30),
        logRetention,
        environment: {
          GRAPHITE_HOST: p.graphiteHost,
          GRAPHITE_PORT: String(p.graphitePort),
          GRAPHITE_PREFIX: p.graphitePrefix,
        },
        statements: inVpc
          ? [
              new iam.PolicyStatement({
                sid: 'NetworkInterfacesInYourSubnets',
                actions: [
                  'ec2:CreateNetworkInterface',
                  'ec2:DescribeNetworkInterfaces',
                  'ec2:DescribeSubnets',
                  'ec2:DeleteNetworkInterface',
                  'ec2:AssignPrivateIpAddresses',
                  'ec2:UnassignPrivateIpAddresses',
                ],
                resources: ['*'],
              }),
            ]
          : [],
      });
      if (inVpc) {
        (writer.fn.node.defaultChild as lambda.CfnFunction).vpcConfig = { subnetIds, securityGroupIds };
        Validations.of(writer.role).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'The network interface actions Lambda needs to attach a function to subnets do not support resource-level permissions (the set in AWSLambdaVPCAccessExecutionRole, without its log wildcard).',
        });
      }
      graphiteFn = writer.fn;
    }

    // --- The workflow and its schedule.
    const workflow = new Workflow(this, 'Workflow', {
      gather: gather.fn,
      compute: compute.fn,
      store: store.fn,
      graphite: graphiteFn,
      reportTopic,
      logRetention,
    });
    const machine = workflow.stateMachine;
    notifications.grantPublishReport(machine);
    Validations.of(machine.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray trace segments and CloudWatch Logs log delivery (logs:CreateLogDelivery and related) do not support resource-level permissions; CDK adds these for tracing and execution logging.',
      },
      ...[gather, compute, store, ...(graphiteFn ? [{ fn: graphiteFn }] : [])].map((s) => ({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(s.fn.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
        reason: 'Invoking any version or alias of this one step function, which the Lambda task integration needs.',
      })),
    );
    const rule = new events.Rule(this, 'Schedule', {
      description: `Starts a metrics run: ${p.schedule} (UTC)`,
      schedule: events.Schedule.expression(p.schedule),
      targets: [new targets.SfnStateMachine(machine)],
    });

    // --- Alarms: a failed, timed-out or stopped run, or a schedule that could not start one; and a run that
    // never happened, for a rule that was disabled, deleted or given the wrong expression.
    notifications.alarmOnFailedRuns(machine, rule);
    if (p.missedRunWindow !== 'none') notifications.alarmOnMissedRuns(machine, p.missedRunWindow);

    // --- Dashboard output.
    const steps = [gather.fn, compute.fn, store.fn, ...(graphiteFn ? [graphiteFn] : [])];
    const dashboard = p.createDashboard
      ? new MetricsDashboard(this, 'Dashboard', {
          namespace: p.metricNamespace,
          costTagKey: p.costTagKey,
          users,
          cost: p.costReport,
          stateMachine: machine,
          functions: steps,
        }).dashboard
      : undefined;

    // --- Outputs.
    new CfnOutput(this, 'StateMachineArn', {
      value: machine.stateMachineArn,
      description: 'State machine of one run; start it by hand for a rerun or backfill.',
    });
    new CfnOutput(this, 'ScheduleRuleName', {
      value: rule.ruleName,
      description: 'EventBridge rule that starts runs.',
    });
    new CfnOutput(this, 'HistoryBucketName', {
      value: history.bucketName,
      description: 'S3 bucket with run.json and points.csv of every run under runs/date=YYYY-MM-DD/.',
    });
    new CfnOutput(this, 'SeriesTableName', { value: series.tableName, description: 'DynamoDB time series table.' });
    new CfnOutput(this, 'MetricNamespace', { value: p.metricNamespace, description: 'CloudWatch namespace.' });
    new CfnOutput(this, 'DashboardName', {
      value: dashboard ? dashboard.dashboardName : 'none',
      description: 'CloudWatch dashboard, or none.',
    });
    new CfnOutput(this, 'ReportTopicArn', { value: reportTopic.topicArn, description: 'SNS topic of the report.' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn, description: 'SNS topic of the alarm.' });
    new CfnOutput(this, 'StepFunctionNames', {
      value: Fn.join(
        ',',
        steps.map((fn) => fn.functionName),
      ),
      description: 'Lambda functions of the steps, in order.',
    });
  }
}
