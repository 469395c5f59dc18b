// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatOf, flatten, inlineSource, refTarget as target, type Json } from '../../../generators/check/claims/template-queries.ts';

type Found = Record<string, unknown> & { readonly id: string };
const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));
const queue = (t: ClaimContext, prefix: string): Found => {
  const q = all(t, 'AWS::SQS::Queue').find((x) => x.id.startsWith(prefix));
  assert.ok(q, `there is no ${prefix} queue`);
  return q;
};
function alarmOn(t: ClaimContext, metric: string, queueId: string): Found {
  const alarm = all(t, 'AWS::CloudWatch::Alarm').find(
    (a) => a['MetricName'] === metric && flatten(a['Dimensions']).includes(queueId),
  );
  assert.ok(alarm, `no alarm on ${metric} of ${queueId}`);
  const topic = String(t.parameters['alarmTopicArn']);
  assert.deepEqual(alarm['AlarmActions'], topic === '' ? undefined : [topic], 'the alarm does not notify alarmTopicArn');
  return alarm;
}

export default [
  claim(
    'regional-services-only',
    'The stack creates nothing that lives in one Availability Zone: no EC2 resources, and no function runs in a VPC.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(types.filter((ty) => ty.startsWith('AWS::EC2::')), [], 'the stack creates EC2 resources');
      for (const fn of all(t, 'AWS::Lambda::Function')) assert.equal(fn['VpcConfig'], undefined, `${fn.id} runs in a VPC`);
    },
  ),
  claim(
    'connect-needs-a-signature',
    '$connect needs a SigV4 signature (IAM authorization), and the client policy allows execute-api:Invoke on $connect of this stage and nothing else.',
    (t) => {
      const api = only(t, 'AWS::ApiGatewayV2::Api');
      assert.equal(api['ProtocolType'], 'WEBSOCKET', 'the API is not a WebSocket API');
      const routes = all(t, 'AWS::ApiGatewayV2::Route');
      const connect = routes.find((r) => r['RouteKey'] === '$connect');
      assert.equal(connect?.['AuthorizationType'], 'AWS_IAM', '$connect does not need a signature');
      const policy = all(t, 'AWS::IAM::ManagedPolicy').find((p) => p.id.startsWith('ClientPolicy'));
      assert.ok(policy, 'there is no client policy');
      const statements = (policy['PolicyDocument'] as { Statement: Json[] }).Statement;
      assert.equal(statements.length, 1, 'the client policy has more than one statement');
      const [s] = statements as [Json];
      assert.equal(s['Action'], 'execute-api:Invoke', 'the client policy allows more than execute-api:Invoke');
      const arn = flatten(s['Resource']);
      assert.ok(arn.includes(`<${JSON.stringify({ Ref: api.id })}>/${String(t.parameters['stageName'])}/$connect`), `the client policy reaches more than $connect: ${arn}`);
    },
  ),
  claim(
    'connection-store-expires',
    'Connections are stored with an expiresAt 2 hours ahead, which the table TTL deletes, and the broadcaster deletes a connection that answers Gone; the channel index finds a channel connections in one query.',
    (t) => {
      const table = only(t, 'AWS::DynamoDB::Table');
      assert.deepEqual(table['TimeToLiveSpecification'], { AttributeName: 'expiresAt', Enabled: true }, 'the store has no TTL');
      const index = (table['GlobalSecondaryIndexes'] as Json[]).find((i) => i['IndexName'] === 'byChannel');
      assert.deepEqual(
        index?.['KeySchema'],
        [
          { AttributeName: 'channel', KeyType: 'HASH' },
          { AttributeName: 'connectionId', KeyType: 'RANGE' },
        ],
        'there is no channel index',
      );
      const connect = all(t, 'AWS::Lambda::Function').find((f) => f.id.startsWith('ConnectFunction'));
      assert.equal(((connect?.['Environment'] as Json)['Variables'] as Json)['TTL_SECONDS'], '7200', 'entries do not expire after 2 hours');
      const code = inlineSource(t.file('lambda/index.js'));
      assert.equal((connect?.['Code'] as Json)['ZipFile'], code, 'the functions do not run lambda/index.js as shipped');
      assert.match(code, /const expiresAt = Math\.floor\(Date\.now\(\) \/ 1000\) \+ Number\(TTL_SECONDS\);/u, 'connect does not set expiresAt');
      assert.match(code, /if \(x\.name !== 'GoneException'\) throw x;\nreturn db\.send\(new ddb\.DeleteCommand/u, 'gone connections are not deleted');
    },
  ),
  claim(
    'broadcasts-retry-then-dlq',
    'The broadcaster reports failed messages one by one, SQS delivers each up to maxReceiveCount times, then moves it to an encrypted dead-letter queue whose alarm fires at the first message.',
    (t) => {
      const main = queue(t, 'BroadcastQueue');
      const dlq = queue(t, 'BroadcastDlq');
      const redrive = main['RedrivePolicy'] as Json;
      assert.equal(redrive['maxReceiveCount'], t.parameters['maxReceiveCount'], 'the redrive ignores maxReceiveCount');
      assert.equal(target(redrive['deadLetterTargetArn']), dlq.id, 'failed broadcasts go elsewhere');
      for (const q of [main, dlq]) assert.equal(q['SqsManagedSseEnabled'], true, `${q.id} is not encrypted`);
      const mapping = only(t, 'AWS::Lambda::EventSourceMapping');
      assert.deepEqual(mapping['FunctionResponseTypes'], ['ReportBatchItemFailures'], 'one failed message fails its whole batch');
      const alarm = alarmOn(t, 'ApproximateNumberOfMessagesVisible', dlq.id);
      assert.equal(alarm['Threshold'], 1, 'the DLQ alarm waits for more than one message');
    },
  ),
  claim(
    'broadcast-backlog-alarm',
    'An alarm fires when the oldest broadcast has waited more than 30 seconds for 3 minutes.',
    (t) => {
      const alarm = alarmOn(t, 'ApproximateAgeOfOldestMessage', queue(t, 'BroadcastQueue').id);
      assert.equal(alarm['Threshold'], 30, 'the backlog alarm does not go off at 30 seconds');
      assert.equal(alarm['EvaluationPeriods'], 3, 'the backlog alarm does not wait 3 minutes');
    },
  ),
  claim(
    'stage-throttling-follows-the-parameters',
    'The stage deploys route changes by itself, throttles at throttlingRateLimit with bursts of throttlingBurstLimit, and logs each connection event with its caller.',
    (t) => {
      const stage = only(t, 'AWS::ApiGatewayV2::Stage');
      assert.equal(stage['StageName'], t.parameters['stageName'], 'the stage ignores stageName');
      assert.equal(stage['AutoDeploy'], true, 'route changes are not deployed');
      const settings = stage['DefaultRouteSettings'] as Json;
      assert.equal(settings['ThrottlingRateLimit'], t.parameters['throttlingRateLimit'], 'the rate ignores throttlingRateLimit');
      assert.equal(settings['ThrottlingBurstLimit'], t.parameters['throttlingBurstLimit'], 'the burst ignores throttlingBurstLimit');
      const format = JSON.parse(String((stage['AccessLogSettings'] as Json)['Format'])) as Record<string, string>;
      assert.equal(format['caller'], '$context.identity.userArn', 'the access log does not name the caller');
      const broadcaster = all(t, 'AWS::IAM::Policy').find((p) => p.id.startsWith('BroadcasterRoleDefaultPolicy'));
      const actions = ((broadcaster?.['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? []).flatMap((s) => asList(s['Action']));
      assert.ok(actions.includes('execute-api:ManageConnections'), 'the broadcaster cannot post to connections');
      assert.ok(!actions.includes('dynamodb:Scan'), 'the broadcaster scans the store');
    },
  ),
];
