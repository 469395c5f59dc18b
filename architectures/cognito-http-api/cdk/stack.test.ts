// What the claims in cdk/claims.ts do not cover: parameter checks and their error messages, the acknowledged
// cdk-nag rules of each configuration, and the resource types.
import { describe, expect, test } from 'vitest';
import { checkConfigurations, entryAcknowledgements, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, onlyProps as only, typesOf } from '../../../test/helpers/template.ts';

const ID = 'cognito-http-api';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  essentials: ['threatProtection=OFF', 'retainData=false', 'mfa=OPTIONAL'],
  plainHttpCallback: ['callbackUrls=http://app.example.com/callback'],
  plainHttpLogout: ['logoutUrls=https://app.example.com/,http://app.example.com/'],
  ownDomain: ['domainPrefix=example-login', 'callbackUrls=https://app.example.com/cb,myapp://callback'],
});
const essentials = runs.ok('essentials');
const ownDomain = runs.ok('ownDomain');

checkConfigurations(ID, { essentials, ownDomain });

describe('cognito-http-api stack', () => {
  test('the acknowledged rules: only the open health route and the CodeDeploy role by default', () => {
    const rules = entryAcknowledgements(ID).map((a) => a.rule.replace(/\[.*$/u, ''));
    expect([...new Set(rules)].sort()).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-IAM4']);
    const relaxed = essentials.result.acknowledged.map((a) => a.rule);
    expect(relaxed).toContain('AwsSolutions-COG8');
    expect(relaxed).toContain('AwsSolutions-COG2');
  });

  test('resource types, no custom resources, no REST API', () => {
    expect(typesOf(template)).toEqual([
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::Authorizer',
      'AWS::ApiGatewayV2::Integration',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Stage',
      'AWS::CloudWatch::Alarm',
      'AWS::CodeDeploy::Application',
      'AWS::CodeDeploy::DeploymentGroup',
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
      'AWS::Cognito::UserPoolResourceServer',
      'AWS::DynamoDB::Table',
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

  test('plain HTTP redirect URLs other than localhost are refused with the parameter named', () => {
    expect(runs.error('plainHttpCallback')).toContain('callbackUrls has http://app.example.com/callback');
    expect(runs.error('plainHttpLogout')).toContain('logoutUrls has http://app.example.com/');
  });

  test('an empty domainPrefix derives one from the stack id; a given one is used as it is', () => {
    const derived = only(template, 'AWS::Cognito::UserPoolDomain')['Domain'];
    expect(JSON.stringify(derived)).toContain('AWS::StackId');
    expect(only(ownDomain.template, 'AWS::Cognito::UserPoolDomain')['Domain']).toBe('example-login');
    expect(only(ownDomain.template, 'AWS::Cognito::UserPoolClient')['CallbackURLs']).toEqual([
      'https://app.example.com/cb',
      'myapp://callback',
    ]);
  });
});
