import { readFileSync } from 'node:fs';
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The repository's limit for inline code, kept so the template stays readable. */
export const INLINE_CODE_LIMIT = 4096;

/** A handler in lambda/ as it ships inline: without comment lines and indentation. */
export function inlineSource(file: string): string {
  const source = readFileSync(new URL(`../lambda/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
  if (source.length > INLINE_CODE_LIMIT) throw new Error(`lambda/${file} ships ${source.length} characters inline`);
  return source;
}

/** An alarm that goes off when a function metric's one-minute sum is above 0. */
function alarmOnSum(scope: Construct, id: string, metric: cloudwatch.Metric, description: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    metric: metric.with({ statistic: 'Sum', period: Duration.minutes(1) }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
}

export interface QueryApiProps {
  readonly knowledgeBaseId: string;
  readonly knowledgeBaseArn: string;
  readonly modelArn: string;
  readonly guardrailId: string;
  readonly guardrailArn: string;
  readonly guardrailVersion: string;
  /** The key the guardrail is encrypted with; applying it needs kms:Decrypt. */
  readonly guardrailKeyArn: string;
  readonly numberOfResults: number;
  readonly maxQuestionChars: number;
  readonly reservedConcurrency: number;
  readonly logGroup: logs.ILogGroup;
}

/**
 * The API: one function behind a function URL that needs a SigV4 signature (AuthType AWS_IAM). It calls
 * RetrieveAndGenerate on the one knowledge base with the one generation model and the pinned guardrail version.
 * Reserved concurrency caps both the function and what it can spend on Bedrock at once.
 */
export class QueryApi extends Construct {
  readonly fn: lambda.Function;
  readonly url: lambda.FunctionUrl;
  readonly invokePolicy: iam.ManagedPolicy;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Query function of ${stack.stackName}: RetrieveAndGenerate on its knowledge base, its log group`,
    });
    props.logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'RetrieveAndGenerate',
        actions: ['bedrock:RetrieveAndGenerate', 'bedrock:Retrieve'],
        resources: [props.knowledgeBaseArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'GenerationModel',
        actions: ['bedrock:InvokeModel'],
        resources: [props.modelArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Guardrail',
        actions: ['bedrock:ApplyGuardrail'],
        resources: [props.guardrailArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'GuardrailKey',
        actions: ['kms:Decrypt'],
        resources: [props.guardrailKeyArn],
      }),
    );
    this.fn = new lambda.Function(this, 'Function', {
      description: `Answers questions from the knowledge base of ${stack.stackName}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(inlineSource('query.js')),
      role,
      logGroup: props.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      memorySize: 256,
      // Retrieval plus generation of a few hundred tokens takes seconds; a function URL waits up to 15 minutes.
      timeout: Duration.seconds(60),
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        KNOWLEDGE_BASE_ID: props.knowledgeBaseId,
        MODEL_ARN: props.modelArn,
        GUARDRAIL_ID: props.guardrailId,
        GUARDRAIL_VERSION: props.guardrailVersion,
        NUMBER_OF_RESULTS: String(props.numberOfResults),
        MAX_QUESTION_CHARS: String(props.maxQuestionChars),
      },
    });
    this.url = this.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    this.invokePolicy = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: `Lets a caller ask questions through the function URL of ${stack.stackName}`,
      statements: [
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunctionUrl'],
          resources: [this.fn.functionArn],
          conditions: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
        }),
      ],
    });
    this.alarms = [
      alarmOn(this, 'ErrorsAlarm', this.fn.metricErrors(), 'The query function failed (Bedrock or code errors).'),
      alarmOn(
        this,
        'ThrottlesAlarm',
        this.fn.metricThrottles(),
        'Questions were turned away: the function is at its reserved concurrency.',
      ),
    ];
  }
}

function alarmOn(scope: Construct, id: string, metric: cloudwatch.Metric, description: string): cloudwatch.Alarm {
  return alarmOnSum(scope, id, metric, description);
}

export interface SyncProps {
  readonly knowledgeBaseId: string;
  readonly knowledgeBaseArn: string;
  readonly dataSourceId: string;
  readonly intervalMinutes: number;
  readonly logGroup: logs.ILogGroup;
}

/**
 * Ingestion freshness: a schedule starts an ingestion job every intervalMinutes unless one is running, and the
 * function fails, which the alarm reports, when the previous job failed or skipped documents.
 */
export class Sync extends Construct {
  readonly fn: lambda.Function;
  readonly rule: events.Rule;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SyncProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Sync function of ${stack.stackName}: starts ingestion jobs of its data source, its log group`,
    });
    props.logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'IngestionJobs',
        actions: ['bedrock:StartIngestionJob', 'bedrock:ListIngestionJobs', 'bedrock:GetIngestionJob'],
        resources: [props.knowledgeBaseArn],
      }),
    );
    this.fn = new lambda.Function(this, 'Function', {
      description: `Starts ingestion jobs of the knowledge base of ${stack.stackName}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(inlineSource('sync.js')),
      role,
      logGroup: props.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      memorySize: 128,
      timeout: Duration.seconds(30),
      // One sync at a time: a second invocation would only find the first job running.
      reservedConcurrentExecutions: 1,
      environment: { KNOWLEDGE_BASE_ID: props.knowledgeBaseId, DATA_SOURCE_ID: props.dataSourceId },
    });
    this.rule = new events.Rule(this, 'Schedule', {
      description: `Syncs the knowledge base of ${stack.stackName} every ${props.intervalMinutes} minutes`,
      schedule: events.Schedule.rate(Duration.minutes(props.intervalMinutes)),
      targets: [new targets.LambdaFunction(this.fn, { retryAttempts: 2 })],
    });
    this.alarm = alarmOnSum(
      this,
      'ErrorsAlarm',
      this.fn.metricErrors(),
      'A sync failed or found that the previous ingestion job failed or skipped documents: answers may be stale.',
    );
  }
}
