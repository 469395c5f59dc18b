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

/** The HTTP API's routes by route key, e.g. `GET /items/{id}`. */
function routes(t: ClaimContext): Map<string, Found> {
  return new Map(all(t, 'AWS::ApiGatewayV2::Route').map((r) => [String(r['RouteKey']), r]));
}

/** The item routes and the scope each must need. */
const ITEM_ROUTES: Readonly<Record<string, string>> = {
  'GET /items': 'items/read',
  'GET /items/{id}': 'items/read',
  'POST /items': 'items/write',
  'PUT /items/{id}': 'items/write',
  'DELETE /items/{id}': 'items/write',
};

export default [
  claim(
    'no-zonal-resources',
    'The function runs outside any VPC, and the stack creates nothing that lives in one Availability Zone: the user pool, the HTTP API and the table are Regional.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(
        types.filter((ty) => ty.startsWith('AWS::EC2::')),
        [],
        'the stack creates EC2 resources, which live in zones',
      );
      assert.equal(only(t, 'AWS::Lambda::Function')['VpcConfig'], undefined, 'the function is attached to a VPC');
      assert.equal(only(t, 'AWS::ApiGatewayV2::Api')['ProtocolType'], 'HTTP', 'the API is not an HTTP API');
    },
  ),
  claim(
    'routes-need-a-cognito-token-and-scope',
    'Every item route needs an access token that the JWT authorizer checks against this user pool as issuer and this app client as audience, with items/read to read and items/write to write; only GET /health is open.',
    (t) => {
      const pool = only(t, 'AWS::Cognito::UserPool');
      const client = only(t, 'AWS::Cognito::UserPoolClient');
      const authorizer = only(t, 'AWS::ApiGatewayV2::Authorizer');
      assert.equal(authorizer['AuthorizerType'], 'JWT', 'the authorizer is not a JWT authorizer');
      assert.deepEqual(authorizer['IdentitySource'], ['$request.header.Authorization'], 'the token is not read from Authorization');
      const jwt = authorizer['JwtConfiguration'] as Json;
      const issuer = flatten(jwt['Issuer']);
      assert.ok(issuer.startsWith('https://cognito-idp.'), `the issuer is not a Cognito user pool: ${issuer}`);
      assert.ok(issuer.endsWith(`/<${JSON.stringify({ Ref: pool.id })}>`), 'the issuer is not this user pool');
      assert.deepEqual(asList(jwt['Audience']).map(target), [client.id], 'the audience is not exactly this app client');
      const found = routes(t);
      assert.deepEqual(
        [...found.keys()].sort(),
        [...Object.keys(ITEM_ROUTES), 'GET /health'].sort(),
        'the routes are not the item routes and GET /health',
      );
      for (const [key, scope] of Object.entries(ITEM_ROUTES)) {
        const route = found.get(key) as Found;
        assert.equal(route['AuthorizationType'], 'JWT', `${key} does not need a token`);
        assert.equal(target(route['AuthorizerId']), authorizer.id, `${key} uses another authorizer`);
        assert.deepEqual(route['AuthorizationScopes'], [scope], `${key} does not need exactly ${scope}`);
      }
      assert.equal(found.get('GET /health')?.['AuthorizationType'], 'NONE', 'GET /health needs a token');
    },
  ),
  claim(
    'mfa-and-threat-protection',
    'Sign-in needs a password of at least 12 characters and, with mfa ON, an authenticator app code (no SMS); threat protection runs on the Plus plan as threatProtection says, and OFF uses the Essentials plan.',
    (t) => {
      const pool = only(t, 'AWS::Cognito::UserPool');
      assert.equal(pool['MfaConfiguration'], t.parameters['mfa'], 'MFA does not follow the mfa parameter');
      assert.deepEqual(pool['EnabledMfas'], ['SOFTWARE_TOKEN_MFA'], 'the second factor is not TOTP alone');
      const password = (pool['Policies'] as Json)['PasswordPolicy'] as Json;
      assert.ok(Number(password['MinimumLength']) >= 12, 'passwords may be shorter than 12 characters');
      const mode = String(t.parameters['threatProtection']);
      const addOns = pool['UserPoolAddOns'] as Json | undefined;
      if (mode === 'OFF') {
        assert.equal(pool['UserPoolTier'], 'ESSENTIALS', 'without threat protection the pool is not on Essentials');
        assert.ok(!addOns || addOns['AdvancedSecurityMode'] === 'OFF', 'threat protection is on although OFF');
      } else {
        assert.equal(pool['UserPoolTier'], 'PLUS', 'threat protection needs the Plus plan');
        assert.equal(addOns?.['AdvancedSecurityMode'], mode, 'threat protection does not follow threatProtection');
      }
      const recovery = (pool['AccountRecoverySetting'] as Json)['RecoveryMechanisms'] as Json[];
      assert.deepEqual(
        recovery.map((r) => r['Name']),
        ['verified_email'],
        'accounts can be recovered other than by verified email',
      );
    },
  ),
  claim(
    'app-client-is-public-with-code-flow',
    'The app client has no secret and allows only the authorization code flow (for PKCE), SRP sign-in and refresh tokens, with token revocation, no user-existence errors, and token lifetimes from accessTokenMinutes and refreshTokenDays.',
    (t) => {
      const client = only(t, 'AWS::Cognito::UserPoolClient');
      assert.equal(client['GenerateSecret'], false, 'the client has a secret, which a browser or phone cannot keep');
      assert.deepEqual(client['AllowedOAuthFlows'], ['code'], 'the client allows flows other than the code flow');
      assert.equal(client['AllowedOAuthFlowsUserPoolClient'], true, 'OAuth is not enabled on the client');
      assert.deepEqual(
        [...(client['ExplicitAuthFlows'] as string[])].sort(),
        ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
        'the client allows sign-in flows that send the password',
      );
      assert.equal(client['EnableTokenRevocation'], true, 'refresh tokens cannot be revoked');
      assert.equal(client['PreventUserExistenceErrors'], 'ENABLED', 'sign-in errors reveal whether a user exists');
      const units = client['TokenValidityUnits'] as Json;
      const minutes = (value: unknown, unit: unknown): number =>
        Number(value) * (({ minutes: 1, hours: 60, days: 1440 } as Record<string, number>)[String(unit)] ?? NaN);
      assert.equal(
        minutes(client['AccessTokenValidity'], units['AccessToken']),
        t.parameters['accessTokenMinutes'],
        'access tokens do not live accessTokenMinutes',
      );
      assert.equal(
        minutes(client['IdTokenValidity'], units['IdToken']),
        t.parameters['accessTokenMinutes'],
        'ID tokens do not live accessTokenMinutes',
      );
      assert.equal(
        minutes(client['RefreshTokenValidity'], units['RefreshToken']),
        Number(t.parameters['refreshTokenDays']) * 1440,
        'refresh tokens do not live refreshTokenDays',
      );
      const callbacks = String(t.parameters['callbackUrls']).split(',');
      assert.deepEqual(client['CallbackURLs'], callbacks, 'the callback URLs are not callbackUrls');
      for (const url of callbacks) {
        assert.ok(!url.startsWith('http://') || /^http:\/\/localhost[:/]/u.test(url), `${url} is plain HTTP`);
      }
    },
  ),
  claim(
    'items-partitioned-by-user',
    "The table's partition key is the owner, the function keys every read and write by the token's sub, and its role may call GetItem, PutItem, DeleteItem and Query but not Scan.",
    (t) => {
      const table = only(t, 'AWS::DynamoDB::Table');
      assert.deepEqual(
        table['KeySchema'],
        [
          { AttributeName: 'owner', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        'the table is not keyed by owner and id',
      );
      const statements = all(t, 'AWS::IAM::Policy').flatMap(
        (p) => ((p['PolicyDocument'] as { Statement: Json[] }).Statement),
      );
      const onTable = statements.filter((s) => flatten(s['Resource']).includes(JSON.stringify({ 'Fn::GetAtt': [table.id, 'Arn'] })));
      assert.equal(onTable.length, 1, 'not exactly one statement reaches the table');
      assert.deepEqual(
        [...asList(onTable[0]?.['Action'])].sort(),
        ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        'the function may make other calls on the table, such as Scan',
      );
      const code = functionShipsTheHandler(t);
      assert.match(code, /const owner = e\.requestContext\.authorizer\?\.jwt\?\.claims\?\.sub;/u, 'the owner is not the token sub');
      assert.doesNotMatch(code, /Scan/u, 'the function scans');
      const keyed = code.match(/Key: \{ owner, id \}/gu) ?? [];
      assert.equal(keyed.length, 2, 'reads and deletes are not keyed by the owner');
      assert.match(code, /const item = \{ \.\.\.body, owner, id,/u, 'creates are not stored under the owner');
      assert.match(code, /ExpressionAttributeValues: \{ ':o': owner \}/u, 'the list does not query the owner partition');
      assert.match(code, /ExclusiveStartKey = q\.next && \{ owner, id:/u, 'a next token can point into another partition');
    },
  ),
  claim(
    'function-validates-bodies',
    'The function refuses a POST or PUT body that is not an object of name (1 to 200 characters), description (up to 2,000) and tags (up to 20 unique strings) with 400, before it writes.',
    (t) => {
      const code = functionShipsTheHandler(t);
      assert.match(code, /const \{ name, description, tags, \.\.\.rest \} = b \?\? \{\};/u, 'the body is not taken apart');
      assert.match(code, /Object\.keys\(rest\)\.length === 0/u, 'unknown fields are let through');
      assert.match(code, /text\(name, 200\) &&\nname !== ''/u, 'the name is not limited to 1 to 200 characters');
      assert.match(code, /text\(description, 2000\)/u, 'the description is not limited');
      assert.match(code, /tags\.length <= 20 && new Set\(tags\)\.size === tags\.length/u, 'the tags are not limited');
      assert.match(
        code,
        /const body = \/\^\(POST\|PUT\) \/\.test\(e\.routeKey\) && parse\(e\);\nif \(body === undefined\) return fail\(400,/u,
        'a bad body is not refused before the route runs',
      );
    },
  ),
  claim(
    'health-route-reaches-the-table',
    'GET /health is open, throttled to 10 requests per second, and reads the table, so an outage of DynamoDB or the function shows as a failed health check.',
    (t) => {
      const health = routes(t).get('GET /health');
      assert.ok(health, 'there is no GET /health');
      assert.equal(health['AuthorizationType'], 'NONE', 'GET /health needs a token, so uptime checks cannot call it');
      const settings = (only(t, 'AWS::ApiGatewayV2::Stage')['RouteSettings'] as Json | undefined)?.['GET /health'] as
        | Json
        | undefined;
      assert.equal(settings?.['ThrottlingRateLimit'], 10, 'GET /health is not throttled to 10 requests per second');
      const code = functionShipsTheHandler(t);
      assert.match(
        code,
        /if \(e\.routeKey === 'GET \/health'\) \{\nawait read\('_health', '_health'\);/u,
        'the health route does not read the table',
      );
    },
  ),
  claim(
    'retries-are-safe',
    "A create with an Idempotency-Key is written only if the item does not exist, under an id derived from the user and the key, and replaces and deletes are conditional on the version, so a client can retry any write.",
    (t) => {
      const code = functionShipsTheHandler(t);
      assert.match(
        code,
        /const id = key \? sha\(`\$\{owner\}\\n\$\{key\}`\)\.slice\(0, 32\) : randomUUID\(\);/u,
        'the item id does not come from user and key',
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
    'The default stage answers 429 above throttlingRateLimit requests per second with bursts of throttlingBurstLimit, before the authorizer or the function runs.',
    (t) => {
      const stage = only(t, 'AWS::ApiGatewayV2::Stage');
      assert.equal(stage['StageName'], '$default', 'the stage is not the default stage');
      assert.equal(stage['AutoDeploy'], true, 'route changes are not deployed automatically');
      const settings = stage['DefaultRouteSettings'] as Json;
      assert.equal(settings['ThrottlingRateLimit'], t.parameters['throttlingRateLimit'], 'the rate ignores throttlingRateLimit');
      assert.equal(settings['ThrottlingBurstLimit'], t.parameters['throttlingBurstLimit'], 'the burst ignores throttlingBurstLimit');
    },
  ),
  claim('on-demand-table', 'The table uses on-demand capacity, so it needs no capacity planning for a spike.', (t) => {
    assert.equal(only(t, 'AWS::DynamoDB::Table')['BillingMode'], 'PAY_PER_REQUEST', 'the table has provisioned capacity');
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
    'An alarm fires when more than 1 percent of requests to the HTTP API answer 5xx in 3 of 5 minutes, and notifies alarmTopicArn when it is set.',
    (t) => {
      const alarm = alarmOn(t, '5xx');
      assert.equal(alarm['Namespace'], 'AWS/ApiGateway', 'the 5xx alarm does not watch API Gateway');
      const api = only(t, 'AWS::ApiGatewayV2::Api');
      const dims = alarm['Dimensions'] as Json[];
      assert.ok(
        dims.some((d) => d['Name'] === 'ApiId' && target(d['Value']) === api.id),
        'the 5xx alarm watches another API',
      );
      assert.ok(dims.some((d) => d['Name'] === 'Stage' && d['Value'] === '$default'), 'the 5xx alarm watches another stage');
      assert.equal(alarm['Statistic'], 'Average', 'the 5xx alarm does not measure a rate');
      assert.equal(alarm['Threshold'], 0.01, 'the 5xx alarm does not go off above 1 percent');
      assert.equal(alarm['DatapointsToAlarm'], 3, 'the 5xx alarm does not need 3 bad minutes');
      assert.equal(alarm['EvaluationPeriods'], 5, 'the 5xx alarm does not look at 5 minutes');
      assert.equal(alarm['Period'], 60, 'the 5xx alarm does not use one-minute datapoints');
    },
  ),
  claim(
    'gradual-deployment-rolls-back-on-errors',
    'Unless trafficShifting is AllAtOnce, CodeDeploy moves the live alias that every route invokes to a new version over 10 minutes and moves it back when the 5xx alarm goes off.',
    (t) => {
      const alias = t.only('AWS::Lambda::Alias');
      for (const integration of all(t, 'AWS::ApiGatewayV2::Integration')) {
        assert.equal(target(integration['IntegrationUri']), alias.id, 'a route does not invoke the live alias');
      }
      const update = (alias as { UpdatePolicy?: Json }).UpdatePolicy?.['CodeDeployLambdaAliasUpdate'] as Json | undefined;
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
      const errors = all(t, 'AWS::CloudWatch::Alarm').find((a) => a['MetricName'] === '5xx');
      const watched = (((group['AlarmConfiguration'] as Json | undefined)?.['Alarms'] ?? []) as Json[]).map((a) =>
        target(a['Name']),
      );
      assert.ok(errors && watched.includes(errors.id), 'the deployment does not watch the 5xx alarm');
      const rollback = group['AutoRollbackConfiguration'] as Json | undefined;
      assert.equal(rollback?.['Enabled'], true, 'the deployment does not roll back by itself');
      assert.ok(asList(rollback['Events']).includes('DEPLOYMENT_STOP_ON_ALARM'), 'the deployment does not roll back on the alarm');
    },
  ),
  claim(
    'data-protected-and-recoverable',
    'The table has point-in-time recovery for pitrRecoveryDays days, and with retainData the table and the user pool have deletion protection and outlive the stack.',
    (t) => {
      const [table] = t.resources('AWS::DynamoDB::Table');
      const [pool] = t.resources('AWS::Cognito::UserPool');
      assert.ok(table && pool, 'there is no table or no user pool');
      assert.deepEqual(
        table.Properties?.['PointInTimeRecoverySpecification'],
        { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: t.parameters['pitrRecoveryDays'] },
        'point-in-time recovery does not cover pitrRecoveryDays',
      );
      const retain = t.parameters['retainData'] === true;
      assert.equal(table.Properties['DeletionProtectionEnabled'], retain, 'table deletion protection does not follow retainData');
      assert.equal(pool.Properties?.['DeletionProtection'], retain ? 'ACTIVE' : 'INACTIVE', 'pool deletion protection does not follow retainData');
      for (const r of [table, pool]) {
        assert.equal(r.DeletionPolicy, retain ? 'Retain' : 'Delete', `the deletion policy of ${r.id} does not follow retainData`);
      }
    },
  ),
  claim(
    'access-logs-without-an-account-role',
    'Every request writes a JSON access log line with the user (sub), the route, the status, any authorizer error and the Lambda request id, kept for logRetentionDays, without an account-level API Gateway logging role.',
    (t) => {
      assert.deepEqual(t.resources('AWS::ApiGateway::Account'), [], 'the stack sets the account-level logging role');
      const stage = only(t, 'AWS::ApiGatewayV2::Stage');
      const setting = stage['AccessLogSettings'] as { DestinationArn: unknown; Format: string };
      const format = JSON.parse(setting.Format) as Record<string, string>;
      assert.equal(format['user'], '$context.authorizer.claims.sub', 'the access log does not name the user');
      assert.equal(format['status'], '$context.status', 'the access log does not record the status');
      assert.equal(format['authorizerError'], '$context.authorizer.error', 'the access log does not say why a token was refused');
      assert.equal(format['lambdaRequestId'], '$context.integration.requestId', 'the access log does not link to the function log');
      const group = all(t, 'AWS::Logs::LogGroup').find((g) => g.id === target(setting.DestinationArn));
      assert.ok(group, 'the access log group is not in the template');
      assert.equal(group['RetentionInDays'], t.parameters['logRetentionDays'], 'access logs are not kept for logRetentionDays');
    },
  ),
];
