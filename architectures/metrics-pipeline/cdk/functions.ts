import { readFileSync } from 'node:fs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** CloudFormation's historical limit for inline code, kept so the template stays readable. */
export const INLINE_CODE_LIMIT = 4096;

/** The step functions in lambda/, one file each. */
export const STEP_FILES = ['gather', 'compute', 'store', 'graphite'] as const;
export type StepFile = (typeof STEP_FILES)[number];

/**
 * A handler as it ships inline: lambda/<name>.js without comment lines and indentation.
 * Inline Node.js code becomes index.js, which Lambda loads as CommonJS.
 */
export function inlineSource(name: StepFile): string {
  const file = readFileSync(new URL(`../lambda/${name}.js`, import.meta.url), 'utf8');
  const source = file
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
  if (source.length > INLINE_CODE_LIMIT) {
    throw new Error(
      `lambda/${name}.js ships ${source.length} characters inline, over ${INLINE_CODE_LIMIT}; shorten it`,
    );
  }
  return source;
}

export interface StepFunctionProps {
  readonly file: StepFile;
  readonly description: string;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** What the function may do besides writing its own log group. */
  readonly statements: readonly iam.PolicyStatement[];
}

/**
 * One pipeline step: a Node.js 24 function on Graviton with its own role (no managed policies) and its
 * own log group with a fixed retention.
 */
export class StepFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StepFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `metrics-pipeline ${props.file} step: its log group and ${props.statements.length} more statements`,
    });
    this.logGroup.grantWrite(this.role);
    for (const statement of props.statements) this.role.addToPolicy(statement);
    this.fn = new lambda.Function(this, 'Function', {
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(inlineSource(props.file)),
      role: this.role,
      logGroup: this.logGroup,
      memorySize: 256,
      timeout: props.timeout,
      environment: props.environment,
    });
  }
}
