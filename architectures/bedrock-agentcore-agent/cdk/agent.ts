import { fileURLToPath } from 'node:url';
import { ArnFormat, Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { agentCoreName, gatewayName } from './names.ts';
import { alarmOnSum } from './tool.ts';

/** The endpoint callers use; the runtime's DEFAULT endpoint always follows the latest version instead. */
export const ENDPOINT_NAME = 'live';
/** Where the runtime writes an endpoint's logs: /aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint name>. */
export const runtimeLogGroupName = (runtimeId: string, endpoint: string): string =>
  `/aws/bedrock-agentcore/runtimes/${runtimeId}-${endpoint}`;

/** The trust policy of a role that AgentCore assumes, only for this account's AgentCore resources. */
function agentCorePrincipal(): iam.IPrincipal {
  return new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock-agentcore:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
  });
}

export interface GatewayProps {
  readonly key: kms.IKey;
  readonly tool: lambda.IFunction;
}

/**
 * The MCP gateway: callers sign with SigV4 (inbound auth AWS_IAM), and it calls the order tool with its own role,
 * which may invoke that one function. The tool's schema is inline, so what the agent can call is in the template.
 */
export class ToolGateway extends Construct {
  readonly gateway: agentcore.CfnGateway;
  readonly target: agentcore.CfnGatewayTarget;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: agentCorePrincipal(),
      description: 'AgentCore Gateway: invokes the order tool',
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'InvokeTool', actions: ['lambda:InvokeFunction'], resources: [props.tool.functionArn] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'GatewayKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
    );
    this.gateway = new agentcore.CfnGateway(this, 'Gateway', {
      name: gatewayName(stack.stackName, 'tools', 100),
      description: `MCP tools of ${stack.stackName}`,
      protocolType: 'MCP',
      protocolConfiguration: { mcp: { supportedVersions: ['2025-03-26'] } },
      authorizerType: 'AWS_IAM',
      roleArn: this.role.roleArn,
      kmsKeyArn: props.key.keyArn,
    });
    this.target = new agentcore.CfnGatewayTarget(this, 'OrderTool', {
      gatewayIdentifier: this.gateway.attrGatewayIdentifier,
      name: 'orders',
      description: 'Read-only order lookup',
      credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
      targetConfiguration: {
        mcp: {
          lambda: {
            lambdaArn: props.tool.functionArn,
            toolSchema: {
              inlinePayload: [
                {
                  name: 'get_order_status',
                  description: 'The status and last update time of one order, by its id. Reads only.',
                  inputSchema: {
                    type: 'object',
                    properties: { orderId: { type: 'string', description: 'The order id, 1 to 64 letters, digits or hyphens' } },
                    required: ['orderId'],
                  },
                },
              ],
            },
          },
        },
      },
    });
    // The role must be able to invoke the tool before the target is checked.
    this.target.node.addDependency(this.role);
  }
}

export interface AgentProps {
  readonly key: kms.IKey;
  readonly modelId: string;
  readonly guardrailArn: string;
  readonly guardrailId: string;
  readonly guardrailVersion: string;
  readonly gateway: agentcore.CfnGateway;
  readonly memoryEventDays: number;
  readonly maxToolCalls: number;
  readonly maxPromptChars: number;
  readonly idleSessionSeconds: number;
  readonly maxSessionSeconds: number;
  readonly jwtDiscoveryUrl: string;
  readonly jwtAllowedClient: string;
}

/**
 * The agent: its code from a zip in the CDK assets bucket, run by AgentCore Runtime under a role that reaches one
 * model, one guardrail, one gateway and one memory; a "live" endpoint pinned to the version this deployment
 * published; the memory with semantic and summary strategies, encrypted with the data key; and alarms on the
 * agent's own embedded metrics.
 */
export class Agent extends Construct {
  readonly runtime: agentcore.CfnRuntime;
  readonly endpoint: agentcore.CfnRuntimeEndpoint;
  readonly memory: agentcore.CfnMemory;
  readonly role: iam.Role;
  readonly invokePolicy: iam.ManagedPolicy;
  readonly alarms: cloudwatch.Alarm[];
  readonly metricsNamespace: string;

  constructor(scope: Construct, id: string, props: AgentProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.metricsNamespace = `${stack.stackName}/Agent`;

    this.memory = new agentcore.CfnMemory(this, 'Memory', {
      name: agentCoreName(stack.stackName, 'memory'),
      description: `Conversation events and long-term facts of ${stack.stackName}, per actor`,
      eventExpiryDuration: props.memoryEventDays,
      encryptionKeyArn: props.key.keyArn,
      memoryStrategies: [
        { semanticMemoryStrategy: { name: 'facts', namespaces: ['/actors/{actorId}/facts'] } },
        { summaryMemoryStrategy: { name: 'summaries', namespaces: ['/actors/{actorId}/sessions/{sessionId}'] } },
      ],
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: agentCorePrincipal(),
      description: 'AgentCore Runtime execution role of the agent',
    });
    const modelArn = stack.formatArn({ service: 'bedrock', account: '', resource: 'foundation-model', resourceName: props.modelId });
    const grants: iam.PolicyStatement[] = [
      new iam.PolicyStatement({ sid: 'Model', actions: ['bedrock:InvokeModel'], resources: [modelArn] }),
      new iam.PolicyStatement({ sid: 'Guardrail', actions: ['bedrock:ApplyGuardrail'], resources: [props.guardrailArn] }),
      new iam.PolicyStatement({ sid: 'Gateway', actions: ['bedrock-agentcore:InvokeGateway'], resources: [props.gateway.attrGatewayArn] }),
      new iam.PolicyStatement({
        sid: 'Memory',
        actions: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:RetrieveMemoryRecords'],
        resources: [this.memory.attrMemoryArn],
      }),
      new iam.PolicyStatement({ sid: 'DataKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
      // X-Ray has no resource-level permissions for these calls; the OpenTelemetry distro sends spans with them.
      new iam.PolicyStatement({
        sid: 'Traces',
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'Metrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
      }),
    ];
    // The runtime's log groups are named after its id, which is the runtime name and a generated suffix; naming
    // them by the name keeps the role free of the runtime it belongs to (a reference would be a cycle).
    const runtimeName = agentCoreName(stack.stackName, 'agent');
    const logGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${runtimeLogGroupName(runtimeName, '*')}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    grants.push(
      new iam.PolicyStatement({
        sid: 'Logs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroups],
      }),
    );
    for (const s of grants) this.role.addToPolicy(s);
    Validations.of(this.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments, PutTelemetryRecords and the sampling calls take no resource, and PutMetricData is limited by its cloudwatch:namespace condition to bedrock-agentcore.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${runtimeLogGroupName(runtimeName, '*')}:*]`,
        reason:
          "The runtime writes to one log group per endpoint, named after the runtime's generated id; the pattern covers only this runtime's endpoints, whose groups the stack creates.",
      },
    );

    const asset = new s3assets.Asset(this, 'Code', { path: fileURLToPath(new URL('../agent', import.meta.url)) });
    const jwt = props.jwtDiscoveryUrl !== '';
    this.runtime = new agentcore.CfnRuntime(this, 'Runtime', {
      agentRuntimeName: runtimeName,
      description: `The agent of ${stack.stackName}`,
      roleArn: this.role.roleArn,
      agentRuntimeArtifact: {
        codeConfiguration: {
          code: { s3: { bucket: asset.s3BucketName, prefix: asset.s3ObjectKey } },
          // The OpenTelemetry distro wraps the agent, so its spans reach X-Ray and CloudWatch.
          entryPoint: ['opentelemetry-instrument', 'main.py'],
          runtime: 'PYTHON_3_12',
        },
      },
      networkConfiguration: { networkMode: 'PUBLIC' },
      protocolConfiguration: 'HTTP',
      lifecycleConfiguration: { idleRuntimeSessionTimeout: props.idleSessionSeconds, maxLifetime: props.maxSessionSeconds },
      ...(jwt
        ? {
            authorizerConfiguration: {
              customJwtAuthorizer: { discoveryUrl: props.jwtDiscoveryUrl, allowedClients: [props.jwtAllowedClient] },
            },
            // The validated token reaches the agent, which takes the actor from its subject.
            requestHeaderConfiguration: { requestHeaderAllowlist: ['Authorization'] },
          }
        : {}),
      environmentVariables: {
        MODEL_ID: props.modelId,
        GUARDRAIL_ID: props.guardrailId,
        GUARDRAIL_VERSION: props.guardrailVersion,
        GATEWAY_URL: props.gateway.attrGatewayUrl,
        MEMORY_ID: this.memory.attrMemoryId,
        MAX_TOOL_CALLS: String(props.maxToolCalls),
        MAX_PROMPT_CHARS: String(props.maxPromptChars),
        METRICS_NAMESPACE: this.metricsNamespace,
        OTEL_SERVICE_NAME: runtimeName,
        AGENT_OBSERVABILITY_ENABLED: 'true',
      },
    });
    // The role's permissions exist before the runtime starts sessions with it.
    this.runtime.node.addDependency(this.role.node.findChild('DefaultPolicy'));

    this.endpoint = new agentcore.CfnRuntimeEndpoint(this, 'Endpoint', {
      agentRuntimeId: this.runtime.attrAgentRuntimeId,
      // Pinned to the version this deployment published; DEFAULT would follow every later version.
      agentRuntimeVersion: this.runtime.attrAgentRuntimeVersion,
      name: ENDPOINT_NAME,
      description: 'The endpoint callers invoke',
    });

    this.invokePolicy = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: `Lets a principal invoke the agent of ${stack.stackName} through its live endpoint`,
      statements: [
        new iam.PolicyStatement({
          actions: ['bedrock-agentcore:InvokeAgentRuntime'],
          resources: [this.runtime.attrAgentRuntimeArn, `${this.runtime.attrAgentRuntimeArn}/runtime-endpoint/${ENDPOINT_NAME}`],
        }),
      ],
    });

    const agentMetric = (metricName: string): cloudwatch.Metric =>
      new cloudwatch.Metric({ namespace: this.metricsNamespace, metricName, statistic: 'Sum', period: Duration.minutes(5) });
    this.alarms = [
      alarmOnSum(this, 'ErrorsAlarm', agentMetric('AgentErrors'), 'The agent answered 502: a model, gateway or memory call failed.'),
      alarmOnSum(
        this,
        'LoopLimitAlarm',
        agentMetric('LoopLimitReached'),
        'A turn hit maxToolCalls: the model kept calling tools, a runaway loop or a tool that never gives it what it needs.',
      ),
    ];
  }
}
