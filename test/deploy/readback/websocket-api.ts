import { ApiGatewayV2Client, GetApiCommand, GetRoutesCommand, GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetPolicyCommand, GetPolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const STAGE = 'live';
const RATE_LIMIT = 500;
const BURST_LIMIT = 1000;
const MAX_RECEIVE_COUNT = 5;

export default [
  readBack(
    '$connect needs a SigV4 signature; $disconnect and $default are reached only over an authorized connection',
    async (stack) => {
      const v2 = new ApiGatewayV2Client(stack.aws);
      const ApiId = stack.outputs['ApiId'];
      const api = await v2.send(new GetApiCommand({ ApiId }));
      expect(api.ProtocolType).toBe('WEBSOCKET');
      expect(api.RouteSelectionExpression).toBe('$request.body.action');
      const { Items = [] } = await v2.send(new GetRoutesCommand({ ApiId }));
      const auth: Record<string, string> = Object.fromEntries(
        Items.map((r) => [r.RouteKey ?? '', r.AuthorizationType ?? 'NONE']),
      );
      expect(auth).toEqual({ $connect: 'AWS_IAM', $disconnect: 'NONE', $default: 'NONE' });
    },
    'connect-needs-a-signature',
  ),
  readBack(
    'The client policy allows execute-api:Invoke on $connect of this stage and nothing else',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const PolicyArn = stack.outputs['ClientPolicyArn'];
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn }));
      const { PolicyVersion } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn, VersionId: Policy?.DefaultVersionId }),
      );
      const doc = JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? '{}')) as {
        Statement: { Action: string; Resource: string }[];
      };
      expect(doc.Statement).toHaveLength(1);
      expect(doc.Statement[0]?.Action).toBe('execute-api:Invoke');
      expect(doc.Statement[0]?.Resource).toMatch(new RegExp(`:${stack.outputs['ApiId']}/${STAGE}/\\$connect$`, 'u'));
    },
    'connect-needs-a-signature',
  ),
  readBack(
    'The stage deploys by itself, throttles at 500 per second with bursts of 1000, and logs each event with its caller',
    async (stack) => {
      const v2 = new ApiGatewayV2Client(stack.aws);
      const stage = await v2.send(new GetStageCommand({ ApiId: stack.outputs['ApiId'], StageName: STAGE }));
      expect(stage.AutoDeploy).toBe(true);
      expect(stage.DefaultRouteSettings?.ThrottlingRateLimit).toBe(RATE_LIMIT);
      expect(stage.DefaultRouteSettings?.ThrottlingBurstLimit).toBe(BURST_LIMIT);
      const format = JSON.parse(stage.AccessLogSettings?.Format ?? '{}') as Record<string, string>;
      expect(format['caller']).toBe('$context.identity.userArn');
      expect(stage.AccessLogSettings?.DestinationArn).toContain(`:log-group:${stack.outputs['AccessLogGroupName']}`);
    },
    'stage-throttling-follows-the-parameters',
  ),
  readBack(
    'The connection store expires entries through a TTL on expiresAt and has the byChannel index',
    async (stack) => {
      const ddb = new DynamoDBClient(stack.aws);
      const TableName = stack.outputs['ConnectionsTableName'];
      const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName }));
      expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName }));
      const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'byChannel');
      expect(index?.KeySchema).toEqual([
        { AttributeName: 'channel', KeyType: 'HASH' },
        { AttributeName: 'connectionId', KeyType: 'RANGE' },
      ]);
    },
    'connection-store-expires',
  ),
  readBack(
    'The broadcast queue is encrypted and moves a message to the dead-letter queue after 5 deliveries; the broadcaster reports failures per message',
    async (stack) => {
      const sqs = new SQSClient(stack.aws);
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: stack.outputs['BroadcastQueueUrl'], AttributeNames: ['All'] }),
      );
      expect(Attributes['SqsManagedSseEnabled']).toBe('true');
      const redrive = JSON.parse(Attributes['RedrivePolicy'] ?? '{}') as {
        maxReceiveCount?: number;
        deadLetterTargetArn?: string;
      };
      expect(Number(redrive.maxReceiveCount)).toBe(MAX_RECEIVE_COUNT);
      const dlqName = (stack.outputs['BroadcastDlqUrl'] ?? '').split('/').pop() ?? '';
      expect(redrive.deadLetterTargetArn).toMatch(new RegExp(`:${dlqName}$`, 'u'));
      const lambda = new LambdaClient(stack.aws);
      const { EventSourceMappings = [] } = await lambda.send(
        new ListEventSourceMappingsCommand({ FunctionName: stack.outputs['BroadcasterFunctionName'] }),
      );
      expect(EventSourceMappings).toHaveLength(1);
      expect(EventSourceMappings[0]?.BatchSize).toBe(10);
      expect(EventSourceMappings[0]?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    },
    'broadcasts-retry-then-dlq',
  ),
  readBack(
    'Alarms fire at the first message in the dead-letter queue and when the oldest broadcast waits more than 30 seconds',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      const dlq = MetricAlarms.find((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
      expect([dlq?.Threshold, dlq?.ComparisonOperator]).toEqual([1, 'GreaterThanOrEqualToThreshold']);
      const age = MetricAlarms.find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
      expect([age?.Threshold, age?.EvaluationPeriods]).toEqual([30, 3]);
    },
    'broadcast-backlog-alarm',
  ),
];
