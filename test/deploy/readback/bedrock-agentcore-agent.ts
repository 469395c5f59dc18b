import { BedrockClient, GetGuardrailCommand } from '@aws-sdk/client-bedrock';
import {
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  GetGatewayCommand,
  GetGatewayTargetCommand,
  GetMemoryCommand,
  ListGatewayTargetsCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConcurrencyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const MAX_TOOL_CALLS = 8;
const TOOL_CONCURRENCY = 10;
const IDLE_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 28800;
const MEMORY_EVENT_DAYS = 30;
const LOG_RETENTION_DAYS = 30;

/** The runtime id is the last part of its ARN. */
const runtimeIdOf = (stack: DeployedStack): string => (stack.outputs['AgentRuntimeArn'] ?? '').split('/').pop() ?? '';

async function runtimeOf(stack: DeployedStack) {
  return new BedrockAgentCoreControlClient(stack.aws).send(
    new GetAgentRuntimeCommand({ agentRuntimeId: runtimeIdOf(stack) }),
  );
}

export default [
  readBack(
    'The runtime runs the code zip with IAM inbound auth, the loop limit, the pinned guardrail version, the gateway and the memory, and ends idle sessions',
    async (stack) => {
      const runtime = await runtimeOf(stack);
      expect(runtime.authorizerConfiguration).toBeUndefined();
      expect(runtime.networkConfiguration?.networkMode).toBe('PUBLIC');
      expect(runtime.agentRuntimeArtifact?.codeConfiguration?.runtime).toBe('PYTHON_3_12');
      expect(runtime.agentRuntimeArtifact?.codeConfiguration?.entryPoint).toEqual([
        'opentelemetry-instrument',
        'main.py',
      ]);
      expect(runtime.lifecycleConfiguration).toEqual({
        idleRuntimeSessionTimeout: IDLE_SESSION_SECONDS,
        maxLifetime: MAX_SESSION_SECONDS,
      });
      const env = runtime.environmentVariables ?? {};
      expect(env['MAX_TOOL_CALLS']).toBe(String(MAX_TOOL_CALLS));
      expect(env['GUARDRAIL_ID']).toBe(stack.outputs['GuardrailId']);
      expect(env['GUARDRAIL_VERSION']).toBe(stack.outputs['GuardrailVersion']);
      expect(env['GATEWAY_URL']).toBe(stack.outputs['GatewayUrl']);
      expect(env['MEMORY_ID']).toBe(stack.outputs['MemoryId']);
    },
    'loops-and-tools-are-capped',
  ),
  readBack(
    'The live endpoint serves the runtime version this deployment published',
    async (stack) => {
      const runtime = await runtimeOf(stack);
      const endpoint = await new BedrockAgentCoreControlClient(stack.aws).send(
        new GetAgentRuntimeEndpointCommand({ agentRuntimeId: runtimeIdOf(stack), endpointName: 'live' }),
      );
      expect(stack.outputs['AgentEndpointName']).toBe('live');
      expect(endpoint.targetVersion ?? endpoint.liveVersion).toBe(runtime.agentRuntimeVersion);
      expect(runtime.agentRuntimeVersion).toBe(stack.outputs['AgentRuntimeVersion']);
    },
    'endpoint-pinned-to-published-version',
  ),
  readBack(
    'The gateway takes only SigV4 callers, is encrypted with a stack key, and exposes one read-only tool through its own role',
    async (stack) => {
      const control = new BedrockAgentCoreControlClient(stack.aws);
      const gateway = await control.send(new GetGatewayCommand({ gatewayIdentifier: stack.outputs['GatewayId'] }));
      expect(gateway.authorizerType).toBe('AWS_IAM');
      expect(gateway.protocolType).toBe('MCP');
      expect(stack.physicalIds('AWS::KMS::Key').some((id) => gateway.kmsKeyArn?.endsWith(id))).toBe(true);
      const { items = [] } = await control.send(
        new ListGatewayTargetsCommand({ gatewayIdentifier: stack.outputs['GatewayId'] }),
      );
      expect(items).toHaveLength(1);
      const target = await control.send(
        new GetGatewayTargetCommand({ gatewayIdentifier: stack.outputs['GatewayId'], targetId: items[0]?.targetId }),
      );
      const tools = target.targetConfiguration?.mcp?.lambda?.toolSchema?.inlinePayload ?? [];
      expect(tools.map((t) => t.name)).toEqual(['get_order_status']);
      expect(target.credentialProviderConfigurations?.map((c) => c.credentialProviderType)).toEqual([
        'GATEWAY_IAM_ROLE',
      ]);
    },
    'callers-must-authenticate',
  ),
  readBack(
    'The memory keeps events memoryEventDays, is encrypted with a stack key, and extracts facts and summaries per actor',
    async (stack) => {
      const { memory } = await new BedrockAgentCoreControlClient(stack.aws).send(
        new GetMemoryCommand({ memoryId: stack.outputs['MemoryId'] }),
      );
      expect(memory?.eventExpiryDuration).toBe(MEMORY_EVENT_DAYS);
      expect(stack.physicalIds('AWS::KMS::Key').some((id) => memory?.encryptionKeyArn?.endsWith(id))).toBe(true);
      // The template sets Namespaces, which CloudFormation still takes; the emulator answers them under namespaces.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      const namespaces = (memory?.strategies ?? []).flatMap((s) => s.namespaces ?? []).sort();
      expect(namespaces).toEqual(['/actors/{actorId}/facts', '/actors/{actorId}/sessions/{sessionId}']);
    },
    'encrypted-with-customer-keys',
  ),
  readBack(
    'The guardrail version the agent applies blocks prompt attacks on prompts and filters harmful content both ways',
    async (stack) => {
      const guardrail = await new BedrockClient(stack.aws).send(
        new GetGuardrailCommand({
          guardrailIdentifier: stack.outputs['GuardrailId'],
          guardrailVersion: stack.outputs['GuardrailVersion'],
        }),
      );
      expect(stack.outputs['GuardrailVersion']).toMatch(/^\d+$/u);
      const filters = new Map<string, unknown>(
        (guardrail.contentPolicy?.filters ?? []).map((f) => [String(f.type), [f.inputStrength, f.outputStrength]]),
      );
      expect(filters.get('PROMPT_ATTACK')).toEqual(['HIGH', 'NONE']);
      for (const type of ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT']) {
        expect(filters.get(type), type).toEqual(['HIGH', 'HIGH']);
      }
    },
    'guardrail-pinned-and-applied',
  ),
  readBack(
    'The tool reserves toolConcurrency executions, and alarms watch agent errors, the loop limit and tool throttles',
    async (stack) => {
      const fnName = stack.physicalId('AWS::Lambda::Function');
      const concurrency = await new LambdaClient(stack.aws).send(
        new GetFunctionConcurrencyCommand({ FunctionName: fnName }),
      );
      expect(concurrency.ReservedConcurrentExecutions).toBe(TOOL_CONCURRENCY);
      const { MetricAlarms = [] } = await new CloudWatchClient(stack.aws).send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      const watched = MetricAlarms.map((a) => `${a.Namespace}:${a.MetricName}`).sort();
      const ns = stack.outputs['AgentMetricsNamespace'];
      expect(watched).toEqual(
        [`${ns}:AgentErrors`, `${ns}:LoopLimitReached`, 'AWS/Lambda:Errors', 'AWS/Lambda:Throttles'].sort(),
      );
      expect(MetricAlarms.every((a) => a.Threshold === 0)).toBe(true);
    },
    'loops-and-tools-are-capped',
  ),
  readBack(
    'The orders table has deletion protection, and the runtime endpoints log into encrypted groups that expire',
    async (stack) => {
      const db = new DynamoDBClient(stack.aws);
      const table = stack.outputs['OrdersTableName'];
      const { Table } = await db.send(new DescribeTableCommand({ TableName: table }));
      expect(Table?.DeletionProtectionEnabled).toBe(true);
      // Point-in-time recovery is not read back: moto's AWS::DynamoDB::Table ignores PointInTimeRecoverySpecification.
      const { logGroups = [] } = await new CloudWatchLogsClient(stack.aws).send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/bedrock-agentcore/runtimes/${runtimeIdOf(stack)}-` }),
      );
      expect(logGroups.map((g) => g.logGroupName?.split('-').pop()).sort()).toEqual(['DEFAULT', 'live']);
      for (const g of logGroups) {
        expect(g.retentionInDays).toBe(LOG_RETENTION_DAYS);
        expect(g.kmsKeyId).toMatch(/^arn:aws:kms:/u);
      }
    },
    'orders-protected',
  ),
];
