import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  synthConfigs,
} from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, resourcesOf, type Json, type Resource } from '../../../test/helpers/template.ts';
import { INLINE_CODE_LIMIT, inlineHandlerSource, settingsOf } from './parameters.ts';
import type { Parameters } from './parameters.generated.ts';

const ID = 'sns-sqs-fanout';
const STACK = 'oar-sns-sqs-fanout';
const FILTERS = '{"billing":{"type":["order.placed","order.refunded"]},"fraud":{"amount":[{"numeric":[">",1000]}]}}';
const REFUSED = {
  notJson: [['filterPolicies={not json'], /filterPolicies is not JSON/u],
  unknownConsumer: [
    ['filterPolicies={"shipping":{"type":["x"]}}'],
    /filterPolicies names shipping, which is not in consumers/u,
  ],
  emptyPolicy: [['filterPolicies={"billing":{}}'], /the filter policy of billing must be a non-empty JSON object/u],
  repeatedConsumer: [['consumers=billing,billing'], /consumers lists billing more than once/u],
  batchWithoutWindow: [['batchSize=50'], /batchSize 50 needs maxBatchingWindowSeconds of at least 1/u],
  shortTtl: [
    ['idempotencyTtlDays=3', 'messageRetentionDays=4'],
    /idempotencyTtlDays 3 is shorter than messageRetentionDays 4/u,
  ],
} as const;
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  custom: [
    'consumers=billing,fraud',
    `filterPolicies=${FILTERS}`,
    'filterPolicyScope=MessageBody',
    'maxReceiveCount=8',
    'workerTimeoutSeconds=120',
    'workerMemoryMiB=512',
    'batchSize=100',
    'maxBatchingWindowSeconds=5',
    'maxConcurrency=20',
    'messageRetentionDays=7',
    'idempotencyTtlDays=30',
    'oldestMessageAlarmSeconds=300',
    'alarmEmail=oncall@example.com',
    'logRetentionDays=90',
  ],
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const custom = runs.ok('custom');

const ofType = (t: Template, type: string): [string, Resource][] =>
  Object.entries(resourcesOf(t)).filter(([, r]) => r.Type === type);
const propsOf = (t: Template, type: string, idPattern: RegExp): Json => {
  const found = ofType(t, type).filter(([id]) => idPattern.test(id));
  expect(found, `${type} ${idPattern}`).toHaveLength(1);
  return found[0]?.[1].Properties ?? {};
};
const getAtt = (pattern: RegExp, attr: string) => ({
  'Fn::GetAtt': [expect.stringMatching(pattern) as string, attr],
});
const arnOf = (service: string, name: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:${service}:`,
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${name}`,
    ],
  ],
});

checkConfigurations(ID, { custom });

describe('checks', () => {
  test('the acknowledgements: the pinned Node.js 22 runtime and the subscription DLQs, once per consumer', () => {
    const rules = entryAcknowledgements(ID)
      .map((a) => a.rule)
      .filter((rule) => rule.startsWith('AwsSolutions-'));
    expect(rules.sort()).toEqual([
      ...['AwsSolutions-L1', 'AwsSolutions-L1', 'AwsSolutions-L1'],
      ...['AwsSolutions-SQS3', 'AwsSolutions-SQS3', 'AwsSolutions-SQS3'],
    ]);
  });

  test('no custom resources', () => {
    expect(customResourceTypes(template)).toEqual([]);
  });

  test.each(Object.entries(REFUSED))(
    'parameter combinations the schema cannot express are refused: %s',
    (name, [, message]) => {
      expect(runs.error(name)).toMatch(message);
    },
  );
});

describe('key and topics', () => {
  // Encryption with the key, its rotation and the SNS statement are claims (cdk/claims.ts).
  test('the key lets CloudWatch alarms publish to the encrypted alarm topic', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchAlarmsPublishToTheEncryptedAlarmTopic',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          }),
        ]),
      },
    });
  });

  test('both topics refuse requests without TLS', () => {
    expect(ofType(template, 'AWS::SNS::Topic').map(([, r]) => r.Properties?.['TopicName'])).toEqual([
      `${STACK}-events`,
      `${STACK}-alarms`,
    ]);
    for (const [, policy] of ofType(template, 'AWS::SNS::TopicPolicy')) {
      expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
    }
  });

  test('only alarms of this stack may publish to the alarm topic; email only with alarmEmail', () => {
    const policy = propsOf(template, 'AWS::SNS::TopicPolicy', /^AlarmTopic/u);
    expect((policy['PolicyDocument'] as { Statement: Json[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          ArnLike: { 'aws:SourceArn': arnOf('cloudwatch', `alarm:${STACK}-*`) },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      }),
    );
    expect(ofType(template, 'AWS::SNS::Subscription').map(([, r]) => r.Properties?.['Protocol'])).toEqual([
      'sqs',
      'sqs',
      'sqs',
    ]);
    custom.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^AlarmTopic') },
    });
  });
});

describe('a queue, DLQ and subscription per consumer', () => {
  test('default consumers billing, email and analytics, each with named queues that the runbook uses', () => {
    const names = ofType(template, 'AWS::SQS::Queue')
      .map(([, r]) => r.Properties?.['QueueName'])
      .sort();
    expect(names).toEqual(
      ['analytics', 'billing', 'email'].flatMap((c) => [c, `${c}-dlq`, `${c}-sns-dlq`]).map((n) => `${STACK}-${n}`),
    );
    expect(ofType(custom.template, 'AWS::SQS::Queue')).toHaveLength(6);
  });

  test('a stack name that leaves no room for the longest queue name is refused', () => {
    expect(() => settingsOf({ consumers: 'x'.repeat(20) } as Parameters, 's'.repeat(52))).toThrow(
      /would pass 80 characters/u,
    );
    expect(() =>
      settingsOf({ consumers: 'x'.repeat(20), filterPolicies: '' } as Parameters, 's'.repeat(51)),
    ).not.toThrow();
  });

  // Raw delivery, filter policies and the subscription DLQs are claims (cdk/claims.ts).
  test('each subscription is created after the policies of its queue and its subscription DLQ', () => {
    for (const [, sub] of ofType(template, 'AWS::SNS::Subscription')) {
      expect(sub.DependsOn?.sort()).toEqual([
        expect.stringMatching(/^Consumer[a-z]+QueuePolicy/u),
        expect.stringMatching(/^Consumer[a-z]+SubscriptionDeadLetterQueuePolicy/u),
      ]);
    }
  });
});

describe('workers', () => {
  // The shipped code, timeouts, TTL and lock are claims (cdk/claims.ts); the handler tests run that code.
  test('Node.js 22 on arm64 with workerMemoryMiB, each worker named after its consumer, under the inline limit', () => {
    expect(inlineHandlerSource().length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    for (const [, fn] of ofType(template, 'AWS::Lambda::Function')) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 256,
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/WorkerLogs/u) as string } },
      });
    }
    expect(propsOf(template, 'AWS::Lambda::Function', /^ConsumeremailWorker/u)['Environment']).toMatchObject({
      Variables: { CONSUMER: 'email' },
    });
    expect(propsOf(custom.template, 'AWS::Lambda::Function', /^ConsumerfraudWorker/u)).toMatchObject({
      MemorySize: 512,
    });
  });

  test('the batching window is set only when maxBatchingWindowSeconds is above 0', () => {
    for (const [, m] of ofType(template, 'AWS::Lambda::EventSourceMapping')) {
      expect(m.Properties?.['MaximumBatchingWindowInSeconds']).toBeUndefined();
    }
    custom.template.allResourcesProperties('AWS::Lambda::EventSourceMapping', { MaximumBatchingWindowInSeconds: 5 });
  });

  test('each worker role: its own log group, its own queue, the key to decrypt, and only its own idempotency keys', () => {
    const statements = (t: Template, consumer: string): Json[] =>
      (
        propsOf(t, 'AWS::IAM::Policy', new RegExp(`^Consumer${consumer}WorkerRoleDefaultPolicy`, 'u'))[
          'PolicyDocument'
        ] as { Statement: Json[] }
      ).Statement;
    expect(statements(template, 'billing')).toEqual([
      expect.objectContaining({ Resource: getAtt(/^ConsumerbillingWorkerLogs/u, 'Arn') }),
      {
        Sid: 'OwnIdempotencyKeysOnly',
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: getAtt(/^IdempotencyTable/u, 'Arn'),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['billing#*'] } },
      },
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']) as unknown,
        Resource: getAtt(/^ConsumerbillingQueue/u, 'Arn'),
      }),
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: getAtt(/^Key/u, 'Arn') },
    ]);
    const all = JSON.stringify(ofType(template, 'AWS::IAM::Policy'));
    expect(all).not.toContain('"Resource":"*"');
    expect(all).not.toContain('dynamodb:Scan');
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
  });

  test('log groups per worker with the chosen retention', () => {
    expect(ofType(template, 'AWS::Logs::LogGroup').map(([, r]) => r.Properties?.['RetentionInDays'])).toEqual([
      30, 30, 30,
    ]);
    custom.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });
});

describe('idempotency table and alarms', () => {
  test('the table: one string key, on demand, point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  // What each alarm watches and whom it notifies are claims (cdk/claims.ts); the runbook goes by their names.
  test('alarm names: three per consumer and one for lost messages, all starting with the stack name', () => {
    const names = ofType(template, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties?.['AlarmName']);
    expect(names.sort()).toEqual(
      [
        ...['analytics', 'billing', 'email'].flatMap((c) => [
          `${STACK}-${c}-backlog-too-old`,
          `${STACK}-${c}-dlq-not-empty`,
          `${STACK}-${c}-undeliverable`,
        ]),
        `${STACK}-messages-lost`,
      ].sort(),
    );
  });

  test('list outputs pair each consumer with its resource', () => {
    const out = template.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
    expect(JSON.stringify(out['DeadLetterQueueArns']?.Value)).toMatch(/billing.*email.*analytics/u);
    expect(JSON.stringify(out['SubscriptionDeadLetterQueueUrls']?.Value)).toMatch(
      /billing.*SubscriptionDeadLetterQueue.*email.*analytics/u,
    );
    expect(out['QueueUrls']?.Value).toEqual({
      'Fn::Join': [
        ',',
        ['billing', 'email', 'analytics'].map((c) => ({
          'Fn::Join': ['=', [c, { Ref: expect.stringMatching(new RegExp(`^Consumer${c}Queue`, 'u')) as string }]],
        })),
      ],
    });
  });
});
