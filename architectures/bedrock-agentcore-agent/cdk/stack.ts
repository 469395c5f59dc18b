import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Agent, ENDPOINT_NAME, runtimeLogGroupName, ToolGateway } from './agent.ts';
import { Guardrail } from './guardrail.ts';
import { LogKey, retentionOf } from './logs.ts';
import { agentCoreName } from './names.ts';
import type { Parameters } from './parameters.generated.ts';
import { OrderTool } from './tool.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * An agent on Amazon Bedrock AgentCore: the agent's code runs in AgentCore Runtime behind a pinned "live" endpoint
 * with IAM (or JWT) inbound auth; it reaches its one tool through an AgentCore Gateway (MCP, IAM inbound auth, a
 * Lambda target), remembers per actor in AgentCore Memory, and calls one model with a pinned guardrail. Logs,
 * traces and its own metrics go to CloudWatch, with alarms on errors, runaway loops and tool throttling.
 */
export default class BedrockAgentCoreAgentStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);

    // --- Keys: one for the data (orders, memory, gateway, guardrail), one whose policy names the log groups.
    const dataKey = new kms.Key(this, 'DataKey', {
      description: `Encrypts the orders, memory, gateway and guardrail of ${this.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: p.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const toolLogGroupName = `/${this.stackName}/order-tool`;
    const logKey = new LogKey(this, 'Logs', {
      logGroupNames: [toolLogGroupName, runtimeLogGroupName(agentCoreName(this.stackName, 'agent'), '*')],
    });

    // --- The tool: a read-only order lookup behind the gateway.
    const tool = new OrderTool(this, 'OrderTool', {
      key: dataKey,
      reservedConcurrency: p.toolConcurrency,
      logGroup: logKey.logGroup('ToolLogs', toolLogGroupName, retention),
      retainData: p.retainData,
    });
    const gateway = new ToolGateway(this, 'Gateway', { key: dataKey, tool: tool.fn });

    // --- The guardrail every model call applies, pinned by version.
    const guardrail = new Guardrail(this, 'Guardrail', { key: dataKey });

    // --- The agent: runtime, live endpoint, memory.
    const agent = new Agent(this, 'Agent', {
      key: dataKey,
      modelId: p.modelId,
      guardrailArn: guardrail.guardrail.attrGuardrailArn,
      guardrailId: guardrail.guardrail.attrGuardrailId,
      guardrailVersion: guardrail.version.attrVersion,
      gateway: gateway.gateway,
      memoryEventDays: p.memoryEventDays,
      maxToolCalls: p.maxToolCalls,
      maxPromptChars: p.maxPromptChars,
      idleSessionSeconds: p.idleSessionSeconds,
      maxSessionSeconds: p.maxSessionSeconds,
      jwtDiscoveryUrl: p.jwtDiscoveryUrl,
      jwtAllowedClient: p.jwtAllowedClient,
    });
    // The runtime's log groups, created here so they are encrypted, expire and go with the stack.
    for (const [id, endpoint] of [
      ['RuntimeLogs', ENDPOINT_NAME],
      ['DefaultEndpointLogs', 'DEFAULT'],
    ] as const) {
      logKey.logGroup(id, runtimeLogGroupName(agent.runtime.attrAgentRuntimeId, endpoint), retention);
    }

    if (p.alarmTopicArn !== '') {
      const topic = sns.Topic.fromTopicArn(this, 'AlarmTopic', p.alarmTopicArn);
      for (const alarm of [...agent.alarms, ...tool.alarms]) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    }

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'AgentRuntimeArn', { value: agent.runtime.attrAgentRuntimeArn });
    new CfnOutput(this, 'AgentEndpointName', { value: agent.endpoint.name });
    new CfnOutput(this, 'AgentRuntimeVersion', { value: agent.runtime.attrAgentRuntimeVersion });
    new CfnOutput(this, 'InvokePolicyArn', { value: agent.invokePolicy.managedPolicyArn });
    new CfnOutput(this, 'GatewayUrl', { value: gateway.gateway.attrGatewayUrl });
    new CfnOutput(this, 'GatewayId', { value: gateway.gateway.attrGatewayIdentifier });
    new CfnOutput(this, 'MemoryId', { value: agent.memory.attrMemoryId });
    new CfnOutput(this, 'GuardrailId', { value: guardrail.guardrail.attrGuardrailId });
    new CfnOutput(this, 'GuardrailVersion', { value: guardrail.version.attrVersion });
    new CfnOutput(this, 'OrdersTableName', { value: tool.table.tableName });
    new CfnOutput(this, 'AgentMetricsNamespace', { value: agent.metricsNamespace });
  }
}
