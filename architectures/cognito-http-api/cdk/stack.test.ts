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
    // configureAccountLogging=false drops the account role; only the CodeDeploy role's managed policy remains.
    expect(tuned.result.acknowledged.map((a) => a.rule).filter((r) => r.startsWith('AwsSolutions-IAM4'))).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
    ]);
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
      'AWS::CodeDeploy::Application',
      'AWS::CodeDeploy::DeploymentGroup',
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

  // IAM authorization and body validation against the model are claims (cdk/claims.ts).
  test('every method also validates its parameters; the model limits the length of each field', () => {
    for (const m of methods(template)) {
      expect(m['RequestValidatorId'], m.HttpMethod).toEqual({ Ref: expect.stringMatching(/Validator/) as string });
    }
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
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

  // Stage and health throttling are claims (cdk/claims.ts).
  test('execution logs record errors only and never request bodies; GET /health bursts to 20', () => {
    const settings = only(template, 'AWS::ApiGateway::Stage')['MethodSettings'] as Json[];
    expect(settings[0]).toMatchObject({ HttpMethod: '*', LoggingLevel: 'ERROR', DataTraceEnabled: false });
    expect(settings[1]).toMatchObject({ ResourcePath: '/~1health', ThrottlingBurstLimit: HEALTH_THROTTLE.burstLimit });
  });

  // What the access log records and its retention are claims (cdk/claims.ts).
  test('access logs have every field; the execution log group exists before the stage, with the same retention', () => {
    const stage = ofType(template, 'AWS::ApiGateway::Stage')[0] as Resource;
    expect(stage.Properties).toMatchObject({
      StageName: 'v1',
      TracingEnabled: false,
      AccessLogSetting: { Format: JSON.stringify(ACCESS_LOG_FIELDS) },
    });
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
    const apigatewayRoles = ofType(tuned.template, 'AWS::IAM::Role').filter((r) =>
      JSON.stringify(r.Properties?.['AssumeRolePolicyDocument']).includes('apigateway.amazonaws.com'),
    );
    expect(apigatewayRoles).toEqual([]);
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
  // The shipped code and reserved concurrency are claims (cdk/claims.ts); handler.test.ts runs that code.
  test('the function runs on Node.js 24, arm64, with the table name and JSON logs, under the inline limit', () => {
    const fn = only(template, 'AWS::Lambda::Function');
    expect(inlineHandlerSource().length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    expect(fn).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      Environment: { Variables: { TABLE_NAME: { Ref: expect.stringMatching(/^ItemsTable/) as string } } },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^FunctionLogs/) as string } },
    });
    expect(only(tuned.template, 'AWS::Lambda::Function')).toMatchObject({ MemorySize: 512 });
  });

  // The live alias, the retained versions and CodeDeploy are claims (cdk/claims.ts).
  test('one permission lets this API, and no other, invoke the live alias; the deployment application is an output', () => {
    expect(only(template, 'AWS::Lambda::Permission')).toMatchObject({
      FunctionName: { Ref: expect.stringMatching(/^LiveAlias/) as string },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Join': ['', expect.arrayContaining([{ Ref: expect.stringMatching(/ItemsApi/) as string }, '/*/*/*'])],
      },
    });
    for (const m of methods(template)) {
      expect(m['Integration']).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
    }
    template.hasOutput('DeploymentApplicationName', {
      Value: { Ref: Match.stringLikeRegexp('^LiveAliasDeploymentApplication') },
    });
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
  // Point-in-time recovery, deletion protection and retention are claims (cdk/claims.ts).
  test('keyed by id and encrypted with the AWS managed key', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      SSESpecification: { SSEEnabled: true },
    });
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
