// What the claims in cdk/claims.ts do not cover: the acknowledged cdk-nag rules, the resource types, and the
// inline size of the functions' code.
import { describe, expect, test } from 'vitest';
import { entryAcknowledgements, entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, typesOf } from '../../../test/helpers/template.ts';
import { inlineHandlerSource } from './stack.ts';

const ID = 'websocket-api';
const template = entryTemplate(ID);

describe('websocket-api stack', () => {
  test('the acknowledged rules: routes after $connect, the store without backups, the DLQ, the @connections wildcard', () => {
    const rules = [...new Set(entryAcknowledgements(ID).map((a) => a.rule.replace(/\[.*$/u, '')))].sort();
    expect(rules).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-DDB3', 'AwsSolutions-IAM5', 'AwsSolutions-SQS3']);
  });

  test('resource types, no custom resources', () => {
    expect(typesOf(template)).toEqual([
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::Integration',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Stage',
      'AWS::CloudWatch::Alarm',
      'AWS::DynamoDB::Table',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::Lambda::EventSourceMapping',
      'AWS::Lambda::Function',
      'AWS::Lambda::Permission',
      'AWS::Logs::LogGroup',
      'AWS::SQS::Queue',
      'AWS::SQS::QueuePolicy',
    ]);
    expect(customResourceTypes(template)).toEqual([]);
  });

  test('the functions ship inline, CommonJS, under 4096 characters', () => {
    const source = inlineHandlerSource();
    expect(source.length).toBeLessThanOrEqual(4096);
    expect(source).toMatch(/^exports\.handler = /mu);
  });
});
