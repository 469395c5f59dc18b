// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
// Claims about the function's behaviour check that it ships lambda/index.js exactly as cdk/handler.test.ts runs
// it, and the property in that source; the handler tests prove the behaviour.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, type Json, inlineSource, refTarget as target, flatOf } from '../../../generators/check/claims/template-queries.ts';

type Found = Record<string, unknown> & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);

/** The one resource of a type; fails when there is not exactly one. */
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));

/** The function runs lambda/index.js as it ships, the code cdk/handler.test.ts runs; returns that code. */
function functionShipsTheHandler(t: ClaimContext): string {
  const code = inlineSource(t.file('lambda/index.js'));
  const fn = only(t, 'AWS::Lambda::Function');
  assert.equal((fn['Code'] as Json)['ZipFile'], code, 'the function does not run lambda/index.js as shipped');
  assert.equal(fn['Handler'], 'index.handler', 'the function does not call exports.handler');
  return code;
}

/** The API's methods with the path of their resource, e.g. `GET /items/{id}`. */
function methods(t: ClaimContext): (Found & { route: string })[] {
  const resources = all(t, 'AWS::ApiGateway::Resource');
  const pathOf = (id: string | undefined): string => {
    const r = resources.find((x) => x.id === id);
    if (!r) return '';
    return `${pathOf(target(r['ParentId']))}/${String(r['PathPart'])}`;
  };
  return all(t, 'AWS::ApiGateway::Method').map((m) => ({
    ...m,
    route: `${String(m['HttpMethod'])} ${pathOf(target(m['ResourceId']))}`,
  }));
}

/** The alarm on one metric. */
function alarmOn(t: ClaimContext, metric: string): Found {
  const found = all(t, 'AWS::CloudWatch::Alarm').filter((a) => a['MetricName'] === metric);
  assert.equal(found.length, 1, `expected one alarm on ${metric}, found ${found.length}`);
  const alarm = found[0] as Found;
  const topic = String(t.parameters['alarmTopicArn']);
  assert.deepEqual(
    alarm['AlarmActions'],
    topic === '' ? undefined : [topic],
    `the ${metric} alarm does not notify alarmTopicArn`,
  );
  return alarm;
}

export default [
  claim(
    'no-zonal-resources',
    'The function runs outside any VPC, the API is Regional, and the stack creates nothing that lives in one Availability Zone.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(
        types.filter((ty) => ty.startsWith('AWS::EC2::')),
        [],
        'the stack creates EC2 resources, which live in zones',
      );
      assert.equal(only(t, 'AWS::Lambda::Function')['VpcConfig'], undefined, 'the function is attached to a VPC');
      assert.deepEqual(
        (only(t, 'AWS::ApiGateway::RestApi')['EndpointConfiguration'] as Json)['Types'],
        ['REGIONAL'],
        'the API is not a Regional endpoint',
      );
    },
  ),
  claim(
    'health-route-reaches-the-table',
    'GET /health is open, throttled to 10 requests per second, and reads the table, so an outage of DynamoDB or the function shows as a failed health check.',
    (t) => {
      const health = methods(t).filter((m) => m.route === 'GET /health');
      assert.equal(health.length, 1, 'there is no GET /health');
      assert.equal(
        health[0]?.['AuthorizationType'],
        'NONE',
        'GET /health needs a signature, so uptime checks cannot call it',
      );
      const settings = only(t, 'AWS::ApiGateway::Stage')['MethodSettings'] as Json[];
      const own = settings.find((x) => x['ResourcePath'] === '/~1health' && x['HttpMethod'] === 'GET');
      assert.equal(own?.['ThrottlingRateLimit'], 10, 'GET /health is not throttled to 10 requests per second');
      const code = functionShipsTheHandler(t);
      assert.match(code, /case 'GET \/health':\nawait read\('_health'\);/u, 'the health route does not read the table');
    },
  ),
  claim(
    'retries-are-safe',
    'A create with an Idempotency-Key is written only if the item does not exist, and replaces and deletes are conditional on the version, so a client can retry any write.',
    (t) => {
      const code = functionShipsTheHandler(t);
      assert.match(
        code,
        /const id = key \? sha\(`\$\{by\}\\n\$\{key\}`\)\.slice\(0, 32\) : randomUUID\(\);/u,
        'the item id does not come from caller and key',
      );
      assert.match(code, /ConditionExpression: 'attribute_not_exists\(id\)'/u, 'a create can overwrite an item');
      assert.match(
        code,
        /const ifVersion = \(v\) => \(\{ ConditionExpression: 'version = :v'/u,
        'replaces and deletes are not conditional on the version',
      );
      assert.match(code, /\.\.\.ifVersion\(version\)/u, 'a replace does not check the version it read');
    },
  ),
  claim(
    'stage-throttling-follows-the-parameters',
    'The stage answers 429 above throttlingRateLimit requests per second with bursts of throttlingBurstLimit, before any request reaches the function.',
    (t) => {
      const settings = only(t, 'AWS::ApiGateway::Stage')['MethodSettings'] as Json[];
      const stage = settings.find((x) => x['ResourcePath'] === '/*' && x['HttpMethod'] === '*');
      assert.ok(stage, 'the stage has no throttle for every method');
      assert.equal(
        stage['ThrottlingRateLimit'],
        t.parameters['throttlingRateLimit'],
        'the rate ignores throttlingRateLimit',
      );
      assert.equal(
        stage['ThrottlingBurstLimit'],
        t.parameters['throttlingBurstLimit'],
        'the burst ignores throttlingBurstLimit',
      );
    },
  ),
  claim('on-demand-table', 'The table uses on-demand capacity, so it needs no capacity planning for a spike.', (t) => {
    assert.equal(
      only(t, 'AWS::DynamoDB::Table')['BillingMode'],
      'PAY_PER_REQUEST',
      'the table has provisioned capacity',
    );
  }),
  claim(
    'throttles-alarm-and-reserved-concurrency',
    'An alarm fires when the function is throttled, and reservedConcurrency above 0 reserves that many executions for it.',
    (t) => {
      const alarm = alarmOn(t, 'Throttles');
      assert.equal(alarm['Threshold'], 0, 'the throttle alarm waits for more than one throttle');
      assert.equal(alarm['ComparisonOperator'], 'GreaterThanThreshold', 'the throttle alarm compares wrongly');
      const fn = only(t, 'AWS::Lambda::Function');
      const dims = alarm['Dimensions'] as Json[];
      assert.ok(
        dims.some((d) => d['Name'] === 'FunctionName' && target(d['Value']) === fn.id),
        'the throttle alarm watches another function',
      );
      const reserved = Number(t.parameters['reservedConcurrency']);
      assert.equal(
        fn['ReservedConcurrentExecutions'],
        reserved > 0 ? reserved : undefined,
        'reserved concurrency ignores reservedConcurrency',
      );
    },
  ),
  claim(
    'error-rate-alarm',
    'An alarm fires when more than 1 percent of requests answer 5xx in 3 of 5 minutes, and notifies alarmTopicArn when it is set.',
    (t) => {
      const alarm = alarmOn(t, '5XXError');
      assert.equal(alarm['Namespace'], 'AWS/ApiGateway', 'the 5xx alarm does not watch the API');
      assert.equal(alarm['Statistic'], 'Average', 'the 5xx alarm does not measure a rate');
      assert.equal(alarm['Threshold'], 0.01, 'the 5xx alarm does not go off above 1 percent');
      assert.equal(alarm['DatapointsToAlarm'], 3, 'the 5xx alarm does not need 3 bad minutes');
      assert.equal(alarm['EvaluationPeriods'], 5, 'the 5xx alarm does not look at 5 minutes');
      assert.equal(alarm['Period'], 60, 'the 5xx alarm does not use one-minute datapoints');
    },
  ),
  claim(
    'gradual-deployment-rolls-back-on-errors',
    'Unless trafficShifting is AllAtOnce, CodeDeploy moves the live alias to a new version over 10 minutes and moves it back when the 5xx alarm goes off.',
    (t) => {
      const alias = t.resources('AWS::Lambda::Alias');
      assert.equal(alias.length, 1, 'there is not exactly one alias');
      const update = (alias[0] as { UpdatePolicy?: Json }).UpdatePolicy?.['CodeDeployLambdaAliasUpdate'] as
        Json | undefined;
      const groups = all(t, 'AWS::CodeDeploy::DeploymentGroup');
      if (t.parameters['trafficShifting'] === 'AllAtOnce') {
        assert.equal(update, undefined, 'AllAtOnce still routes alias updates through CodeDeploy');
        assert.deepEqual(groups, [], 'AllAtOnce still creates a deployment group');
        return;
      }
      assert.equal(groups.length, 1, 'there is not exactly one deployment group');
      const group = groups[0] as Found;
      assert.ok(update, 'alias updates do not go through CodeDeploy');
      assert.equal(target(update['DeploymentGroupName']), group.id, 'the alias names another deployment group');
      assert.equal(
        group['DeploymentConfigName'],
        `CodeDeployDefault.Lambda${String(t.parameters['trafficShifting'])}`,
        'the deployment does not shift traffic as trafficShifting says',
      );
      const errors = all(t, 'AWS::CloudWatch::Alarm').find((a) => a['MetricName'] === '5XXError');
      const watched = (((group['AlarmConfiguration'] as Json | undefined)?.['Alarms'] ?? []) as Json[]).map((a) =>
        target(a['Name']),
      );
      assert.ok(errors && watched.includes(errors.id), 'the deployment does not watch the 5xx alarm');
      const rollback = group['AutoRollbackConfiguration'] as Json | undefined;
      assert.equal(rollback?.['Enabled'], true, 'the deployment does not roll back by itself');
      assert.ok(
        asList(rollback['Events']).includes('DEPLOYMENT_STOP_ON_ALARM'),
        'the deployment does not roll back on the alarm',
      );
    },
  ),
  claim(
    'old-versions-kept-for-rollback',
    'API Gateway invokes only the live alias, and each published version is kept, so the alias can be pointed back at the previous one within seconds.',
    (t) => {
      const alias = only(t, 'AWS::Lambda::Alias');
      assert.equal(alias['Name'], 'live', 'the alias is not called live');
      for (const m of methods(t)) {
        assert.ok(
          flatten((m['Integration'] as Json)['Uri']).includes(JSON.stringify({ Ref: alias.id })),
          `${m.route} does not invoke the live alias`,
        );
      }
      const [version] = t.resources('AWS::Lambda::Version');
      assert.ok(version, 'no version is published');
      assert.equal(
        version.DeletionPolicy,
        'Retain',
        'a replaced version is deleted, so there is nothing to roll back to',
      );
    },
  ),
  claim(
    'table-protected-and-recoverable',
    'The table has point-in-time recovery for pitrRecoveryDays days, and with retainTable it has deletion protection and outlives the stack.',
    (t) => {
      const [raw] = t.resources('AWS::DynamoDB::Table');
      assert.ok(raw, 'there is no table');
      const table = raw.Properties ?? {};
      assert.deepEqual(
        table['PointInTimeRecoverySpecification'],
        { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: t.parameters['pitrRecoveryDays'] },
        'point-in-time recovery does not cover pitrRecoveryDays',
      );
      const retain = t.parameters['retainTable'] === true;
      assert.equal(table['DeletionProtectionEnabled'], retain, 'deletion protection does not follow retainTable');
      assert.equal(raw.DeletionPolicy, retain ? 'Retain' : 'Delete', 'the deletion policy does not follow retainTable');
    },
  ),
  claim(
    'bodies-validated-against-the-model',
    'POST and PUT bodies of any content type must match the Item model, which allows only name, description and tags, before the function runs.',
    (t) => {
      const model = only(t, 'AWS::ApiGateway::Model');
      const schema = model['Schema'] as Json;
      assert.equal(schema['additionalProperties'], false, 'the model lets unknown fields through');
      assert.deepEqual(
        Object.keys(schema['properties'] as Json).sort(),
        ['description', 'name', 'tags'],
        'the model allows other fields',
      );
      const validator = only(t, 'AWS::ApiGateway::RequestValidator');
      assert.equal(validator['ValidateRequestBody'], true, 'the validator does not check bodies');
      const writes = methods(t).filter((m) => ['POST /items', 'PUT /items/{id}'].includes(m.route));
      assert.equal(writes.length, 2, 'there are not exactly the POST and PUT methods');
      for (const m of writes) {
        assert.equal(target(m['RequestValidatorId']), validator.id, `${m.route} is not validated`);
        const models = m['RequestModels'] as Json;
        for (const type of ['application/json', '$default']) {
          assert.equal(target(models[type]), model.id, `${m.route} does not check ${type} bodies against the model`);
        }
      }
    },
  ),
  claim(
    'item-methods-need-a-signature',
    'Every item method needs a SigV4 signature, and the client and reader policies reach only this stage and its item paths, the reader only with GET.',
    (t) => {
      for (const m of methods(t).filter((x) => x.route !== 'GET /health')) {
        assert.equal(m['AuthorizationType'], 'AWS_IAM', `${m.route} does not need a signature`);
      }
      const stage = String(t.parameters['stageName']);
      const policies = all(t, 'AWS::IAM::ManagedPolicy');
      assert.equal(policies.length, 2, 'there are not exactly the client and reader policies');
      const api = only(t, 'AWS::ApiGateway::RestApi');
      const methodsOf = (p: Found): string[] => {
        const statements = (p['PolicyDocument'] as { Statement: Json[] }).Statement;
        assert.equal(statements.length, 1, `policy ${p.id} has more than one statement`);
        const [statement] = statements as [Json];
        assert.equal(statement['Action'], 'execute-api:Invoke', `policy ${p.id} allows more than execute-api:Invoke`);
        return asList(statement['Resource']).map((r) => {
          const arn = flatten(r);
          assert.ok(
            arn.includes(`<${JSON.stringify({ Ref: api.id })}>/${stage}/`),
            `policy ${p.id} reaches another API or stage: ${arn}`,
          );
          const tail = arn.slice(arn.indexOf(`/${stage}/`) + stage.length + 2);
          assert.match(tail, /^[A-Z]+\/items(\/\*)?$/u, `policy ${p.id} reaches a path outside /items: ${tail}`);
          return tail.split('/')[0] ?? '';
        });
      };
      const [client, reader] = ['ClientPolicy', 'ReaderPolicy'].map((name) => {
        const p = policies.find((x) => x.id.includes(name));
        assert.ok(p, `there is no ${name}`);
        return new Set(methodsOf(p));
      });
      assert.deepEqual([...(reader ?? [])], ['GET'], 'the reader policy allows more than GET');
      assert.deepEqual(
        [...(client ?? [])].sort(),
        ['DELETE', 'GET', 'POST', 'PUT'],
        'the client policy does not cover the item methods',
      );
    },
  ),
  claim(
    'access-logs-name-the-caller',
    'Every request writes a JSON access log line with the caller ARN, the status and the Lambda request id, kept for logRetentionDays.',
    (t) => {
      const stage = only(t, 'AWS::ApiGateway::Stage');
      const setting = stage['AccessLogSetting'] as { DestinationArn: unknown; Format: string };
      const format = JSON.parse(setting.Format) as Record<string, string>;
      assert.equal(format['caller'], '$context.identity.userArn', 'the access log does not name the caller');
      assert.equal(format['status'], '$context.status', 'the access log does not record the status');
      assert.equal(
        format['lambdaRequestId'],
        '$context.integration.requestId',
        'the access log does not link to the function log',
      );
      const group = all(t, 'AWS::Logs::LogGroup').find((g) => g.id === target(setting.DestinationArn));
      assert.ok(group, 'the access log group is not in the template');
      assert.equal(
        group['RetentionInDays'],
        t.parameters['logRetentionDays'],
        'access logs are not kept for logRetentionDays',
      );
    },
  ),
];
