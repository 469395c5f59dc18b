// What the claims in cdk/claims.ts do not cover: the acknowledged cdk-nag rules of each configuration, the
// resource types, and that the participants ship lambda/index.js inline within the size CloudFormation takes.
import { describe, expect, test } from 'vitest';
import { checkConfigurations, entryAcknowledgements, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, typesOf } from '../../../test/helpers/template.ts';
import { inlineHandlerSource } from './stack.ts';

const ID = 'step-functions-saga';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  throwaway: ['tracing=false', 'retainData=false', 'logRetentionDays=7', 'archiveRetentionDays=1'],
});
const throwaway = runs.ok('throwaway');

checkConfigurations(ID, { throwaway });

describe('step-functions-saga stack', () => {
  test('the acknowledged rules: the two holding queues, the IAM wildcards Step Functions and X-Ray need; SF2 only without tracing', () => {
    const rules = entryAcknowledgements(ID).map((a) => a.rule);
    expect([...new Set(rules.map((r) => r.replace(/\[.*$/u, '')))].sort()).toEqual(['AwsSolutions-IAM5', 'AwsSolutions-SQS3']);
    expect(rules.filter((r) => r === 'AwsSolutions-SQS3')).toHaveLength(2);
    expect(throwaway.result.acknowledged.map((a) => a.rule)).toContain('AwsSolutions-SF2');
  });

  test('resource types, no custom resources', () => {
    expect(typesOf(template)).toEqual([
      'AWS::CloudWatch::Alarm',
      'AWS::DynamoDB::Table',
      'AWS::Events::Archive',
      'AWS::Events::EventBus',
      'AWS::Events::Rule',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::KMS::Key',
      'AWS::Lambda::Function',
      'AWS::Logs::LogGroup',
      'AWS::SQS::Queue',
      'AWS::SQS::QueuePolicy',
      'AWS::StepFunctions::StateMachine',
    ]);
    expect(customResourceTypes(template)).toEqual([]);
  });

  test('the participants ship inline, CommonJS, under 4096 characters', () => {
    const source = inlineHandlerSource();
    expect(source.length).toBeLessThanOrEqual(4096);
    expect(source).toMatch(/^exports\.handler = /mu);
  });
});
