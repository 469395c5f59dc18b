import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { openCatalogue } from '../../../lib/catalogue.ts';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  REPO_ROOT,
  synthConfigs,
} from '../../../test/helpers/synth-entry.ts';
import {
  customResourceTypes,
  ofType,
  onlyProps as only,
  resourcesOf,
  typesOf,
  type Json,
  type Resource,
} from '../../../test/helpers/template.ts';
import { ACCESS_LOG_FIELDS, HEALTH_THROTTLE } from './items-api.ts';
import { inlineHandlerSource, INLINE_CODE_LIMIT, TABLE_ACTIONS } from './stack.ts';

const ID = 'serverless-rest-api';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops-alerts';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  tuned: [
    'stageName=prod',
    'throttlingRateLimit=500',
    'throttlingBurstLimit=1000',
    'reservedConcurrency=50',
    'memorySizeMb=512',
    'tracing=true',
    'pitrRecoveryDays=7',
    'retainTable=false',
    'configureAccountLogging=false',
    'logRetentionDays=90',
    `alarmTopicArn=${TOPIC}`,
  ],
});
const tuned = runs.ok('tuned');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

const methods = (t: Template) =>
  ofType(t, 'AWS::ApiGateway::Method').map((m) => m.Properties as Json & { HttpMethod: string; ResourceId: unknown });
const statements = (t: Template, type: string): Json[] =>
  ofType(t, type).flatMap(
    (r) => (r.Properties?.['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? [],
  );

checkConfigurations(ID, { tuned });

describe('serverless-rest-api stack', () => {
  test('the acknowledged rules; the X-Ray wildcard only with tracing', () => {
    const defaults = entryAcknowledgements(ID).map((a) => a.rule);
    expect([...new Set(defaults.map((rule) => rule.replace(/\[.*$/u, '')))].sort()).toEqual([
      'AwsSolutions-APIG3',
      'AwsSolutions-APIG4',
      'AwsSolutions-COG4',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
    ]);
    expect(defaults).not.toContain('AwsSolutions-IAM5[Resource::*]');
    expect(tuned.result.acknowledged.map((a) => a.rule)).toContain('AwsSolutions-IAM5[Resource::*]');
    expect(tuned.result.acknowledged.map((a) => a.rule).filter((r) => r.startsWith('AwsSolutions-IAM4'))).toEqual([]);
  });

  test('resource types, no custom resources', () => {
    const types = typesOf(template);
    expect(types).toEqual([
      'AWS::ApiGateway::Account',
      'AWS::ApiGateway::Deployment',
      'AWS::ApiGateway::GatewayResponse',
      'AWS::ApiGateway::Method',
      'AWS::ApiGateway::Model',
      'AWS::ApiGateway::RequestValidator',
      'AWS::ApiGateway::Resource',
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGateway::Stage',
      'AWS::CloudWatch::Alarm',
      'AWS::DynamoDB::Table',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::Lambda::Alias',
      'AWS::Lambda::Function',
      'AWS::Lambda::Permission',
      'AWS::Lambda::Version',
      'AWS::Logs::LogGroup',
    ]);
    expect(customResourceTypes(template)).toEqual([]);
  });
});

describe('API Gateway', () => {
  test('a regional REST API with /health, /items and /items/{id}', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'oar-serverless-rest-api',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    const paths = ofType(template, 'AWS::ApiGateway::Resource').map((r) => r.Properties?.['PathPart']);
    expect(paths.sort()).toEqual(['health', 'items', '{id}']);
    expect(
      methods(template)
        .map((m) => m.HttpMethod)
        .sort(),
    ).toEqual(['DELETE', 'GET', 'GET', 'GET', 'POST', 'PUT']);
  });

  test('every method but GET /health needs IAM authorization', () => {
    const open = methods(template).filter((m) => m['AuthorizationType'] !== 'AWS_IAM');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      HttpMethod: 'GET',
      AuthorizationType: 'NONE',
      ResourceId: { Ref: expect.stringMatching(/health/) as string },
    });
  });

  test('every method goes through the validator; POST and PUT bodies must match the Item model for any content type', () => {
    for (const m of methods(template)) {
      expect(m['RequestValidatorId'], m.HttpMethod).toEqual({ Ref: expect.stringMatching(/Validator/) as string });
    }
    only(template, 'AWS::ApiGateway::RequestValidator');
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    const withBody = methods(template).filter((m) => ['POST', 'PUT'].includes(m.HttpMethod));
    expect(withBody).toHaveLength(2);
    for (const m of withBody) {
      expect(m['RequestModels']).toEqual({
        'application/json': { Ref: expect.stringMatching(/ItemModel/) as string },
        $default: { Ref: expect.stringMatching(/ItemModel/) as string },
      });
    }
    expect(only(template, 'AWS::ApiGateway::Model')).toMatchObject({
      Name: 'Item',
      Schema: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { maxLength: 200 }, description: { maxLength: 2000 }, tags: { maxItems: 20 } },
      },
    });
  });

  test('stage throttling follows the parameters, and GET /health has its own low limit', () => {
    const settings = (t: Template) => only(t, 'AWS::ApiGateway::Stage')['MethodSettings'] as Json[];
    expect(settings(template)).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 200,
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
      }),
      expect.objectContaining({
        HttpMethod: 'GET',
        ResourcePath: '/~1health',
        ThrottlingRateLimit: HEALTH_THROTTLE.rateLimit,
        ThrottlingBurstLimit: HEALTH_THROTTLE.burstLimit,
      }),
    ]);
    expect(settings(tuned.template)[0]).toMatchObject({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 });
  });

  test('access logs in JSON to their own log group; execution log group created before the stage', () => {
    const stage = ofType(template, 'AWS::ApiGateway::Stage')[0] as Resource;
    expect(stage.Properties).toMatchObject({
      StageName: 'v1',
      TracingEnabled: false,
      AccessLogSetting: {
        DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/AccessLogs/), 'Arn'] },
        Format: JSON.stringify(ACCESS_LOG_FIELDS),
      },
    });
    expect(
      Object.keys(JSON.parse((stage.Properties?.['AccessLogSetting'] as { Format: string }).Format) as Json),
    ).toEqual(expect.arrayContaining(['caller', 'status', 'lambdaRequestId', 'validationError']));
    expect(stage.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/ExecutionLogs/)]));
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: {
        'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: Match.stringLikeRegexp('ItemsApi') }, '/v1']],
      },
      RetentionInDays: 30,
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 3);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    tuned.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('the account logging role is set by default and left alone with configureAccountLogging=false', () => {
    template.hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Retain' });
    tuned.template.resourceCountIs('AWS::ApiGateway::Account', 0);
    expect(ofType(tuned.template, 'AWS::IAM::Role')).toHaveLength(1);
  });

  test('validation errors are explained in the 400 body', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      StatusCode: '400',
      ResponseTemplates: { 'application/json': '{"message": "$context.error.validationErrorString"}' },
    });
  });

  test('tracing turns on X-Ray for the stage and the function', () => {
    expect(only(tuned.template, 'AWS::ApiGateway::Stage')).toMatchObject({ TracingEnabled: true, StageName: 'prod' });
    expect(only(tuned.template, 'AWS::Lambda::Function')).toMatchObject({ TracingConfig: { Mode: 'Active' } });
    expect(only(template, 'AWS::Lambda::Function')['TracingConfig']).toBeUndefined();
  });
});

describe('Lambda', () => {
  test('the shipped handler runs inline on Node.js 24, arm64, with the table name and JSON logs', () => {
    const fn = only(template, 'AWS::Lambda::Function');
    const code = (fn['Code'] as { ZipFile: string }).ZipFile;
    expect(code).toBe(inlineHandlerSource());
    expect(code.length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    expect(fn).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      Environment: { Variables: { TABLE_NAME: { Ref: expect.stringMatching(/^ItemsTable/) as string } } },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^FunctionLogs/) as string } },
    });
    expect(fn['ReservedConcurrentExecutions']).toBeUndefined();
    expect(only(tuned.template, 'AWS::Lambda::Function')).toMatchObject({
      ReservedConcurrentExecutions: 50,
      MemorySize: 512,
    });
  });

  test('API Gateway invokes the live alias of a retained version, with one permission scoped to this API', () => {
    expect(only(template, 'AWS::Lambda::Alias')).toMatchObject({
      Name: 'live',
      FunctionVersion: { 'Fn::GetAtt': [expect.stringMatching(/CurrentVersion/), 'Version'] },
    });
    template.hasResource('AWS::Lambda::Version', { DeletionPolicy: 'Retain' });
    expect(only(template, 'AWS::Lambda::Permission')).toMatchObject({
      FunctionName: { Ref: expect.stringMatching(/^LiveAlias/) as string },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Join': ['', expect.arrayContaining([{ Ref: expect.stringMatching(/ItemsApi/) as string }, '/*/*/*'])],
      },
    });
    for (const m of methods(template)) {
      expect(JSON.stringify(m['Integration'])).toContain('LiveAlias');
      expect(m['Integration']).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
    }
  });

  test('the function role has no managed policies and reaches only its table and its log group', () => {
    const fnRoles = ofType(template, 'AWS::IAM::Role').filter((r) =>
      JSON.stringify(r.Properties?.['AssumeRolePolicyDocument']).includes('lambda.amazonaws.com'),
    );
    expect(fnRoles).toHaveLength(1);
    expect(fnRoles[0]?.Properties?.['ManagedPolicyArns']).toBeUndefined();
    const policy = statements(template, 'AWS::IAM::Policy');
    expect(policy).toEqual([
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionLogs/), 'Arn'] },
      }),
      expect.objectContaining({
        Sid: 'ItemsTable',
        Action: TABLE_ACTIONS,
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ItemsTable/), 'Arn'] },
      }),
    ]);
    expect(JSON.stringify(policy)).not.toContain('"Resource":"*"');
    expect(TABLE_ACTIONS).not.toContain('dynamodb:UpdateItem');
  });
});

describe('DynamoDB', () => {
  test('on-demand, encrypted with the AWS managed key, point-in-time recovery, protected and retained by default', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  test('retainTable=false deletes the table with the stack; pitrRecoveryDays reaches the table', () => {
    tuned.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: false,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      }),
    });
  });
});

describe('callers and alarms', () => {
  test('the client policy invokes every item method of this stage and the reader policy only GET', () => {
    const [client, reader] = ['ClientPolicy', 'ReaderPolicy'].map((name) => {
      const found = Object.entries(resourcesOf(template)).filter(
        ([id, r]) => id.includes(name) && r.Type === 'AWS::IAM::ManagedPolicy',
      );
      expect(found, name).toHaveLength(1);
      const [statement] = (found[0]?.[1].Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      expect(statement?.['Action']).toBe('execute-api:Invoke');
      return (statement?.['Resource'] as { 'Fn::Join': [string, unknown[]] }[]).map(
        (r) => r['Fn::Join'][1].at(-1) as string,
      );
    });
    expect(client).toEqual(['GET', 'POST', 'PUT', 'DELETE'].flatMap((m) => [`/v1/${m}/items`, `/v1/${m}/items/*`]));
    expect(reader).toEqual(['/v1/GET/items', '/v1/GET/items/*']);
  });

  test('alarms on the 5xx rate and on throttles; actions only with alarmTopicArn', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5XXError',
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Average',
      Threshold: 0.01,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Throttles',
      Namespace: 'AWS/Lambda',
      Threshold: 0,
    });
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
    tuned.template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [TOPIC] });
  });
});

describe('metadata agrees with the template', () => {
  test('ApiUrl ends with the stage and a slash, so ${outputs.ApiUrl}health is the health route', () => {
    const url = (template.toJSON()['Outputs'] as Record<string, { Value: { 'Fn::Join': [string, unknown[]] } }>)[
      'ApiUrl'
    ]?.Value;
    expect(url?.['Fn::Join'][1].slice(-3)).toEqual([
      '/',
      { Ref: expect.stringMatching(/DeploymentStagev1/) as string },
      '/',
    ]);
    expect(only(template, 'AWS::ApiGateway::Stage')['StageName']).toBe('v1');
    expect(meta?.smokeTests?.map((s) => [s.http.url, s.http.expectStatus])).toEqual([
      ['${outputs.ApiUrl}health', 200],
      ['${outputs.ApiUrl}items', 403],
    ]);
  });
});
