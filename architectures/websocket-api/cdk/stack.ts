import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { retentionOf } from './logs.ts';
import type { Parameters } from './parameters.generated.ts';

export interface WebSocketApiStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** API Gateway closes every WebSocket connection after 2 hours; the connection store keeps entries no longer. */
export const MAX_CONNECTION_SECONDS = 2 * 60 * 60;
export const CHANNEL_INDEX = 'byChannel';

/** The functions as they ship inline: lambda/index.js without comment lines and indentation. */
export function inlineHandlerSource(): string {
  return readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/**
 * A real-time API: an API Gateway WebSocket API whose $connect needs a SigV4 signature (IAM), a DynamoDB
 * connection store with a TTL and a channel index, and a broadcaster that takes messages from an SQS queue and
 * posts them to every connection of their channel.
 */
export default class WebSocketApiStack extends Stack {
  constructor(scope: Construct, id: string, props: WebSocketApiStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const retention = retentionOf(p.logRetentionDays);

    // --- Connection store: one item per connection, expired by TTL 2 hours after connecting, queried by channel.
    const connections = new dynamodb.Table(this, 'Connections', {
      partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    connections.addGlobalSecondaryIndex({
      indexName: CHANNEL_INDEX,
      partitionKey: { name: 'channel', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    Validations.of(connections).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'The table holds only live connections, each for at most 2 hours; after a loss clients reconnect and the table refills, so point-in-time recovery would restore nothing of value.',
    });

    const code = lambda.Code.fromInline(inlineHandlerSource());
    /** A function with its own role, which may write to its own log group and make only `actions` on the table. */
    const fn = (
      name: string,
      role: string,
      description: string,
      timeout: Duration,
      actions: string[],
      env: Record<string, string>,
    ) => {
      const group = new logs.LogGroup(this, `${name}Logs`, { retention, removalPolicy: RemovalPolicy.DESTROY });
      const fnRole = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `${description}: ${actions.join(', ')} on the connection store, its log group`,
      });
      group.grantWrite(fnRole);
      if (actions.length > 0) {
        fnRole.addToPolicy(new iam.PolicyStatement({ actions, resources: [connections.tableArn] }));
      }
      const f = new lambda.Function(this, name, {
        description,
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code,
        role: fnRole,
        logGroup: group,
        loggingFormat: lambda.LoggingFormat.JSON,
        memorySize: 256,
        timeout,
        environment: { ROLE: role, TABLE_NAME: connections.tableName, ...env },
      });
      return f;
    };
    /** The function's GetAtt of its role orders it after the role; only the role's policy needs a DependsOn. */
    const dependOnPolicyOnly = (f: lambda.Function): void => {
      const policy = f.role?.node.tryFindChild('DefaultPolicy')?.node.defaultChild as iam.CfnPolicy | undefined;
      (f.node.defaultChild as lambda.CfnFunction).addOverride('DependsOn', policy ? [this.getLogicalId(policy)] : undefined);
    };
    const connect = fn('ConnectFunction', 'connect', `Stores new connections of ${stackName}`, Duration.seconds(5), ['dynamodb:PutItem'], {
      TTL_SECONDS: String(MAX_CONNECTION_SECONDS),
    });
    const disconnect = fn('DisconnectFunction', 'disconnect', `Removes closed connections of ${stackName}`, Duration.seconds(5), ['dynamodb:DeleteItem'], {});
    const fallback = fn('PingFunction', 'default', `Answers client pings of ${stackName}`, Duration.seconds(5), [], {});

    // --- The WebSocket API: $connect needs a SigV4 signature; clients send nothing but pings.
    const api = new apigwv2.WebSocketApi(this, 'Api', {
      apiName: stackName,
      description: `Real-time channel API of ${stackName} (websocket-api)`,
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', connect),
        authorizer: new WebSocketIamAuthorizer(),
      },
      disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectIntegration', disconnect) },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('PingIntegration', fallback) },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: api,
      stageName: p.stageName,
      autoDeploy: true,
      throttle: { rateLimit: p.throttlingRateLimit, burstLimit: p.throttlingBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            connectionId: '$context.connectionId',
            eventType: '$context.eventType',
            routeKey: '$context.routeKey',
            caller: '$context.identity.userArn',
            ip: '$context.identity.sourceIp',
            status: '$context.status',
            error: '$context.error.message',
          }),
        ),
      },
    });
    for (const route of ["$disconnect", "$default"]) {
      Validations.of(api.node.findChild(`${route}-Route`)).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route} is reached only over a connection that $connect already authorized with a SigV4 signature; API Gateway authorizes WebSocket APIs on $connect alone.`,
      });
    }

    // --- Fan-out: producers send {channel, message} to the queue; the broadcaster posts it to the channel.
    const dlq = new sqs.Queue(this, 'BroadcastDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(dlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the broadcast queue; its alarm calls a person, and a queue behind it would only move the problem.',
    });
    const queue = new sqs.Queue(this, 'BroadcastQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(60),
      retentionPeriod: Duration.hours(1),
      deadLetterQueue: { queue: dlq, maxReceiveCount: p.maxReceiveCount },
    });
    const broadcaster = fn('Broadcaster', 'broadcast', `Posts queued messages to the connections of ${stackName}`, Duration.seconds(30), ['dynamodb:DeleteItem'], {
      CHANNEL_INDEX,
      ENDPOINT: stage.callbackUrl,
    });
    broadcaster.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${connections.tableArn}/index/${CHANNEL_INDEX}`] }),
    );
    stage.grantManagementApiAccess(broadcaster);
    broadcaster.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    for (const f of [connect, disconnect, fallback, broadcaster]) dependOnPolicyOnly(f);
    Validations.of(broadcaster.role?.node.findChild('DefaultPolicy') ?? broadcaster).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${this.getLogicalId(api.node.defaultChild as apigwv2.CfnApi)}>/${p.stageName}/*/@connections/*]`,
      reason:
        'The wildcards stand for the HTTP method and the connection id of the @connections management API; the ARN names this API and this stage, so the broadcaster can post only to this stage\'s connections.',
    });

    // --- Who may connect and who may broadcast: managed policies to attach to clients' and producers' roles.
    const clientPolicy = new iam.ManagedPolicy(this, 'ClientPolicy', {
      description: `Open WebSocket connections to ${stackName}`,
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: [Stack.of(this).formatArn({ service: 'execute-api', resource: api.apiId, resourceName: `${p.stageName}/$connect` })],
        }),
      ],
    });
    const producerPolicy = new iam.ManagedPolicy(this, 'ProducerPolicy', {
      description: `Send broadcasts to ${stackName}`,
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })],
    });

    // --- Alarms, with an optional SNS topic to notify.
    const alarmAction =
      p.alarmTopicArn === '' ? undefined : new actions.SnsAction(sns.Topic.fromTopicArn(this, 'AlarmTopic', p.alarmTopicArn));
    const alarms = [
      new cloudwatch.Alarm(this, 'BroadcastDlqAlarm', {
        alarmDescription: `Broadcasts of ${stackName} failed ${p.maxReceiveCount} times and wait in the DLQ`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'BroadcastAgeAlarm', {
        alarmDescription: `Broadcasts of ${stackName} wait more than 30 seconds: the broadcaster falls behind`,
        metric: queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: Duration.minutes(1) }),
        threshold: 30,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (alarmAction) for (const alarm of alarms) alarm.addAlarmAction(alarmAction);

    new CfnOutput(this, 'WebSocketUrl', { value: stage.url, description: 'wss:// URL to connect to, with ?channel=NAME' });
    new CfnOutput(this, 'ApiId', { value: api.apiId, description: 'Id of the WebSocket API' });
    new CfnOutput(this, 'ConnectionsTableName', { value: connections.tableName, description: 'Connection store' });
    new CfnOutput(this, 'BroadcastQueueUrl', { value: queue.queueUrl, description: 'Send {channel, message} here' });
    new CfnOutput(this, 'BroadcastDlqUrl', { value: dlq.queueUrl, description: 'Broadcasts that failed' });
    new CfnOutput(this, 'BroadcasterFunctionName', { value: broadcaster.functionName, description: 'The broadcaster' });
    new CfnOutput(this, 'ClientPolicyArn', { value: clientPolicy.managedPolicyArn, description: 'Lets a role connect' });
    new CfnOutput(this, 'ProducerPolicyArn', { value: producerPolicy.managedPolicyArn, description: 'Lets a role broadcast' });
    new CfnOutput(this, 'AccessLogGroupName', { value: accessLogs.logGroupName, description: 'Connection and message log' });
  }
}
