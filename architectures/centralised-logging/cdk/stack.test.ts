import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { checkConfigurations, entryTemplate, synthConfigs, expectClaimsHold } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, onlyProps as only } from '../../../test/helpers/template.ts';
import { DATA_PREFIX, ERROR_OUTPUT_PREFIX } from './delivery.ts';
import { INLINE_CODE_LIMIT, inlineIndexerSource } from './search.ts';

const ID = 'centralised-logging';
const ADMIN = 'arn:aws:iam::123456789012:role/LogAdmins';
const REFUSED = {
  noAdmin: [['openSearchEnabled=true'], /openSearchAdminRoleArn/u],
  extracting: [
    ['openSearchEnabled=true', `openSearchAdminRoleArn=${ADMIN}`, 'extractMessages=true'],
    /extractMessages=false/u,
  ],
  unevenNodes: [
    ['openSearchEnabled=true', `openSearchAdminRoleArn=${ADMIN}`, 'openSearchDataNodes=3'],
    /multiple of openSearchAzCount/u,
  ],
  expiresFirst: [['glacierTransitionDays=400', 'expirationDays=365'], /greater than glacierTransitionDays/u],
} as const;
const template = entryTemplate(ID);
const PARAMS = {
  full: [
    'openSearchEnabled=true',
    `openSearchAdminRoleArn=${ADMIN}`,
    'openSearchAzCount=3',
    'openSearchDataNodes=3',
    'openSearchDedicatedMasters=true',
    'openSearchVolumeGiB=200',
    'openSearchVpcCidr=10.44.0.0/22',
    'indexerMaxConcurrency=4',
    'accountWideSubscription=true',
    'logGroupNames=/aws/lambda/orders,/app/payments',
    'filterPattern=?ERROR ?WARN',
    'organizationId=o-abcdef1234',
    'objectLockMode=COMPLIANCE',
    'objectLockRetentionDays=400',
    'glacierTransitionDays=30',
    'expirationDays=2555',
    'bufferIntervalSeconds=60',
    'bufferSizeMiB=16',
    'logRetentionDays=90',
    'alertEmail=logs-ops@example.com',
    'retainArchive=false',
  ],
  accounts: [
    'sourceAccountIds=111111111111,222222222222',
    'extractMessages=true',
    'glacierTransitionDays=0',
    'objectLockMode=GOVERNANCE',
  ],
} as const;
const runs = await synthConfigs(ID, {
  ...PARAMS,
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const full = runs.ok('full');
const accounts = runs.ok('accounts');

const archiveBucket = (t: Template) =>
  ofType(t, 'AWS::S3::Bucket').find((b) => JSON.stringify(b.Properties).includes('aws:kms'))?.Properties ?? {};
const CONFIGS = { default: template, full: full.template, accounts: accounts.template };

checkConfigurations(ID, { full, accounts });

// oar check runs cdk/claims.ts on the default and the declared variants; here the claims also run on the two
// configurations above, which change nearly every parameter. full has OpenSearch, so the claims of the
// with-opensearch variant run on it too.
test.each([
  ['full', 'with-opensearch'],
  ['accounts', 'accounts'],
] as const)('every claim holds with the %s parameters', async (name, variant) => {
  await expectClaimsHold(ID, variant, runs.ok(name), PARAMS[name], 7);
});

test.each(Object.entries(REFUSED))('refuses contradictory parameters: %s', (name, [, message]) => {
  expect(runs.error(name)).toMatch(message);
});

test('no custom resources in any configuration', () => {
  for (const t of Object.values(CONFIGS)) expect(customResourceTypes(t)).toEqual([]);
});

describe('Firehose stream', () => {
  test('Direct PUT, encrypted with the key, decompressing with its own processors, no Lambda', () => {
    const stream = only(template, 'AWS::KinesisFirehose::DeliveryStream');
    expect(stream['DeliveryStreamType']).toBe('DirectPut');
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: {
        KeyType: 'CUSTOMER_MANAGED_CMK',
        KeyARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      },
      ExtendedS3DestinationConfiguration: {
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            { Type: 'Decompression', Parameters: [{ ParameterName: 'CompressionFormat', ParameterValue: 'GZIP' }] },
            { Type: 'AppendDelimiterToRecord', Parameters: [] },
          ],
        },
        Prefix: DATA_PREFIX,
        ErrorOutputPrefix: ERROR_OUTPUT_PREFIX,
        CompressionFormat: 'GZIP',
        BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 64 },
        EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: Match.anyValue() } },
        CloudWatchLoggingOptions: { Enabled: true, LogGroupName: Match.anyValue(), LogStreamName: Match.anyValue() },
      },
    });
    for (const t of Object.values(CONFIGS))
      expect(JSON.stringify(ofType(t, 'AWS::KinesisFirehose::DeliveryStream'))).not.toContain('Lambda');
  });

  test('date partitions of the arrival time and an errors/ prefix with the error type', () => {
    expect(DATA_PREFIX).toBe(
      'logs/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/',
    );
    expect(ERROR_OUTPUT_PREFIX).toContain('errors/!{firehose:error-output-type}/');
  });

  test('extractMessages adds message extraction; buffering follows the parameters', () => {
    accounts.template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: {
        ProcessingConfiguration: {
          Processors: [
            Match.objectLike({ Type: 'Decompression' }),
            {
              Type: 'CloudWatchLogProcessing',
              Parameters: [{ ParameterName: 'DataMessageExtraction', ParameterValue: 'true' }],
            },
            Match.objectLike({ Type: 'AppendDelimiterToRecord' }),
          ],
        },
      },
    });
    full.template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: { BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 16 } },
    });
  });
});

describe('archive bucket', () => {
  test('KMS with a bucket key, versioned, private, TLS-only and access-logged', () => {
    const bucket = archiveBucket(template);
    expect(bucket['BucketEncryption']).toMatchObject({
      ServerSideEncryptionConfiguration: [
        { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } },
      ],
    });
    expect(bucket['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
    expect(bucket['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket['LoggingConfiguration']).toMatchObject({ LogFilePrefix: 'archive-bucket-access/' });
    for (const p of ofType(template, 'AWS::S3::BucketPolicy'))
      expect(JSON.stringify(p.Properties)).toContain('"aws:SecureTransport":"false"');
  });

  test('lifecycle: Glacier after glacierTransitionDays, expiry after expirationDays', () => {
    const rule = (t: Template) =>
      (archiveBucket(t)['LifecycleConfiguration'] as { Rules: Record<string, unknown>[] }).Rules.find(
        (r) => r['Id'] === 'ArchiveAndExpire',
      );
    expect(rule(template)).toMatchObject({
      Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
      ExpirationInDays: 365,
    });
    expect(rule(full.template)).toMatchObject({ Transitions: [{ TransitionInDays: 30 }], ExpirationInDays: 2555 });
    expect(rule(accounts.template)?.['Transitions']).toBeUndefined();
  });
});

describe('sources', () => {
  const destination = (t: Template) => only(t, 'AWS::Logs::Destination');
  const trust = (t: Template) =>
    JSON.stringify(
      ofType(t, 'AWS::IAM::Role').find((r) =>
        JSON.stringify(r.Properties?.['AssumeRolePolicyDocument']).includes('logs.amazonaws.com'),
      )?.Properties?.['AssumeRolePolicyDocument'],
    );

  test('the destination targets the stream; without ids it has no policy, so only this account can use it', () => {
    template.hasResourceProperties('AWS::Logs::Destination', {
      DestinationName: 'oar-centralised-logging-logs',
      TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeliveryStream'), 'Arn'] },
      DestinationPolicy: Match.absent(),
    });
    expect(trust(template)).toContain(':logs:');
    expect(trust(template)).not.toContain(':*:*');
  });

  test('organizationId allows every account of the organization to subscribe', () => {
    const policy = JSON.stringify(destination(full.template)['DestinationPolicy']);
    expect(policy).toContain('aws:PrincipalOrgID');
    expect(policy).toContain('o-abcdef1234');
    expect(policy).toContain('logs:PutSubscriptionFilter');
    expect(trust(full.template)).toContain(':*:*');
  });

  test('sourceAccountIds allows exactly those accounts', () => {
    const policy = JSON.stringify(destination(accounts.template)['DestinationPolicy']);
    expect(policy).toContain('111111111111');
    expect(policy).toContain('222222222222');
    expect(policy).not.toContain('PrincipalOrgID');
    expect(trust(accounts.template)).toContain('111111111111');
  });

  test('subscription filters for the listed log groups and an account-wide policy that skips the pipeline', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    template.resourceCountIs('AWS::Logs::AccountPolicy', 0);
    const filters = ofType(full.template, 'AWS::Logs::SubscriptionFilter').map((f) => f.Properties ?? {});
    expect(filters.map((f) => f['LogGroupName'])).toEqual(['/aws/lambda/orders', '/app/payments']);
    for (const f of filters) expect(f['FilterPattern']).toBe('?ERROR ?WARN');
    const policy = only(full.template, 'AWS::Logs::AccountPolicy');
    expect(policy['PolicyType']).toBe('SUBSCRIPTION_FILTER_POLICY');
    expect(policy['SelectionCriteria']).toBe(
      'LogGroupName NOT IN ["/aws/kinesisfirehose/oar-centralised-logging", "/aws/lambda/oar-centralised-logging-indexer", ' +
        '"/aws/opensearch/oar-centralised-logging/index-slow-logs", "/aws/opensearch/oar-centralised-logging/search-slow-logs", ' +
        '"/aws/opensearch/oar-centralised-logging/es-application-logs"]',
    );
  });
});

describe('alarms and encryption', () => {
  test('three Firehose alarms by default, ten with OpenSearch, all to the encrypted topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    full.template.resourceCountIs('AWS::CloudWatch::Alarm', 10);
    for (const t of [template, full.template])
      for (const a of ofType(t, 'AWS::CloudWatch::Alarm'))
        expect(JSON.stringify(a.Properties?.['AlarmActions'])).toMatch(/^\[\{"Ref":"AlertTopic[0-9A-F]+"\}\]$/u);
    const names = ofType(template, 'AWS::CloudWatch::Alarm').map((a) => a.Properties?.['MetricName']);
    expect(names).toEqual(['DeliveryToS3.DataFreshness', 'DeliveryToS3.Success', 'ThrottledRecords']);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    full.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'logs-ops@example.com',
    });
  });

  test('the key rotates and lets CloudWatch Logs use it only for the pipeline log groups', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const policy = JSON.stringify(only(template, 'AWS::KMS::Key')['KeyPolicy']);
    expect(policy).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(policy).toContain(':log-group:/aws/kinesisfirehose/oar-centralised-logging');
    expect(policy).not.toContain('events.amazonaws.com');
    expect(JSON.stringify(only(full.template, 'AWS::KMS::Key')['KeyPolicy'])).toContain('events.amazonaws.com');
  });
});

describe('OpenSearch option', () => {
  test('off by default: no domain, VPC, function or queue, and the outputs say none', () => {
    for (const type of ['AWS::OpenSearchService::Domain', 'AWS::EC2::VPC', 'AWS::Lambda::Function', 'AWS::SQS::Queue'])
      template.resourceCountIs(type, 0);
    for (const name of ['OpenSearchDomainEndpoint', 'IndexerRoleArn', 'IndexerDeadLetterQueueUrl'])
      template.hasOutput(name, { Value: 'none' });
    expect(archiveBucket(template)['NotificationConfiguration']).toBeUndefined();
  });

  test('a domain in isolated subnets of three zones with zone awareness, encryption and fine-grained access', () => {
    const subnets = ofType(full.template, 'AWS::EC2::Subnet');
    expect(subnets).toHaveLength(3);
    for (const s of subnets) expect(s.Properties?.['MapPublicIpOnLaunch']).toBe(false);
    for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway']) full.template.resourceCountIs(type, 0);
    full.template.hasResourceProperties('AWS::OpenSearchService::Domain', {
      ClusterConfig: Match.objectLike({ DedicatedMasterEnabled: true, DedicatedMasterCount: 3 }),
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 200 },
      EncryptionAtRestOptions: { Enabled: true, KmsKeyId: Match.anyValue() },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: false,
        MasterUserOptions: { MasterUserARN: ADMIN },
      },
      VPCOptions: { SubnetIds: Match.anyValue(), SecurityGroupIds: Match.anyValue() },
      LogPublishingOptions: {
        INDEX_SLOW_LOGS: Match.objectLike({ Enabled: true }),
        SEARCH_SLOW_LOGS: Match.objectLike({ Enabled: true }),
        ES_APPLICATION_LOGS: Match.objectLike({ Enabled: true }),
      },
    });
    const access = JSON.stringify(only(full.template, 'AWS::OpenSearchService::Domain')['AccessPolicies']);
    expect(access).toContain(':root');
    expect(access).not.toContain('"Principal":"*"');
  });

  test('only HTTPS from the VPC reaches the domain', () => {
    const ingress = ofType(full.template, 'AWS::EC2::SecurityGroup').flatMap(
      (g) => (g.Properties?.['SecurityGroupIngress'] as unknown[] | undefined) ?? [],
    );
    expect(ingress).toEqual([expect.objectContaining({ CidrIp: '10.44.0.0/22', FromPort: 443, ToPort: 443 })]);
    full.template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('archive objects reach the indexer through EventBridge and an encrypted queue', () => {
    expect(archiveBucket(full.template)['NotificationConfiguration']).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    full.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { object: { key: [{ prefix: 'logs/' }] } },
      },
    });
    full.template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.anyValue(),
      VisibilityTimeout: 1800,
      KmsMasterKeyId: Match.anyValue(),
    });
    full.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5 });
  });

  test('the indexer runs in the VPC with inline code and may only read logs/ and post _bulk', () => {
    expect(inlineIndexerSource().length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    full.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Code: { ZipFile: inlineIndexerSource() },
      VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
      Environment: { Variables: { DOMAIN_ENDPOINT: Match.anyValue(), INDEX_PREFIX: 'cwl-' } },
    });
    const policies = JSON.stringify(
      ofType(full.template, 'AWS::IAM::Policy').map((p) => p.Properties?.['PolicyDocument']),
    );
    expect(policies).toContain('/_bulk');
    expect(policies).not.toContain('es:ESHttp*');
    expect(policies).not.toContain('es:*');
    const role = ofType(full.template, 'AWS::IAM::Role').find((r) =>
      JSON.stringify(r.Properties?.['AssumeRolePolicyDocument']).includes('lambda.amazonaws.com'),
    );
    expect(role?.Properties?.['ManagedPolicyArns']).toBeUndefined();
  });
});
