import {
  ApiGatewayV2Client,
  GetApiCommand,
  GetAuthorizerCommand,
  GetRoutesCommand,
  GetStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  CognitoIdentityProviderClient,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const RATE_LIMIT = 100;
const BURST_LIMIT = 200;
const ACCESS_TOKEN_MINUTES = 60;
const REFRESH_TOKEN_MINUTES = 30 * 24 * 60;

const ITEM_ROUTES: Record<string, string> = {
  'GET /items': 'items/read',
  'GET /items/{id}': 'items/read',
  'POST /items': 'items/write',
  'PUT /items/{id}': 'items/write',
  'DELETE /items/{id}': 'items/write',
};

function idp(stack: DeployedStack): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(stack.aws);
}

export default [
  readBack(
    'Every item route needs a JWT from the user pool for the app client with its scope, and only GET /health is open',
    async (stack) => {
      const v2 = new ApiGatewayV2Client(stack.aws);
      const ApiId = stack.outputs['ApiId'];
      const { Items: routes = [] } = await v2.send(new GetRoutesCommand({ ApiId }));
      expect(routes.map((r) => r.RouteKey).sort()).toEqual([...Object.keys(ITEM_ROUTES), 'GET /health'].sort());
      const authorizerIds = new Set<string>();
      for (const route of routes) {
        if (route.RouteKey === 'GET /health') {
          expect(route.AuthorizationType).toBe('NONE');
          continue;
        }
        expect(route.AuthorizationType, route.RouteKey).toBe('JWT');
        expect(route.AuthorizationScopes, route.RouteKey).toEqual([ITEM_ROUTES[route.RouteKey ?? '']]);
        authorizerIds.add(route.AuthorizerId ?? '');
      }
      expect(authorizerIds.size).toBe(1);
      const authorizer = await v2.send(new GetAuthorizerCommand({ ApiId, AuthorizerId: [...authorizerIds][0] }));
      expect(authorizer.AuthorizerType).toBe('JWT');
      expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
      expect(authorizer.JwtConfiguration?.Issuer).toBe(stack.outputs['IssuerUrl']);
      expect(authorizer.JwtConfiguration?.Issuer).toBe(
        `https://cognito-idp.${stack.aws.region}.amazonaws.com/${stack.outputs['UserPoolId']}`,
      );
      expect(authorizer.JwtConfiguration?.Audience).toEqual([stack.outputs['UserPoolClientId']]);
    },
    'routes-need-a-cognito-token-and-scope',
  ),
  readBack(
    'The user pool requires TOTP MFA, enforces threat protection on the Plus plan, asks for 12-character passwords and is protected from deletion',
    async (stack) => {
      const UserPoolId = stack.outputs['UserPoolId'];
      const { UserPool: pool } = await idp(stack).send(new DescribeUserPoolCommand({ UserPoolId }));
      expect(pool?.MfaConfiguration).toBe('ON');
      expect(pool?.UserPoolTier).toBe('PLUS');
      expect(pool?.UserPoolAddOns?.AdvancedSecurityMode).toBe('ENFORCED');
      expect(pool?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
      expect(pool?.DeletionProtection).toBe('ACTIVE');
      expect(pool?.AccountRecoverySetting?.RecoveryMechanisms?.map((m) => m.Name)).toEqual(['verified_email']);
      const mfa = await idp(stack).send(new GetUserPoolMfaConfigCommand({ UserPoolId }));
      expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
      expect(mfa.SmsMfaConfiguration).toBeUndefined();
    },
    'mfa-and-threat-protection',
  ),
  readBack(
    'The app client has no secret, allows only the code flow, SRP and refresh tokens, and issues tokens for 60 minutes and 30 days',
    async (stack) => {
      const UserPoolId = stack.outputs['UserPoolId'];
      const { UserPoolClient: client } = await idp(stack).send(
        new DescribeUserPoolClientCommand({ UserPoolId, ClientId: stack.outputs['UserPoolClientId'] }),
      );
      expect(client?.ClientSecret).toBeUndefined();
      expect(client?.AllowedOAuthFlows).toEqual(['code']);
      expect(client?.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(client?.AllowedOAuthScopes).toEqual(['openid', 'email', 'items/read', 'items/write']);
      expect([...(client?.ExplicitAuthFlows ?? [])].sort()).toEqual([
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ]);
      expect(client?.EnableTokenRevocation).toBe(true);
      expect(client?.PreventUserExistenceErrors).toBe('ENABLED');
      expect(client?.TokenValidityUnits).toEqual({
        AccessToken: 'minutes',
        IdToken: 'minutes',
        RefreshToken: 'minutes',
      });
      expect([client?.AccessTokenValidity, client?.IdTokenValidity, client?.RefreshTokenValidity]).toEqual([
        ACCESS_TOKEN_MINUTES,
        ACCESS_TOKEN_MINUTES,
        REFRESH_TOKEN_MINUTES,
      ]);
      const { ResourceServer: server } = await idp(stack).send(
        new DescribeResourceServerCommand({ UserPoolId, Identifier: 'items' }),
      );
      expect(server?.Scopes?.map((s) => s.ScopeName).sort()).toEqual(['read', 'write']);
    },
    'app-client-is-public-with-code-flow',
  ),
  readBack(
    "The table is keyed by owner and id, and the function's role may call GetItem, PutItem, DeleteItem and Query on it, not Scan",
    async (stack) => {
      const ddb = new DynamoDBClient(stack.aws);
      const { Table: table } = await ddb.send(new DescribeTableCommand({ TableName: stack.outputs['TableName'] }));
      expect(table?.KeySchema).toEqual([
        { AttributeName: 'owner', KeyType: 'HASH' },
        { AttributeName: 'id', KeyType: 'RANGE' },
      ]);
      expect(table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
      const lambda = new LambdaClient(stack.aws);
      const fn = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      const roleName = (fn.Role ?? '').split('/').pop() ?? '';
      const iam = new IAMClient(stack.aws);
      const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
      const actions: string[] = [];
      for (const PolicyName of PolicyNames) {
        const { PolicyDocument = '' } = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }));
        const doc = JSON.parse(decodeURIComponent(PolicyDocument)) as { Statement: { Action: string | string[] }[] };
        for (const s of doc.Statement) actions.push(...[s.Action].flat().filter((a) => a.startsWith('dynamodb:')));
      }
      expect(actions.sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
      expect(fn.Environment?.Variables?.['TABLE_NAME']).toBe(stack.outputs['TableName']);
    },
    'items-partitioned-by-user',
  ),
  readBack(
    'The default stage throttles at throttlingRateLimit with bursts of throttlingBurstLimit, GET /health at 10 per second, and writes JSON access logs naming the user',
    async (stack) => {
      const v2 = new ApiGatewayV2Client(stack.aws);
      const ApiId = stack.outputs['ApiId'];
      const stage = await v2.send(new GetStageCommand({ ApiId, StageName: '$default' }));
      expect(stage.AutoDeploy).toBe(true);
      expect(stage.DefaultRouteSettings?.ThrottlingRateLimit).toBe(RATE_LIMIT);
      expect(stage.DefaultRouteSettings?.ThrottlingBurstLimit).toBe(BURST_LIMIT);
      expect(stage.RouteSettings?.['GET /health']?.ThrottlingRateLimit).toBe(10);
      const format = JSON.parse(stage.AccessLogSettings?.Format ?? '{}') as Record<string, string>;
      expect(format['user']).toBe('$context.authorizer.claims.sub');
      expect(format['authorizerError']).toBe('$context.authorizer.error');
      expect(stage.AccessLogSettings?.DestinationArn).toContain(`:log-group:${stack.outputs['AccessLogGroupName']}`);
      const api = await v2.send(new GetApiCommand({ ApiId }));
      expect(api.ProtocolType).toBe('HTTP');
      expect(stack.outputs['ApiUrl']).toBe(`${api.ApiEndpoint}/`);
      expect(api.CorsConfiguration?.AllowOrigins).toEqual(['http://localhost:5173']);
    },
    'stage-throttling-follows-the-parameters',
  ),
  readBack(
    'The table has point-in-time recovery for 35 days and deletion protection',
    async (stack) => {
      const ddb = new DynamoDBClient(stack.aws);
      const { Table: table } = await ddb.send(new DescribeTableCommand({ TableName: stack.outputs['TableName'] }));
      expect(table?.DeletionProtectionEnabled).toBe(true);
    },
    'data-protected-and-recoverable',
  ),
  readBack(
    'The 5xx alarm goes off when more than 1 percent of requests to the HTTP API answer 5xx in 3 of 5 minutes',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      const alarm = MetricAlarms.find((a) => a.MetricName === '5xx');
      expect(alarm?.Namespace).toBe('AWS/ApiGateway');
      expect(alarm?.Dimensions).toEqual([
        { Name: 'ApiId', Value: stack.outputs['ApiId'] },
        { Name: 'Stage', Value: '$default' },
      ]);
      expect(alarm?.Statistic).toBe('Average');
      expect(alarm?.Threshold).toBe(0.01);
      expect([alarm?.DatapointsToAlarm, alarm?.EvaluationPeriods, alarm?.Period]).toEqual([3, 5, 60]);
    },
    'error-rate-alarm',
  ),
];
