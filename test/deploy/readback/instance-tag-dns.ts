import { CloudWatchClient, GetDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const ZONE_NAME = 'hosts.corp.internal';
const RECORD_TTL_SECONDS = 60;
const ADDRESS_TYPE = 'private';

async function functionConfig(stack: DeployedStack) {
  return new LambdaClient(stack.aws).send(
    new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
  );
}

export default [
  readBack(
    'The function writes records with the TTL of recordTtlSeconds, pointing at the address addressType names, in the stack’s zone and table',
    async (stack) => {
      const env = (await functionConfig(stack)).Environment?.Variables ?? {};
      expect(env['RECORD_TTL']).toBe(String(RECORD_TTL_SECONDS));
      expect(env['ADDRESS_TYPE']).toBe(ADDRESS_TYPE);
      expect([env['ZONE_ID'], env['ZONE_NAME'], env['TABLE_NAME']]).toEqual([
        stack.outputs['HostedZoneId'],
        ZONE_NAME,
        stack.outputs['RecordTableName'],
      ]);
    },
    'record-ttl-follows-the-parameter',
  ),
  readBack(
    'The function runs one event at a time',
    async (stack) => {
      const lambda = new LambdaClient(stack.aws);
      const { ReservedConcurrentExecutions } = await lambda.send(
        new GetFunctionConcurrencyCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(ReservedConcurrentExecutions).toBe(1);
    },
    'one-change-at-a-time',
  ),
  readBack(
    'The function runs outside any VPC',
    async (stack) => {
      const vpc = (await functionConfig(stack)).VpcConfig;
      expect(vpc?.SubnetIds ?? []).toEqual([]);
    },
    'no-zonal-resources',
  ),
  readBack(
    'Without vpcIds the zone is public',
    async (stack) => {
      const r53 = new Route53Client(stack.aws);
      const { HostedZone, VPCs } = await r53.send(new GetHostedZoneCommand({ Id: stack.outputs['HostedZoneId'] }));
      expect(HostedZone?.Name?.replace(/\.$/u, '')).toBe(ZONE_NAME);
      expect(HostedZone?.Config?.PrivateZone).toBe(false);
      expect(VPCs ?? []).toEqual([]);
    },
    'private-zone-with-vpc-ids',
  ),
  readBack(
    'The dead-letter queue keeps failed events for 14 days, encrypted (the function’s dead-letter setting is not read back: the emulator does not keep it)',
    async (stack) => {
      const sqs = new SQSClient(stack.aws);
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: stack.outputs['DeadLetterQueueUrl'], AttributeNames: ['All'] }),
      );
      expect(Number(Attributes['MessageRetentionPeriod'])).toBe(14 * 86_400);
      expect(Attributes['SqsManagedSseEnabled']).toBe('true');
    },
    'failed-events-retried-then-parked',
  ),
  readBack(
    'The dashboard graphs the age of the oldest queued event, errors, throttles and the dead-letter queue',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { DashboardBody } = await cw.send(
        new GetDashboardCommand({ DashboardName: stack.outputs['DashboardName'] }),
      );
      const widgets = (JSON.parse(DashboardBody ?? '{}') as { widgets: { properties: { metrics?: string[][] } }[] })
        .widgets;
      const metrics = widgets.flatMap((w) => w.properties.metrics ?? []).map((m) => `${m[0] ?? ''} ${m[1] ?? ''}`);
      for (const m of [
        'AWS/Lambda AsyncEventAge',
        'AWS/Lambda Errors',
        'AWS/Lambda Throttles',
        'AWS/SQS ApproximateNumberOfMessagesVisible',
      ])
        expect(metrics).toContain(m);
    },
    'dashboard-shows-the-backlog',
  ),
];
