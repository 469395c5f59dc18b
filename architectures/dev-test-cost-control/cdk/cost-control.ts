import { readFileSync } from 'node:fs';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The tag that puts an instance on office hours. */
export const SCHEDULE_TAG = { key: 'schedule', value: 'office-hours' } as const;

/** A handler as it ships inline: the file without comment lines and indentation (CommonJS index.js). */
export function inlineSource(file: string): string {
  return readFileSync(new URL(`../lambda/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

export interface CostControlProps {
  readonly topic: sns.ITopic;
  readonly topicKey: kms.IKey;
  readonly graceDays: number;
  readonly timezone: string;
  readonly officeHoursStart: number;
  readonly officeHoursEnd: number;
  readonly monthlyBudgetUsd: number;
  readonly logRetentionDays: number;
  /** off, or the approval model of a budget action that attaches the deny policy to these engineer roles. */
  readonly budgetAction: string;
  readonly engineerRoleArns: readonly string[];
}

/** What the budget action denies once actual cost passes the budget: new environments and changes to existing ones. */
export const DENIED_AFTER_BUDGET = ['servicecatalog:ProvisionProduct', 'servicecatalog:UpdateProvisionedProduct'];

/**
 * What keeps a dev/test account's bill in check: a daily reaper that terminates provisioned products past their
 * expires-after tag and a grace period, schedules that stop and start office-hours instances, and a monthly
 * budget that warns the events topic before the limit.
 */
export class CostControl extends Construct {
  readonly reaper: lambda.Function;
  readonly instanceScheduler: lambda.Function;
  readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: CostControlProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const retention = Object.values(logs.RetentionDays).find(
      (v): v is logs.RetentionDays => Number(v) === props.logRetentionDays,
    );
    if (retention === undefined) throw new Error(`logRetentionDays ${props.logRetentionDays} is not a retention period`);

    const fn = (fnId: string, file: string, description: string, environment: Record<string, string>) => {
      const logGroup = new logs.LogGroup(this, `${fnId}Logs`, { retention, removalPolicy: RemovalPolicy.DESTROY });
      const role = new iam.Role(this, `${fnId}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description,
      });
      logGroup.grantWrite(role);
      const f = new lambda.Function(this, fnId, {
        description,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: lambda.Code.fromInline(inlineSource(file)),
        role,
        logGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        timeout: Duration.minutes(5),
        memorySize: 256,
        environment,
      });
      return { f, role };
    };

    // --- The reaper: search, announce, terminate after the grace period.
    const reaper = fn('Reaper', 'reaper.js', `Terminates expired provisioned products of ${stack.stackName}`, {
      GRACE_DAYS: String(props.graceDays),
      TOPIC_ARN: props.topic.topicArn,
    });
    this.reaper = reaper.f;
    reaper.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'FindAndTerminateProvisionedProducts',
        actions: ['servicecatalog:SearchProvisionedProducts', 'servicecatalog:TerminateProvisionedProduct'],
        resources: ['*'],
      }),
    );
    props.topic.grantPublish(reaper.role);
    Validations.of(reaper.role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'Added by grantPublish on the KMS-encrypted events topic, on that topic key only, to encrypt the announcement.',
    });
    Validations.of(reaper.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SearchProvisionedProducts has no resource type, and the reaper terminates any provisioned product of the account whose expires-after tag has passed; the launch role, not this one, deletes the stacks.',
    });

    // --- The instance scheduler: only instances with the office-hours tag may be stopped or started.
    const instances = fn('InstanceScheduler', 'scheduler.js', `Stops and starts office-hours instances for ${stack.stackName}`, {
      TAG_KEY: SCHEDULE_TAG.key,
      TAG_VALUE: SCHEDULE_TAG.value,
    });
    this.instanceScheduler = instances.f;
    instances.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'FindInstances', actions: ['ec2:DescribeInstances'], resources: ['*'] }),
    );
    instances.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'StopAndStartOfficeHoursInstances',
        actions: ['ec2:StopInstances', 'ec2:StartInstances'],
        resources: [stack.formatArn({ service: 'ec2', resource: 'instance', resourceName: '*' })],
        conditions: { StringEquals: { [`aws:ResourceTag/${SCHEDULE_TAG.key}`]: SCHEDULE_TAG.value } },
      }),
    );
    // Starting an instance whose volumes use a customer managed key needs a grant for EC2.
    instances.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'StartInstancesWithEncryptedVolumes',
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: { 'kms:ViaService': `ec2.${Aws.REGION}.amazonaws.com` } },
      }),
    );
    Validations.of(instances.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'DescribeInstances has no resource-level permissions; kms:CreateGrant is limited to grants EC2 makes for its own volumes; stop and start are limited by the office-hours tag.',
    });
    Validations.of(instances.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]`,
      reason: 'Any instance of the account, but only when it carries the office-hours tag (aws:ResourceTag condition).',
    });

    // --- Schedules: EventBridge Scheduler invokes the functions with its own role.
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `EventBridge Scheduler invokes the reaper and the instance scheduler of ${stack.stackName}`,
    });
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.reaper.functionArn, this.instanceScheduler.functionArn],
      }),
    );
    const schedule = (scheduleId: string, expression: string, target: lambda.IFunction, input: object) =>
      new scheduler.CfnSchedule(this, scheduleId, {
        scheduleExpression: expression,
        scheduleExpressionTimezone: props.timezone,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: target.functionArn,
          roleArn: schedulerRole.roleArn,
          input: JSON.stringify(input),
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        },
      });
    schedule('DailyReaper', 'cron(0 6 * * ? *)', this.reaper, {});
    schedule('StopAfterOfficeHours', `cron(0 ${props.officeHoursEnd} ? * MON-FRI *)`, this.instanceScheduler, {
      action: 'stop',
    });
    schedule('StartForOfficeHours', `cron(0 ${props.officeHoursStart} ? * MON-FRI *)`, this.instanceScheduler, {
      action: 'start',
    });

    // --- Budget: the account's monthly cost, with warnings to the events topic.
    props.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BudgetAlerts',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    props.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BudgetAlerts',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    const alert = (type: string, threshold: number): budgets.CfnBudget.NotificationWithSubscribersProperty => ({
      notification: { notificationType: type, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers: [{ subscriptionType: 'SNS', address: props.topic.topicArn }],
    });
    this.budget = new budgets.CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: `${stack.stackName}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [alert('FORECASTED', 80), alert('ACTUAL', 100)],
    });

    // --- Budget action: past 100 percent actual, attach a deny policy to the engineer roles.
    if (props.budgetAction !== 'off') {
      const roleNames = props.engineerRoleArns.map((arn) => arn.split('/').at(-1) ?? '');
      if (roleNames.length === 0) {
        throw new Error(
          `budgetAction ${props.budgetAction} needs at least one full role ARN in engineerPrincipalArns; a budget action cannot target name patterns`,
        );
      }
      const deny = new iam.ManagedPolicy(this, 'OverBudgetDeny', {
        description: `Attached by the budget action of ${stack.stackName} when the month's cost passes the budget`,
        statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: DENIED_AFTER_BUDGET, resources: ['*'] })],
      });
      const executionRole = new iam.Role(this, 'BudgetActionRole', {
        assumedBy: new iam.ServicePrincipal('budgets.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
        description: `Lets AWS Budgets attach and detach the over-budget deny policy of ${stack.stackName}`,
      });
      executionRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
          resources: [...props.engineerRoleArns],
          conditions: { ArnEquals: { 'iam:PolicyARN': deny.managedPolicyArn } },
        }),
      );
      new budgets.CfnBudgetsAction(this, 'OverBudgetAction', {
        budgetName: this.budget.ref,
        notificationType: 'ACTUAL',
        actionType: 'APPLY_IAM_POLICY',
        actionThreshold: { type: 'PERCENTAGE', value: 100 },
        executionRoleArn: executionRole.roleArn,
        approvalModel: props.budgetAction,
        definition: { iamActionDefinition: { policyArn: deny.managedPolicyArn, roles: roleNames } },
        subscribers: [{ type: 'SNS', address: props.topic.topicArn }],
      });
    }
  }
}
