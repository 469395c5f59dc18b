import { readFileSync } from 'node:fs';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIX } from './storage.ts';

export const HANDLER_FILE = 'scanner/handler.py';
export const METRIC_NAMESPACE = 'SftpFileExchange';

export interface ScannerProps {
  readonly mode: 'signature-check' | 'guardduty';
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly logGroup: logs.ILogGroup;
  readonly maxScanSizeMb: number;
  readonly alarmTopicArn: string;
}

/**
 * The step that releases or quarantines every upload. In signature-check mode an EventBridge rule sends each
 * "Object Created" event under incoming/ to the function, which reads the object and applies a content
 * check; in guardduty mode a GuardDuty Malware Protection plan scans incoming/ and the rule sends its scan
 * results instead. Either way the function copies the object to clean/ or quarantine/ and deletes it from
 * incoming/. Failed deliveries land in a dead-letter queue; alarms watch it, errors and quarantines.
 */
export class Scanner extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  readonly plan?: guardduty.CfnMalwareProtectionPlan;

  constructor(scope: Construct, id: string, props: ScannerProps) {
    super(scope, id);
    const { bucket, key } = props;
    const stack = Stack.of(this);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Scanner: reads incoming/, writes clean/ and quarantine/',
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAndRemoveUploads',
        actions: ['s3:GetObject', 's3:GetObjectTagging', 's3:DeleteObject'],
        resources: [bucket.arnForObjects(`${PREFIX.incoming}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteVerdicts',
        actions: ['s3:PutObject', 's3:PutObjectTagging'],
        resources: [bucket.arnForObjects(`${PREFIX.clean}*`), bucket.arnForObjects(`${PREFIX.quarantine}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${props.logGroup.logGroupArn}:*`],
      }),
    );
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
    for (const prefix of [PREFIX.incoming, PREFIX.clean, PREFIX.quarantine]) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: `Objects below ${prefix} of the exchange bucket only; partners name the files, so the keys cannot be listed in advance.`,
      });
    }
    const logGroupId = stack.getLogicalId(props.logGroup.node.defaultChild as logs.CfnLogGroup);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason: 'The log streams of the function’s own log group, which Lambda names per execution environment.',
    });

    this.function = new lambda.Function(this, 'Function', {
      description: `Releases uploads to clean/ or quarantines them (${props.mode})`,
      runtime: lambda.Runtime.PYTHON_3_13,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(readFileSync(new URL(`../${HANDLER_FILE}`, import.meta.url), 'utf8')),
      role: this.role,
      memorySize: 1024,
      timeout: Duration.minutes(5),
      logGroup: props.logGroup,
      environment: {
        MODE: props.mode,
        KMS_KEY_ARN: key.keyArn,
        MAX_SCAN_BYTES: String(props.maxScanSizeMb * 1024 * 1024),
        METRIC_NAMESPACE,
      },
    });
    // CDK makes the function depend on its role, which the GetAtt of the role's ARN already implies.
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata('cfn-lint', {
      config: { ignore_checks: ['W3005'] },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Python 3.13 is pinned so that the inline handler runs on the runtime it was written for.',
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the scan rule; its messages are read by hand (runbook).',
    });

    let pattern: events.EventPattern;
    if (props.mode === 'guardduty') {
      const planRole = new iam.Role(this, 'PlanRole', {
        assumedBy: new iam.ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
        description: 'GuardDuty Malware Protection reads and tags uploads under incoming/',
      });
      planRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObjectTagging', 's3:GetObjectTagging', 's3:PutObjectVersionTagging'],
          resources: [bucket.arnForObjects(`${PREFIX.incoming}*`)],
        }),
      );
      planRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetBucketNotification', 's3:PutBucketNotification', 's3:ListBucket'],
          resources: [bucket.bucketArn],
        }),
      );
      planRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets', 'events:DescribeRule'],
          resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*' })],
        }),
      );
      planRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      );
      Validations.of(planRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${PREFIX.incoming}*]`,
        reason: 'GuardDuty reads and tags each object below incoming/, whose keys partners choose.',
      });
      Validations.of(planRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
        reason: 'GuardDuty manages its own EventBridge rules, whose names it makes from this fixed prefix and the plan id.',
      });
      this.plan = new guardduty.CfnMalwareProtectionPlan(this, 'Plan', {
        role: planRole.roleArn,
        protectedResource: { s3Bucket: { bucketName: bucket.bucketName, objectPrefixes: [PREFIX.incoming] } },
        actions: { tagging: { status: 'ENABLED' } },
      });
      this.plan.node.addDependency(planRole);
      pattern = {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [bucket.bucketName] } },
      };
    } else {
      pattern = {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [bucket.bucketName] }, object: { key: [{ prefix: PREFIX.incoming }] } },
      };
    }
    new events.Rule(this, 'Rule', {
      description: `Sends each upload under ${PREFIX.incoming} to the scanner`,
      eventPattern: pattern,
      targets: [
        new targets.LambdaFunction(this.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    const actions = props.alarmTopicArn === '' ? undefined : [props.alarmTopicArn];
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.CfnAlarm => {
      const a = new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      const cfn = a.node.defaultChild as cloudwatch.CfnAlarm;
      if (actions) cfn.alarmActions = actions;
      return cfn;
    };
    alarm(
      'QuarantineAlarm',
      new cloudwatch.Metric({ namespace: METRIC_NAMESPACE, metricName: 'Quarantined', statistic: 'Sum', period: Duration.minutes(5) }),
      'A partner upload was quarantined: find it in the scanner log and tell the partner.',
    );
    alarm(
      'ScannerErrorsAlarm',
      this.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The scanner failed; uploads stay in incoming/ until it succeeds.',
    );
    alarm(
      'DeadLetterAlarm',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'An upload event was not delivered to the scanner; its file is still in incoming/ (runbook: replay-stuck-uploads).',
    );
  }
}
