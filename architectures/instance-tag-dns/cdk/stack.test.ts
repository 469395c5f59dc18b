import { describe, expect, test } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnTemplate } from '../../../generators/synth/template.ts';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  synthConfigs,
} from '../../../test/helpers/synth-entry.ts';
import { asList, type Json } from '../../../test/helpers/template.ts';
import { INLINE_CODE_LIMIT, inlineHandlerSource } from './stack.ts';

const ID = 'instance-tag-dns';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  privateZone: [
    'vpcIds=vpc-0123456789abcdef0,vpc-0fedcba9876543210',
    'zoneName=corp.example.internal',
    'reconcileIntervalMinutes=0',
  ],
  tuned: [
    'tagKey=hostname',
    'addressType=public',
    'recordTtlSeconds=300',
    'reconcileIntervalMinutes=15',
    'logRetentionDays=90',
  ],
});
const privateZone = runs.ok('privateZone');
const tuned = runs.ok('tuned');
/** A synthesized configuration as these tests read it: the template, and the rules it acknowledges. */
interface Run {
  readonly template: CfnTemplate;
  readonly acknowledged: readonly { readonly rule: string }[];
}
const result: Run = { template: template.toJSON(), acknowledged: entryAcknowledgements(ID) };
const all: Record<string, Run> = { default: result, privateZone: privateZone.result, tuned: tuned.result };

const resources = (t: CfnTemplate) => Object.values(t.Resources ?? {});
const only = (r: Run, type: string): Json => {
  const found = Object.values(r.template.Resources ?? {}).filter((x) => x.Type === type);
  expect(found, type).toHaveLength(1);
  return found[0] as Json;
};
const propsOf = (r: Run, type: string): Json => only(r, type)['Properties'] as Json;
const statementsOf = (r: Run): Json[] =>
  resources(r.template)
    .filter((x) => x.Type === 'AWS::IAM::Policy')
    .flatMap((x) => ((x as Json)['Properties'] as { PolicyDocument: { Statement: Json[] } }).PolicyDocument.Statement);

/** EventBridge matching for the pattern features this entry uses: exact values in arrays, nested objects. */
function matches(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) return asList(event).some((v) => pattern.includes(v));
  if (typeof pattern !== 'object' || pattern === null || typeof event !== 'object' || event === null) return false;
  return Object.entries(pattern).every(([k, p]) => k in event && matches(p, (event as Json)[k]));
}
const stateChange = (state: string) => ({
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2026-11-25T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state },
});
const tagChange = (keys: string[]) => ({
  version: '0',
  id: 'ffd8a6fe-32f8-ef66-c85c-111111111111',
  'detail-type': 'Tag Change on Resource',
  source: 'aws.tag',
  account: '123456789012',
  time: '2026-11-25T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'changed-tag-keys': keys, service: 'ec2', 'resource-type': 'instance', version: 2, tags: {} },
});
const rulePattern = (r: Run, detailType: string): Json => {
  const rules = resources(r.template)
    .filter((x) => x.Type === 'AWS::Events::Rule')
    .map((x) => ((x as Json)['Properties'] as Json)['EventPattern'] as Json | undefined)
    .filter((p) => asList(p?.['detail-type']).includes(detailType));
  expect(rules, detailType).toHaveLength(1);
  return rules[0] as Json;
};

checkConfigurations(ID, { privateZone, tuned });

describe('instance-tag-dns stack', () => {
  test.each(Object.entries(all))(
    'every resource type is one moto deploys, so the emulator runs it all (%s)',
    (_n, r) => {
      const types = [...new Set(resources(r.template).map((x) => x.Type))].sort();
      expect(unemulatedTypes(types)).toEqual([]);
      expect(types.some((t) => t.startsWith('Custom::'))).toBe(false);
    },
  );

  test('the state-change rule matches running, stopped and terminated, and nothing in between', () => {
    const pattern = rulePattern(result, 'EC2 Instance State-change Notification');
    for (const state of ['running', 'stopped', 'terminated'])
      expect(matches(pattern, stateChange(state)), state).toBe(true);
    for (const state of ['pending', 'stopping', 'shutting-down'])
      expect(matches(pattern, stateChange(state)), state).toBe(false);
    expect(matches(pattern, { ...stateChange('running'), source: 'my.app' })).toBe(false);
  });

  test('the tag-change rule matches changes of the name tag key only', () => {
    expect(matches(rulePattern(result, 'Tag Change on Resource'), tagChange(['team', 'dns:name']))).toBe(true);
    expect(matches(rulePattern(result, 'Tag Change on Resource'), tagChange(['team']))).toBe(false);
    expect(matches(rulePattern(tuned.result, 'Tag Change on Resource'), tagChange(['hostname']))).toBe(true);
    expect(matches(rulePattern(tuned.result, 'Tag Change on Resource'), tagChange(['dns:name']))).toBe(false);
  });

  test('every rule invokes the function, which has a permission per rule', () => {
    const rules = resources(result.template).filter((x) => x.Type === 'AWS::Events::Rule');
    expect(rules).toHaveLength(3);
    template.allResourcesProperties('AWS::Events::Rule', {
      Targets: [{ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RecordUpdater'), 'Arn'] }, Id: Match.anyValue() }],
    });
    template.resourceCountIs('AWS::Lambda::Permission', 3);
    template.allResourcesProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
  });

  // Where failed events go, for how long, and the retries are claims (cdk/claims.ts).
  test('the dead-letter queue has no queue policy; the role may send to it', () => {
    template.resourceCountIs('AWS::SQS::QueuePolicy', 0);
    expect(statementsOf(result)).toContainEqual(
      expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } }),
    );
  });

  // The shipped code and the single concurrent execution are claims (cdk/claims.ts); handler.test.ts runs that code.
  test('the function runs on Node.js 24, and the shipped handler fits the inline limit', () => {
    const code = inlineHandlerSource();
    expect(code.length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    expect(code).toContain('exports.handler');
    expect(propsOf(result, 'AWS::Lambda::Function')).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
  });

  test('parameters reach the function environment', () => {
    const env = (p: Run) => (propsOf(p, 'AWS::Lambda::Function')['Environment'] as Json)['Variables'] as Json;
    expect(env(result)).toMatchObject({
      ZONE_NAME: 'hosts.corp.internal',
      TAG_KEY: 'dns:name',
      ZONE_ID: { Ref: 'Zone' },
    });
    expect(env(tuned.result)).toMatchObject({ TAG_KEY: 'hostname' });
    expect(env(privateZone.result)).toMatchObject({ ZONE_NAME: 'corp.example.internal' });
  });

  // The Route 53 scope and the one wildcard (ec2:DescribeInstances) are claims (cdk/claims.ts).
  test('the wildcard for ec2:DescribeInstances is the only acknowledged IAM finding, and there are no managed policies', () => {
    for (const r of Object.values(all)) {
      expect(r.acknowledged.map((a) => a.rule).sort()).toEqual([
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS4',
      ]);
    }
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  test('the table only allows the item calls the handler makes', () => {
    const dynamo = statementsOf(result).filter((s) =>
      asList(s['Action']).some((a) => String(a).startsWith('dynamodb:')),
    );
    expect(dynamo).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^RecordTable/), 'Arn'] },
      }),
    ]);
  });

  test('logs go to an explicit log group with the chosen retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    tuned.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^FunctionLogs') } },
    });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  // The zone's privacy, what outlives the stack, accelerated recovery and the dashboard are claims (cdk/claims.ts).
  test('the table is keyed by instance id and billed on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });
});
