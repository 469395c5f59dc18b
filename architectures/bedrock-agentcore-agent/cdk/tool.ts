import { readFileSync } from 'node:fs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
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

/** An alarm that goes off when a metric's one-minute sum is above 0. */
export function alarmOnSum(scope: Construct, id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    metric,
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
}

export interface OrderToolProps {
  readonly key: kms.IKey;
  readonly reservedConcurrency: number;
  readonly logGroup: logs.ILogGroup;
  readonly retainData: boolean;
}

/**
 * The tool behind the gateway: a read-only order lookup. The table is the system of record the agent may read
 * and never write; the function's role can call GetItem on this one table and nothing else. Reserved concurrency
 * caps how many tool calls run at once whatever the agents do, and alarms go off on errors and throttles.
 */
export class OrderTool extends Construct {
  readonly table: dynamodb.Table;
  readonly fn: lambda.Function;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: OrderToolProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // Its own role without the AWS managed basic execution policy: writes to its one log group, GetItem on the table.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Order tool: GetItem on the orders table, its log group',
    });
    props.logGroup.grantWrite(role);
    this.fn = new lambda.Function(this, 'Function', {
      role,
      description: 'Gateway tool get_order_status: reads one order, never writes',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(inlineSource('tool.js')),
      timeout: Duration.seconds(10),
      memorySize: 256,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { TABLE_NAME: this.table.tableName },
      logGroup: props.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
    });
    // GetItem only: grantReadData would add Query, Scan and BatchGetItem, which a lookup by id never needs.
    this.table.grant(this.fn, 'dynamodb:GetItem');
    props.key.grantDecrypt(this.fn);
    this.alarms = [
      alarmOnSum(
        this,
        'ErrorsAlarm',
        this.fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(1) }),
        'The order tool failed; the agent answers without the order facts.',
      ),
      alarmOnSum(
        this,
        'ThrottlesAlarm',
        this.fn.metricThrottles({ statistic: 'Sum', period: Duration.minutes(1) }),
        'Tool calls exceed the reserved concurrency: an agent may be looping, or load has grown.',
      ),
    ];
  }
}
