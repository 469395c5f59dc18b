import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface WorkflowProps {
  readonly gather: lambda.IFunction;
  readonly compute: lambda.IFunction;
  readonly store: lambda.IFunction;
  /** The Graphite writer, or undefined when graphiteHost is empty. */
  readonly graphite: lambda.IFunction | undefined;
  readonly reportTopic: sns.ITopic;
  readonly logRetention: logs.RetentionDays;
}

/** Errors that mean "try again later": throttling by Cost Explorer, DynamoDB, CloudWatch or S3. */
const THROTTLING = [
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
];

/**
 * gather → compute → store, then every output in parallel. An output that fails after its retries does
 * not stop the others; the run still ends FAILED afterwards, so the alarm fires.
 */
export class Workflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const step = (name: string, fn: lambda.IFunction, comment: string): tasks.LambdaInvoke => {
      const task = new tasks.LambdaInvoke(this, name, { lambdaFunction: fn, payloadResponseOnly: true, comment });
      task.addRetry({ errors: THROTTLING, interval: Duration.seconds(30), backoffRate: 2, maxAttempts: 4 });
      return task;
    };
    const gather = step('Gather', props.gather, 'Cost Explorer cost per environment and the user count');
    const compute = step('Compute', props.compute, 'Week-over-week growth, cost deltas, the report text');
    const store = step('Store', props.store, 'History bucket, series table and custom CloudWatch metrics');

    // Each output branch ends in {output, ok}; a failure is caught so that the other outputs still run.
    const branch = (output: string, task: sfn.TaskStateBase): sfn.IChainable => {
      task.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(20), backoffRate: 2, maxAttempts: 3 });
      const failed = new sfn.Pass(this, `${output}Failed`, {
        parameters: { output, ok: false, 'error.$': '$.error.Error', 'cause.$': '$.error.Cause' },
      });
      task.addCatch(failed, { resultPath: '$.error' });
      return task.next(new sfn.Pass(this, `${output}Done`, { parameters: { output, ok: true } }));
    };
    const names = props.graphite ? ['Email', 'Graphite'] : ['Email'];
    // The branch results in a fixed order become {"Email": true, "Graphite": false}, for one Choice.
    const outputs = new sfn.Parallel(this, 'Outputs', {
      comment: 'Every output runs, whatever the others do',
      resultSelector: Object.fromEntries(names.map((name, i) => [`${name}.$`, `$[${i}].ok`])),
    });
    outputs.branch(
      branch(
        'Email',
        new tasks.SnsPublish(this, 'PublishReport', {
          topic: props.reportTopic,
          subject: sfn.JsonPath.stringAt('$.report.subject'),
          message: sfn.TaskInput.fromJsonPathAt('$.report.text'),
          resultPath: sfn.JsonPath.DISCARD,
        }),
      ),
    );
    if (props.graphite) {
      outputs.branch(
        branch(
          'Graphite',
          new tasks.LambdaInvoke(this, 'SendToGraphite', {
            lambdaFunction: props.graphite,
            payloadResponseOnly: true,
            retryOnServiceExceptions: false,
            resultPath: sfn.JsonPath.DISCARD,
          }),
        ),
      );
    }
    const outputFailed = new sfn.Fail(this, 'OutputFailed', {
      error: 'OutputFailed',
      cause: 'An output failed after its retries; the run is stored and the other outputs ran. See the Outputs state.',
    });
    const anyFailed = names.map((name) => sfn.Condition.booleanEquals(`$.${name}`, false));
    const done = new sfn.Choice(this, 'AllOutputsOk')
      .when(anyFailed.length === 1 ? (anyFailed[0] as sfn.Condition) : sfn.Condition.or(...anyFailed), outputFailed)
      .otherwise(new sfn.Succeed(this, 'Done'));

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'metrics-pipeline: gather, compute, store, then the outputs',
      definitionBody: sfn.DefinitionBody.fromChainable(gather.next(compute).next(store).next(outputs).next(done)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.minutes(30),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }
}
