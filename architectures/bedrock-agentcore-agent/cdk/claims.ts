// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. Run: npx oar check bedrock-agentcore-agent
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';

type Json = Record<string, unknown>;
interface Found extends Json {
  id: string;
}
type Template = ClaimContext;
type Raw = { Type: string; Properties?: Json; DeletionPolicy?: string };
const resourcesOf = (t: Template): Record<string, Raw> => t.json['Resources'] as Record<string, Raw>;

/** Every resource of a type, its properties with its logical id. */
function all(t: Template, type: string): Found[] {
  return Object.entries(resourcesOf(t))
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ id, ...(r.Properties ?? {}) }));
}
function only(t: Template, type: string): Found {
  const found = all(t, type);
  assert.equal(found.length, 1, `there is not exactly one ${type}`);
  return found[0] as Found;
}
/** The logical id a Ref or Fn::GetAtt points at. */
function target(v: unknown): string | undefined {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
}
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const flatten = (v: unknown): string => JSON.stringify(v);
function statements(roleId: string, t: Template): Json[] {
  return all(t, 'AWS::IAM::Policy')
    .filter((p) => asList(p['Roles']).some((r) => target(r) === roleId))
    .flatMap((p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement);
}
const bySid = (roleId: string, t: Template, sid: string): Json | undefined =>
  statements(roleId, t).find((s) => s['Sid'] === sid);
const env = (t: Template): Json => only(t, 'AWS::BedrockAgentCore::Runtime')['EnvironmentVariables'] as Json;
const toolFn = (t: Template): Found => {
  const fns = all(t, 'AWS::Lambda::Function').filter((f) => flatten(f['Environment']).includes('TABLE_NAME'));
  assert.equal(fns.length, 1, 'there is not exactly one tool function');
  return fns[0] as Found;
};
/** The alarm on a metric of the agent's own namespace. */
function agentAlarm(t: Template, metricName: string): Found | undefined {
  return all(t, 'AWS::CloudWatch::Alarm').find(
    (a) => a['MetricName'] === metricName && flatten(a['Namespace']) === flatten(env(t)['METRICS_NAMESPACE']),
  );
}

export default [
  claim(
    'no-zonal-resources',
    'Nothing in the stack is placed in an Availability Zone: no VPC, subnet or function in a VPC, and the runtime runs in PUBLIC network mode.',
    (t) => {
      const zonal = Object.values(resourcesOf(t))
        .map((r) => r.Type)
        .filter((type) => type.startsWith('AWS::EC2::'));
      assert.deepEqual(zonal, [], `zonal resources: ${zonal.join(', ')}`);
      for (const fn of all(t, 'AWS::Lambda::Function')) assert.equal(fn['VpcConfig'], undefined, `${fn.id} runs in a VPC`);
      assert.deepEqual(only(t, 'AWS::BedrockAgentCore::Runtime')['NetworkConfiguration'], { NetworkMode: 'PUBLIC' });
    },
  ),
  claim(
    'encrypted-with-customer-keys',
    'The orders table, the memory, the gateway and the guardrail use a stack key, every log group (the runtime endpoints included) another, both rotate, and every log group expires.',
    (t) => {
      const keys = all(t, 'AWS::KMS::Key');
      for (const k of keys) assert.equal(k['EnableKeyRotation'], true, `${k.id} does not rotate`);
      const keyIds = new Set(keys.map((k) => k.id));
      const table = only(t, 'AWS::DynamoDB::Table');
      const sse = table['SSESpecification'] as Json;
      assert.equal(sse['SSEType'], 'KMS', 'the orders table is not encrypted with KMS');
      assert.ok(keyIds.has(target(sse['KMSMasterKeyId']) ?? ''), 'the orders table is not encrypted with a stack key');
      assert.ok(keyIds.has(target(only(t, 'AWS::BedrockAgentCore::Memory')['EncryptionKeyArn']) ?? ''), 'the memory is not');
      assert.ok(keyIds.has(target(only(t, 'AWS::BedrockAgentCore::Gateway')['KmsKeyArn']) ?? ''), 'the gateway is not');
      assert.ok(keyIds.has(target(only(t, 'AWS::Bedrock::Guardrail')['KmsKeyArn']) ?? ''), 'the guardrail is not');
      const groups = all(t, 'AWS::Logs::LogGroup');
      for (const lg of groups) {
        assert.ok(keyIds.has(target(lg['KmsKeyId']) ?? ''), `${lg.id} is not encrypted with a stack key`);
        assert.equal(lg['RetentionInDays'], t.parameters['logRetentionDays'], `${lg.id} does not expire as configured`);
      }
      const runtimeGroups = groups.filter((lg) => flatten(lg['LogGroupName']).includes('/aws/bedrock-agentcore/runtimes/'));
      assert.deepEqual(
        runtimeGroups.map((lg) => flatten(lg['LogGroupName']).match(/-(live|DEFAULT)"/u)?.[1]).sort(),
        ['DEFAULT', 'live'],
        'the runtime endpoints do not both log into stack log groups',
      );
    },
  ),
  claim(
    'agent-fails-fast-and-alarms',
    'Any failing model, gateway, tool or memory call ends the turn with 502 and an AgentErrors metric that an alarm watches; the prompt never reaches the logs.',
    (t) => {
      const code = t.file('agent/main.py');
      assert.match(code, /except Exception[\s\S]*metric\("AgentErrors"\)[\s\S]*self\.reply\(502/u, 'failures do not answer 502 with a metric');
      assert.match(code, /timeout=30/u, 'gateway calls have no timeout');
      assert.match(code, /def log_message\(self, \*args\) -> None:[^\n]*\n\s+pass/u, 'request lines are logged');
      assert.doesNotMatch(code, /print\([^)]*prompt/u, 'the agent prints prompts');
      const alarm = agentAlarm(t, 'AgentErrors');
      assert.ok(alarm, 'no alarm watches AgentErrors in the agent namespace');
      assert.equal(alarm['Threshold'], 0, 'the errors alarm waits for more than one error');
      const tool = toolFn(t);
      assert.ok(
        all(t, 'AWS::CloudWatch::Alarm').some((a) => a['MetricName'] === 'Errors' && flatten(a['Dimensions']).includes(`{"Ref":"${tool.id}"}`)),
        'no alarm watches tool errors',
      );
    },
  ),
  claim(
    'loops-and-tools-are-capped',
    'A turn makes at most maxToolCalls tool calls and then stops with an alarmed LoopLimitReached metric; the tool reserves exactly toolConcurrency executions with a throttles alarm; sessions end after idleSessionSeconds.',
    (t) => {
      assert.equal(env(t)['MAX_TOOL_CALLS'], String(t.parameters['maxToolCalls']), 'the loop limit is not maxToolCalls');
      const code = t.file('agent/main.py');
      assert.match(code, /if calls \+ len\(uses\) > MAX_TOOL_CALLS:\s+metric\("LoopLimitReached"\)[\s\S]*?break/u, 'the loop is not capped');
      assert.match(code, /"maxTokens": 1024/u, 'model output per call is not capped');
      assert.ok(agentAlarm(t, 'LoopLimitReached'), 'no alarm watches LoopLimitReached');
      const tool = toolFn(t);
      assert.equal(tool['ReservedConcurrentExecutions'], t.parameters['toolConcurrency'], 'tool concurrency is not capped');
      assert.ok(
        all(t, 'AWS::CloudWatch::Alarm').some((a) => a['MetricName'] === 'Throttles' && flatten(a['Dimensions']).includes(`{"Ref":"${tool.id}"}`)),
        'no alarm watches tool throttles',
      );
      const lifecycle = only(t, 'AWS::BedrockAgentCore::Runtime')['LifecycleConfiguration'] as Json;
      assert.equal(lifecycle['IdleRuntimeSessionTimeout'], t.parameters['idleSessionSeconds']);
      assert.equal(lifecycle['MaxLifetime'], t.parameters['maxSessionSeconds']);
      assert.ok(Number(lifecycle['IdleRuntimeSessionTimeout']) <= Number(lifecycle['MaxLifetime']), 'idle timeout above max lifetime');
    },
  ),
  claim(
    'callers-must-authenticate',
    'The runtime takes SigV4 callers (or, with jwtDiscoveryUrl, only tokens of that issuer for jwtAllowedClient), the gateway takes SigV4 only, the caller policy allows only InvokeAgentRuntime on this runtime, and no function may be invoked by anyone.',
    (t) => {
      const runtime = only(t, 'AWS::BedrockAgentCore::Runtime');
      const discovery = String(t.parameters['jwtDiscoveryUrl']);
      if (discovery === '') {
        assert.equal(runtime['AuthorizerConfiguration'], undefined, 'an authorizer replaces IAM auth');
      } else {
        assert.deepEqual(runtime['AuthorizerConfiguration'], {
          CustomJWTAuthorizer: { DiscoveryUrl: discovery, AllowedClients: [t.parameters['jwtAllowedClient']] },
        });
      }
      assert.equal(only(t, 'AWS::BedrockAgentCore::Gateway')['AuthorizerType'], 'AWS_IAM', 'the gateway takes unsigned calls');
      const [s, ...rest] = (only(t, 'AWS::IAM::ManagedPolicy')['PolicyDocument'] as { Statement: Json[] }).Statement;
      assert.equal(rest.length, 0, 'the caller policy has more than one statement');
      assert.equal(s?.['Action'], 'bedrock-agentcore:InvokeAgentRuntime', 'the caller policy allows more than invoking');
      for (const r of asList(s['Resource'])) assert.equal(flatten(r).includes(`"${runtime.id}"`), true, 'the caller policy reaches other runtimes');
      for (const perm of all(t, 'AWS::Lambda::Permission')) assert.notEqual(perm['Principal'], '*', `${perm.id} lets anyone invoke`);
    },
  ),
  claim(
    'least-privilege-roles',
    'No role has a wildcard action, and only trace and metric calls (which take no resource) use resource *; the runtime role reaches one model, guardrail, gateway and memory; the gateway role invokes one function; AgentCore may assume them only for this account.',
    (t) => {
      const roles = all(t, 'AWS::IAM::Role');
      for (const role of roles) {
        for (const s of statements(role.id, t)) {
          for (const a of asList(s['Action'])) assert.ok(!String(a).endsWith('*'), `${role.id} allows ${String(a)}`);
          if (s['Resource'] === '*') {
            assert.ok(['Traces', 'Metrics'].includes(String(s['Sid'])), `${role.id} has ${String(s['Sid'])} on every resource`);
          }
        }
      }
      const runtime = only(t, 'AWS::BedrockAgentCore::Runtime');
      const runtimeRole = target(runtime['RoleArn']) ?? '';
      assert.equal(bySid(runtimeRole, t, 'Metrics')?.['Condition'] !== undefined, true, 'metrics are not limited to a namespace');
      assert.match(
        flatten(bySid(runtimeRole, t, 'Model')?.['Resource']),
        new RegExp(`foundation-model/${String(t.parameters['modelId']).replace(/[.]/gu, '\\.')}"`, 'u'),
        'the runtime may invoke other models',
      );
      assert.equal(target(bySid(runtimeRole, t, 'Guardrail')?.['Resource']), only(t, 'AWS::Bedrock::Guardrail').id);
      assert.equal(target(bySid(runtimeRole, t, 'Gateway')?.['Resource']), only(t, 'AWS::BedrockAgentCore::Gateway').id);
      assert.equal(target(bySid(runtimeRole, t, 'Memory')?.['Resource']), only(t, 'AWS::BedrockAgentCore::Memory').id);
      const gatewayRole = target(only(t, 'AWS::BedrockAgentCore::Gateway')['RoleArn']) ?? '';
      assert.equal(target(bySid(gatewayRole, t, 'InvokeTool')?.['Resource']), toolFn(t).id, 'the gateway may invoke other functions');
      for (const id of [runtimeRole, gatewayRole]) {
        const trust = flatten(roles.find((r) => r.id === id)?.['AssumeRolePolicyDocument']);
        assert.ok(trust.includes('aws:SourceAccount') && trust.includes('aws:SourceArn'), `${id} has no confused-deputy condition`);
      }
    },
  ),
  claim(
    'guardrail-pinned-and-applied',
    'Every Converse call applies the numbered guardrail version the stack published, which blocks prompt attacks on prompts and filters harmful content both ways.',
    (t) => {
      const e = env(t);
      const g = only(t, 'AWS::Bedrock::Guardrail');
      const version = only(t, 'AWS::Bedrock::GuardrailVersion');
      assert.equal(target(e['GUARDRAIL_ID']), g.id);
      assert.deepEqual(e['GUARDRAIL_VERSION'], { 'Fn::GetAtt': [version.id, 'Version'] }, 'the agent does not apply the pinned version');
      const code = t.file('agent/main.py');
      const converses = code.match(/bedrock\.converse\(/gu) ?? [];
      assert.equal(converses.length, 1, 'the agent calls the model in more than one place');
      assert.match(code, /bedrock\.converse\([\s\S]*?guardrailConfig=\{"guardrailIdentifier": GUARDRAIL_ID, "guardrailVersion": GUARDRAIL_VERSION\}/u);
      assert.match(code, /"guardContent": \{"text": \{"text": prompt\}\}/u, 'the prompt is not what the guardrail judges');
      const filters = ((g['ContentPolicyConfig'] as Json)['FiltersConfig'] as Json[]).map((f) => [f['Type'], f['InputStrength'], f['OutputStrength']]);
      assert.deepEqual(filters.find((f) => f[0] === 'PROMPT_ATTACK'), ['PROMPT_ATTACK', 'HIGH', 'NONE']);
      for (const type of ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT']) {
        assert.deepEqual(filters.find((f) => f[0] === type), [type, 'HIGH', 'HIGH'], type);
      }
    },
  ),
  claim(
    'tool-is-read-only-and-validated',
    'The gateway exposes one tool, get_order_status, whose function may only GetItem on the orders table, validates its argument and answers only that tool.',
    (t) => {
      const targetConfig = only(t, 'AWS::BedrockAgentCore::GatewayTarget')['TargetConfiguration'] as Json;
      const tools = (((targetConfig['Mcp'] as Json)['Lambda'] as Json)['ToolSchema'] as Json)['InlinePayload'] as Json[];
      assert.deepEqual(tools.map((x) => x['Name']), ['get_order_status']);
      assert.deepEqual((tools[0]?.['InputSchema'] as Json)['Required'], ['orderId']);
      const fn = toolFn(t);
      const roleId = target(fn['Role']) ?? '';
      const actions = statements(roleId, t).flatMap((s) => asList(s['Action']).map(String));
      const data = actions.filter((a) => a.startsWith('dynamodb:'));
      assert.deepEqual(data, ['dynamodb:GetItem'], `the tool may ${data.join(', ')}`);
      const table = only(t, 'AWS::DynamoDB::Table');
      const get = statements(roleId, t).find((s) => asList(s['Action']).includes('dynamodb:GetItem'));
      assert.ok(asList(get?.['Resource']).every((r) => target(r) === table.id), 'the tool reads other tables');
      const code = t.file('lambda/tool.js');
      assert.match(code, /if \(tool !== 'get_order_status'\) return/u, 'the tool answers other tool names');
      assert.match(code, /\^\[A-Za-z0-9-\]\{1,64\}\$/u, 'the order id is not validated');
      assert.doesNotMatch(code, /PutItem|UpdateItem|DeleteItem/u, 'the tool code writes');
    },
  ),
  claim(
    'endpoint-pinned-to-published-version',
    'The live endpoint points at the runtime version this deployment published, not at whatever version is latest, and callers are granted that endpoint.',
    (t) => {
      const runtime = only(t, 'AWS::BedrockAgentCore::Runtime');
      const endpoint = only(t, 'AWS::BedrockAgentCore::RuntimeEndpoint');
      assert.equal(endpoint['Name'], 'live');
      assert.equal(target(endpoint['AgentRuntimeId']), runtime.id);
      assert.deepEqual(endpoint['AgentRuntimeVersion'], { 'Fn::GetAtt': [runtime.id, 'AgentRuntimeVersion'] }, 'the endpoint is not pinned');
      const policy = flatten(only(t, 'AWS::IAM::ManagedPolicy')['PolicyDocument']);
      assert.ok(policy.includes('/runtime-endpoint/live'), 'callers are not granted the live endpoint');
    },
  ),
  claim(
    'orders-protected',
    'The orders table has point-in-time recovery; with retainData it also has deletion protection and, like the data key, survives the stack.',
    (t) => {
      const raw = Object.values(resourcesOf(t));
      const table = only(t, 'AWS::DynamoDB::Table');
      assert.deepEqual(table['PointInTimeRecoverySpecification'], { PointInTimeRecoveryEnabled: true });
      const retain = t.parameters['retainData'] === true;
      assert.equal(table['DeletionProtectionEnabled'] === true, retain, 'deletion protection does not follow retainData');
      const tableRaw = raw.find((r) => r.Type === 'AWS::DynamoDB::Table');
      assert.equal(tableRaw?.DeletionPolicy, retain ? 'Retain' : 'Delete', 'the table does not follow retainData');
      const dataKey = raw.find((r) => r.Type === 'AWS::KMS::Key' && flatten(r.Properties?.['Description']).includes('orders'));
      assert.equal(dataKey?.DeletionPolicy, retain ? 'Retain' : 'Delete', 'the data key does not follow retainData');
    },
  ),
];
