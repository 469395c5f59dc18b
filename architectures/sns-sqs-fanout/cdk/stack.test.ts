import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  synthConfigs,
} from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, resourcesOf, type Json, type Resource } from '../../../test/helpers/template.ts';
import { INLINE_CODE_LIMIT, inlineHandlerSource, visibilityTimeoutSeconds } from './parameters.ts';

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
/** The same, for CDK's own template matchers. */
const cdkGetAtt = (prefix: string, attr: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${prefix}`), attr] });
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
const TOPIC_ARN = arnOf('sns', `${STACK}-events`);

checkConfigurations(ID, { custom });

describe('checks', () => {
  test('the only acknowledgement is the pinned Node.js 22 runtime, once per worker', () => {
    const rules = entryAcknowledgements(ID)
      .map((a) => a.rule)
      .filter((rule) => rule.startsWith('AwsSolutions-'));
    expect(rules).toEqual(['AwsSolutions-L1', 'AwsSolutions-L1', 'AwsSolutions-L1']);
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
  test('a rotating customer managed key; SNS may use it only for the events topic', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'SnsDeliversToTheEncryptedQueues',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: '*',
            Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
          },
          Match.objectLike({
            Sid: 'CloudWatchAlarmsPublishToTheEncryptedAlarmTopic',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          }),
        ]),
      },
    });
  });

  test('both topics are encrypted with the key and refuse requests without TLS', () => {
    const topics = ofType(template, 'AWS::SNS::Topic').map(([, r]) => r.Properties);
    expect(topics).toEqual([
      expect.objectContaining({ TopicName: `${STACK}-events`, KmsMasterKeyId: getAtt(/^Key/u, 'Arn') }),
      expect.objectContaining({ TopicName: `${STACK}-alarms`, KmsMasterKeyId: getAtt(/^Key/u, 'Arn') }),
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

  test('the publisher policy allows publishing to the topic and the key calls encryption needs, nothing else', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'Publish',
            Effect: 'Allow',
            Action: 'sns:Publish',
            Resource: { Ref: Match.stringLikeRegexp('^Topic') },
          },
          {
            Sid: 'EncryptWithTheTopicKey',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: cdkGetAtt('Key', 'Arn'),
          },
        ],
        Version: '2012-10-17',
      },
    });
  });
});

describe('a queue, DLQ and subscription per consumer', () => {
  test('default consumers billing, email and analytics, each with a named queue and DLQ', () => {
    const names = ofType(template, 'AWS::SQS::Queue')
      .map(([, r]) => r.Properties?.['QueueName'])
      .sort();
    expect(names).toEqual(
      ['analytics', 'analytics-dlq', 'billing', 'billing-dlq', 'email', 'email-dlq'].map((n) => `${STACK}-${n}`),
    );
    expect(ofType(custom.template, 'AWS::SQS::Queue')).toHaveLength(4);
  });

  test('queues: encrypted with the key, visibility from the worker timeout, redrive to their own DLQ', () => {
    const queue = propsOf(template, 'AWS::SQS::Queue', /^ConsumerbillingQueue/u);
    expect(queue).toEqual({
      QueueName: `${STACK}-billing`,
      KmsMasterKeyId: getAtt(/^Key/u, 'Arn'),
      KmsDataKeyReusePeriodSeconds: 300,
      VisibilityTimeout: visibilityTimeoutSeconds(30, 0),
      MessageRetentionPeriod: 4 * 86_400,
      RedrivePolicy: { deadLetterTargetArn: getAtt(/^ConsumerbillingDeadLetterQueue/u, 'Arn'), maxReceiveCount: 5 },
    });
    expect(visibilityTimeoutSeconds(30, 0)).toBe(180);
    expect(propsOf(custom.template, 'AWS::SQS::Queue', /^ConsumerfraudQueue/u)).toMatchObject({
      VisibilityTimeout: 6 * 120 + 5,
      MessageRetentionPeriod: 7 * 86_400,
      RedrivePolicy: { maxReceiveCount: 8 },
    });
  });

  test('DLQs: encrypted, 14 days, and only their own queue may redrive into them', () => {
    expect(propsOf(template, 'AWS::SQS::Queue', /^ConsumeremailDeadLetterQueue/u)).toEqual({
      QueueName: `${STACK}-email-dlq`,
      KmsMasterKeyId: getAtt(/^Key/u, 'Arn'),
      KmsDataKeyReusePeriodSeconds: 300,
      MessageRetentionPeriod: 14 * 86_400,
      RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [arnOf('sqs', `${STACK}-email`)] },
    });
  });

  test('queue policies: the topic may send, over TLS only, and nobody else is allowed anything', () => {
    const policies = ofType(template, 'AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(6);
    for (const [id, policy] of policies) {
      const statements = (policy.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      expect(statements[0]).toMatchObject({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      const allows = statements.filter((s) => s['Effect'] === 'Allow');
      if (/DeadLetterQueue/u.test(id)) {
        expect(allows).toEqual([]);
      } else {
        expect(allows).toEqual([
          {
            Sid: 'OnlyTheTopic',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: expect.anything() as unknown,
            Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
          },
        ]);
      }
    }
  });

  test('the key and queue policies name the ARN of the topic that the template creates', () => {
    const topic = propsOf(template, 'AWS::SNS::Topic', /^Topic/u);
    expect(TOPIC_ARN['Fn::Join'][1]?.at(-1)).toBe(`:${String(topic['TopicName'])}`);
  });

  test('subscriptions: raw delivery to each queue, after its queue policy; filter policies only where given', () => {
    for (const [, sub] of ofType(template, 'AWS::SNS::Subscription')) {
      expect(sub.Properties).toEqual({
        Protocol: 'sqs',
        RawMessageDelivery: true,
        TopicArn: { Ref: expect.stringMatching(/^Topic/u) as string },
        Endpoint: getAtt(/^Consumer[a-z]+Queue/u, 'Arn'),
      });
      expect(sub.DependsOn).toEqual([expect.stringMatching(/^Consumer[a-z]+QueuePolicy/u)]);
    }
    const filters = JSON.parse(FILTERS) as Json;
    expect(propsOf(custom.template, 'AWS::SNS::Subscription', /^ConsumerbillingSubscription/u)).toMatchObject({
      FilterPolicy: filters['billing'],
      FilterPolicyScope: 'MessageBody',
    });
    expect(propsOf(custom.template, 'AWS::SNS::Subscription', /^ConsumerfraudSubscription/u)).toMatchObject({
      FilterPolicy: filters['fraud'],
    });
  });
});

describe('workers', () => {
  test('Node.js 22 on arm64, the shipped handler inline, with the worker timeout and TTL in its environment', () => {
    const code = inlineHandlerSource();
    expect(code.length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    for (const [, fn] of ofType(template, 'AWS::Lambda::Function')) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Code: { ZipFile: code },
        Timeout: 30,
        MemorySize: 256,
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/WorkerLogs/u) as string } },
      });
    }
    expect(propsOf(template, 'AWS::Lambda::Function', /^ConsumeremailWorker/u)['Environment']).toEqual({
      Variables: {
        TABLE_NAME: { Ref: expect.stringMatching(/^IdempotencyTable/u) as string },
        CONSUMER: 'email',
        RECORD_TTL_SECONDS: String(14 * 86_400),
        LOCK_SECONDS: '30',
      },
    });
    expect(propsOf(custom.template, 'AWS::Lambda::Function', /^ConsumerfraudWorker/u)).toMatchObject({
      Timeout: 120,
      MemorySize: 512,
      Environment: { Variables: { RECORD_TTL_SECONDS: String(30 * 86_400), LOCK_SECONDS: '120' } },
    });
  });

  test('event source mappings: partial batch responses, batch size, window and maximum concurrency', () => {
    const mappings = ofType(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(3);
    for (const [, m] of mappings) {
      expect(m.Properties).toMatchObject({
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 5 },
      });
      expect(m.Properties?.['MaximumBatchingWindowInSeconds']).toBeUndefined();
    }
    custom.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 20 },
    });
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
  test('the table: one string key, on demand, TTL on expiresAt, point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  test('two alarms per consumer, DLQ not empty and oldest message age, both notifying the alarm topic', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
    expect(alarms.map((a) => a['AlarmName']).sort()).toEqual(
      ['analytics', 'billing', 'email'].flatMap((c) => [
        `${STACK}-${c}-backlog-too-old`,
        `${STACK}-${c}-dlq-not-empty`,
      ]),
    );
    const topic = { Ref: expect.stringMatching(/^AlarmTopic/u) as string };
    for (const a of alarms) {
      expect(a['AlarmActions']).toEqual([topic]);
      expect(a['OKActions']).toEqual([topic]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `${STACK}-billing-dlq-not-empty`,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: cdkGetAtt('ConsumerbillingDeadLetterQueue', 'QueueName') }],
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `${STACK}-billing-backlog-too-old`,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 600,
      EvaluationPeriods: 5,
    });
    custom.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 300,
    });
  });

  test('list outputs pair each consumer with its resource', () => {
    const out = template.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
    expect(JSON.stringify(out['DeadLetterQueueArns']?.Value)).toMatch(/billing.*email.*analytics/u);
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
