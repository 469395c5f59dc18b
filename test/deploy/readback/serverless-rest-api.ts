import {
  APIGatewayClient,
  GetMethodCommand,
  GetModelCommand,
  GetRequestValidatorCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  type Method,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient, GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const STAGE = 'v1';
const RATE_LIMIT = 100;
const BURST_LIMIT = 200;
const LOG_RETENTION_DAYS = 30;

/** The API's resources by path, each with its methods. */
async function resources(stack: DeployedStack): Promise<Map<string, Resource>> {
  const apigw = new APIGatewayClient(stack.aws);
  const { items = [] } = await apigw.send(new GetResourcesCommand({ restApiId: stack.outputs['ApiId'], limit: 500 }));
  return new Map(items.map((r) => [r.path ?? '', r]));
}

/** One method of the API, as GetMethod answers. */
async function method(stack: DeployedStack, path: string, verb: string): Promise<Method> {
  const resource = (await resources(stack)).get(path);
  expect(resource, `the API has no ${path}`).toBeDefined();
  const apigw = new APIGatewayClient(stack.aws);
  return apigw.send(
    new GetMethodCommand({ restApiId: stack.outputs['ApiId'], resourceId: resource?.id, httpMethod: verb }),
  );
}

async function stage(stack: DeployedStack) {
  const apigw = new APIGatewayClient(stack.aws);
  return apigw.send(new GetStageCommand({ restApiId: stack.outputs['ApiId'], stageName: STAGE }));
}

export default [
  readBack(
    'The stage throttles every method at throttlingRateLimit requests per second with bursts of throttlingBurstLimit',
    async (stack) => {
      const { methodSettings = {} } = await stage(stack);
      expect(methodSettings['*/*']?.throttlingRateLimit).toBe(RATE_LIMIT);
      expect(methodSettings['*/*']?.throttlingBurstLimit).toBe(BURST_LIMIT);
    },
    'stage-throttling-follows-the-parameters',
  ),
  readBack(
    'GET /health needs no signature and is throttled to 10 requests per second, while every item method needs a SigV4 signature',
    async (stack) => {
      const health = await method(stack, '/health', 'GET');
      expect(health.authorizationType).toBe('NONE');
      const { methodSettings = {} } = await stage(stack);
      expect(methodSettings['~1health/GET']?.throttlingRateLimit).toBe(10);
      const routes: [string, string][] = [
        ['/items', 'GET'],
        ['/items', 'POST'],
        ['/items/{id}', 'GET'],
        ['/items/{id}', 'PUT'],
        ['/items/{id}', 'DELETE'],
      ];
      for (const [path, verb] of routes) {
        expect((await method(stack, path, verb)).authorizationType, `${verb} ${path}`).toBe('AWS_IAM');
      }
    },
    'health-route-reaches-the-table',
  ),
  readBack(
    'POST /items and PUT /items/{id} validate bodies of any content type against the Item model, which allows only name, description and tags',
    async (stack) => {
      const apigw = new APIGatewayClient(stack.aws);
      const restApiId = stack.outputs['ApiId'];
      for (const [path, verb] of [
        ['/items', 'POST'],
        ['/items/{id}', 'PUT'],
      ] as const) {
        const m = await method(stack, path, verb);
        expect(m.requestModels, `${verb} ${path}`).toEqual({ 'application/json': 'Item', $default: 'Item' });
        const validator = await apigw.send(
          new GetRequestValidatorCommand({ restApiId, requestValidatorId: m.requestValidatorId }),
        );
        expect(validator.validateRequestBody, `${verb} ${path}`).toBe(true);
      }
      const model = await apigw.send(new GetModelCommand({ restApiId, modelName: 'Item' }));
      const schema = JSON.parse(model.schema ?? '{}') as { additionalProperties?: boolean; properties?: object };
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['description', 'name', 'tags']);
    },
    'bodies-validated-against-the-model',
  ),
  readBack(
    'Every method invokes the live alias, which points at a published version of the function',
    async (stack) => {
      const aliasArn = stack.outputs['LiveAliasArn'] ?? '';
      for (const [path, r] of await resources(stack)) {
        for (const verb of Object.keys(r.resourceMethods ?? {})) {
          const m = await method(stack, path, verb);
          expect(m.methodIntegration?.type, `${verb} ${path}`).toBe('AWS_PROXY');
          expect(m.methodIntegration?.uri, `${verb} ${path}`).toContain(`/functions/${aliasArn}/invocations`);
        }
      }
      const lambda = new LambdaClient(stack.aws);
      const alias = await lambda.send(
        new GetAliasCommand({ FunctionName: stack.outputs['FunctionName'], Name: 'live' }),
      );
      expect(alias.AliasArn).toBe(aliasArn);
      expect(alias.FunctionVersion).toMatch(/^\d+$/u);
    },
    'old-versions-kept-for-rollback',
  ),
  readBack(
    'CodeDeploy shifts the live alias 10 percent at a time over 10 minutes and rolls back by itself, also when stopped by an alarm',
    async (stack) => {
      const codedeploy = new CodeDeployClient(stack.aws);
      const { deploymentGroupInfo: group } = await codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: stack.outputs['DeploymentApplicationName'],
          deploymentGroupName: stack.physicalId('AWS::CodeDeploy::DeploymentGroup'),
        }),
      );
      expect(group?.computePlatform).toBe('Lambda');
      expect(group?.deploymentConfigName).toBe('CodeDeployDefault.LambdaCanary10Percent10Minutes');
      expect(group?.autoRollbackConfiguration?.enabled).toBe(true);
      expect(group?.autoRollbackConfiguration?.events).toContain('DEPLOYMENT_STOP_ON_ALARM');
      // moto's GetDeploymentGroup answers alarmConfiguration {}, so which alarm it watches is not read here.
    },
    'gradual-deployment-rolls-back-on-errors',
  ),
  readBack(
    'The 5xx alarm goes off when more than 1 percent of requests to the API answer 5xx in 3 of 5 minutes',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      const alarm = MetricAlarms.find((a) => a.MetricName === '5XXError');
      expect(alarm?.Namespace).toBe('AWS/ApiGateway');
      expect(alarm?.Statistic).toBe('Average');
      expect(alarm?.Threshold).toBe(0.01);
      expect([alarm?.DatapointsToAlarm, alarm?.EvaluationPeriods, alarm?.Period]).toEqual([3, 5, 60]);
    },
    'error-rate-alarm',
  ),
  readBack(
    'The stage writes a JSON access log line with the caller, the status and the Lambda request id to a log group kept for logRetentionDays',
    async (stack) => {
      const { accessLogSettings } = await stage(stack);
      const group = stack.outputs['AccessLogGroupName'] ?? '';
      expect(accessLogSettings?.destinationArn).toMatch(new RegExp(`:log-group:${group}(:\\*)?$`, 'u'));
      const format = JSON.parse(accessLogSettings?.format ?? '{}') as Record<string, string>;
      expect(format['caller']).toBe('$context.identity.userArn');
      expect(format['status']).toBe('$context.status');
      expect(format['lambdaRequestId']).toBe('$context.integration.requestId');
      const logs = new CloudWatchLogsClient(stack.aws);
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
      expect(logGroups.find((g) => g.logGroupName === group)?.retentionInDays).toBe(LOG_RETENTION_DAYS);
    },
    'access-logs-name-the-caller',
  ),
  readBack(
    'The API is Regional and the function runs outside any VPC',
    async (stack) => {
      const apigw = new APIGatewayClient(stack.aws);
      const api = await apigw.send(new GetRestApiCommand({ restApiId: stack.outputs['ApiId'] }));
      expect(api.endpointConfiguration?.types).toEqual(['REGIONAL']);
      const lambda = new LambdaClient(stack.aws);
      const fn = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(fn.VpcConfig?.SubnetIds ?? []).toEqual([]);
    },
    'no-zonal-resources',
  ),
];
