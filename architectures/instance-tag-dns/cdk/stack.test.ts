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
  test.each(Object.entries(all))('every resource type is one moto deploys, so the emulator runs it all (%s)', (_n, r) => {
    const types = [...new Set(resources(r.template).map((x) => x.Type))].sort();
    expect(unemulatedTypes(types)).toEqual([]);
    expect(types.some((t) => t.startsWith('Custom::'))).toBe(false);
  });

  test('the state-change rule matches running, stopped and terminated, and nothing in between', () => {
    const pattern = rulePattern(result, 'EC2 Instance State-change Notification');
    for (const state of ['running', 'stopped', 'terminated']) expect(matches(pattern, stateChange(state)), state).toBe(true);
    for (const state of ['pending', 'stopping', 'shutting-down']) expect(matches(pattern, stateChange(state)), state).toBe(false);
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

  test('the reconcile schedule follows reconcileIntervalMinutes, and 0 removes it', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
    tuned.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
    const schedules = resources(privateZone.result.template).filter(
      (x) => x.Type === 'AWS::Events::Rule' && ((x as Json)['Properties'] as Json)['ScheduleExpression'] !== undefined,
    );
    expect(schedules).toEqual([]);
  });

  test('failed events go to an encrypted SQS dead-letter queue, without a queue policy', () => {
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.resourceCountIs('AWS::SQS::QueuePolicy', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeadLetterQueue'), 'Arn'] } },
    });
    expect(statementsOf(result)).toContainEqual(
      expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } }),
    );
  });

  test('the function runs the shipped handler inline on Node.js 24, one event at a time', () => {
    const fn = propsOf(result, 'AWS::Lambda::Function');
    const code = (fn['Code'] as { ZipFile: string }).ZipFile;
    expect(code).toBe(inlineHandlerSource());
    expect(code.length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    expect(code).toContain('exports.handler');
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler', ReservedConcurrentExecutions: 1 });
  });

  test('parameters reach the function environment', () => {
    const env = (p: Run) =>
      (propsOf(p, 'AWS::Lambda::Function')['Environment'] as Json)['Variables'] as Json;
    expect(env(result)).toMatchObject({
      ZONE_NAME: 'hosts.corp.internal',
      TAG_KEY: 'dns:name',
      RECORD_TTL: '60',
      ADDRESS_TYPE: 'private',
      ZONE_ID: { Ref: 'Zone' },
      TABLE_NAME: { Ref: expect.stringMatching(/^RecordTable/) as string },
    });
    expect(env(tuned.result)).toMatchObject({ TAG_KEY: 'hostname', RECORD_TTL: '300', ADDRESS_TYPE: 'public' });
    expect(env(privateZone.result)).toMatchObject({ ZONE_NAME: 'corp.example.internal' });
  });

  test('route53 changes are scoped to A records below the one zone', () => {
    const r53 = statementsOf(result).filter((s) => asList(s['Action']).some((a) => String(a).startsWith('route53:')));
    expect(r53).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':route53:::hostedzone/', { Ref: 'Zone' }]] },
        Condition: {
          'ForAllValues:StringEquals': {
            'route53:ChangeResourceRecordSetsRecordTypes': ['A'],
            'route53:ChangeResourceRecordSetsActions': ['CREATE', 'UPSERT', 'DELETE'],
          },
          'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['*.hosts.corp.internal'] },
        },
      }),
    ]);
  });

  test('the only wildcard resource is ec2:DescribeInstances, which has no resource-level permissions', () => {
    for (const r of Object.values(all)) {
      const wildcards = statementsOf(r).filter((s) => asList(s['Resource']).includes('*'));
      expect(wildcards).toEqual([{ Action: 'ec2:DescribeInstances', Effect: 'Allow', Resource: '*' }]);
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
    const dynamo = statementsOf(result).filter((s) => asList(s['Action']).some((a) => String(a).startsWith('dynamodb:')));
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

  test('the zone is public without vpcIds and private to every listed VPC with them', () => {
    template.hasResourceProperties('AWS::Route53::HostedZone', { Name: 'hosts.corp.internal', VPCs: Match.absent() });
    privateZone.template.hasResourceProperties('AWS::Route53::HostedZone', {
      Name: 'corp.example.internal',
      VPCs: [
        { VPCId: 'vpc-0123456789abcdef0', VPCRegion: { Ref: 'AWS::Region' } },
        { VPCId: 'vpc-0fedcba9876543210', VPCRegion: { Ref: 'AWS::Region' } },
      ],
    });
  });

  test('the zone and the table survive a stack deletion; the table has point-in-time recovery', () => {
    template.hasResource('AWS::Route53::HostedZone', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  test('the dashboard shows errors, backlog and the dead-letter queue', () => {
    const body = JSON.stringify(propsOf(result, 'AWS::CloudWatch::Dashboard')['DashboardBody']);
    for (const metric of ['Errors', 'Throttles', 'AsyncEventAge', 'ApproximateNumberOfMessagesVisible']) {
      expect(body).toContain(metric);
    }
  });
});
