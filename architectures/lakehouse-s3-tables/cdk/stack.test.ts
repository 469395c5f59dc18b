import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  serviceErrors,
  synthConfigs,
  expectClaimsHold,
} from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, resourcesOf, typesOf, type Json } from '../../../test/helpers/template.ts';
import { ETL_SCRIPT, GLUE_VERSION } from './catalog.ts';
import { databasePrefixOf, listOf } from './stack.ts';

const ID = 'lakehouse-s3-tables';
const ANALYSTS = ['arn:aws:iam::123456789012:role/analyst', 'arn:aws:iam::123456789012:role/team/finance-analyst'];
const template = entryTemplate(ID);
const CUSTOM = [
    'datasetName=clicks',
    'ingestSchedule=cron(15 * * * ? *)',
    'crawlNewFoldersOnly=false',
    'etlWorkerType=G.2X',
    'etlWorkers=10',
    'etlTimeoutMinutes=60',
    'maxScanGbPerQuery=100',
    `analystRoleArns=${ANALYSTS.join(',')}`,
    'dataLakeAdminArns=arn:aws:iam::123456789012:role/DataPlatformAdmin',
    'alertEmail=data-oncall@example.com',
    'rawArchiveAfterDays=0',
    'noncurrentVersionDays=7',
    'queryResultRetentionDays=3',
    'accessLogRetentionDays=90',
  'retainData=false',
];
const runs = await synthConfigs(ID, { custom: CUSTOM });
const custom = runs.ok('custom');

const idsOf = (t: Template, type: string) =>
  Object.entries(resourcesOf(t))
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
const idOf = (t: Template, type: string, prefix: string): string => {
  const ids = idsOf(t, type).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0] as string;
};
const GiB = 1024 ** 3;
const CURATED_CATALOG = { 'Fn::Join': ['', [{ Ref: 'AWS::AccountId' }, ':s3tablescatalog/oar-lakehouse-s3-tables-curated']] };

checkConfigurations(ID, { custom });

// oar check runs cdk/claims.ts on the default and the declared variants; here the claims also run on the custom
// configuration, which changes every parameter.
test('every claim holds with the custom parameters', async () => {
  await expectClaimsHold(ID, 'custom', custom, CUSTOM, 9);
});

describe('checks', () => {
  test('every acknowledgement is a specific wildcard or the access log bucket', () => {
    const rules = entryAcknowledgements(ID).map((a) => a.rule);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toMatch(/^AwsSolutions-(IAM5\[Resource::.+\]|S1)$/u);
  });

  test('services match the template with custom parameters too', () => {
    // Redshift Serverless is only in the with-redshift variant; every other service must match.
    expect(serviceErrors(ID, custom.result.template).filter((e) => !e.includes('redshift'))).toEqual([]);
  });

  test('the resource types: no custom resources, no Lambda functions, no BucketDeployment', () => {
    const types = typesOf(template);
    expect(types).toEqual([
      'AWS::Athena::WorkGroup',
      'AWS::Events::Rule',
      'AWS::Glue::Crawler',
      'AWS::Glue::Database',
      'AWS::Glue::Job',
      'AWS::Glue::SecurityConfiguration',
      'AWS::Glue::Trigger',
      'AWS::Glue::Workflow',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::KMS::Key',
      'AWS::LakeFormation::DataLakeSettings',
      'AWS::LakeFormation::PrincipalPermissions',
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'AWS::S3Tables::Namespace',
      'AWS::S3Tables::TableBucket',
      'AWS::SNS::Topic',
      'AWS::SNS::TopicPolicy',
    ]);
    expect(customResourceTypes(template)).toEqual([]);
  });
});

describe('buckets and keys', () => {

  test('three buckets: public access blocked, bucket owner enforced', () => {
    template.resourceCountIs('AWS::S3::Bucket', 3);
    for (const b of ofType(template, 'AWS::S3::Bucket')) {
      expect(b.Properties?.['PublicAccessBlockConfiguration']).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties?.['OwnershipControls']).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(b.Properties?.['AccessControl']).toBeUndefined();
    }
  });

  test('raw and the table bucket use the data key, results the analytics key; logs use SSE-S3', () => {
    const kmsOf = (prefix: string) => {
      const bucket = resourcesOf(template)[idOf(template, 'AWS::S3::Bucket', prefix)];
      return (bucket?.Properties?.['BucketEncryption'] as { ServerSideEncryptionConfiguration: Json[] })
        .ServerSideEncryptionConfiguration[0];
    };
    const dataKey = { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'StorageDataKey'), 'Arn'] };
    const analyticsKey = { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'StorageAnalyticsKey'), 'Arn'] };
    const sseKms = (key: unknown) => ({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key },
    });
    expect(kmsOf('StorageRawBucket')).toEqual(sseKms(dataKey));
    expect(ofType(template, 'AWS::S3Tables::TableBucket')[0]?.Properties?.['EncryptionConfiguration']).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSKeyArn: dataKey,
    });
    expect(kmsOf('StorageQueryResultsBucket')).toEqual(sseKms(analyticsKey));
    expect(kmsOf('StorageAccessLogsBucket')).toEqual({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } });
  });

  test('every bucket policy refuses plain HTTP and TLS below 1.2', () => {
    template.resourceCountIs('AWS::S3::BucketPolicy', 3);
    for (const p of ofType(template, 'AWS::S3::BucketPolicy')) {
      const statements = (p.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      );
    }
  });

  test('raw and results log to the access log bucket, which admits only their deliveries', () => {
    const logs = idOf(template, 'AWS::S3::Bucket', 'StorageAccessLogsBucket');
    for (const [prefix, logPrefix] of [
      ['StorageRawBucket', 'raw/'],
      ['StorageQueryResultsBucket', 'query-results/'],
    ] as const) {
      const bucket = resourcesOf(template)[idOf(template, 'AWS::S3::Bucket', prefix)];
      expect(bucket?.Properties?.['LoggingConfiguration']).toEqual({
        DestinationBucketName: { Ref: logs },
        LogFilePrefix: logPrefix,
      });
    }
    const policy = ofType(template, 'AWS::S3::BucketPolicy').find(
      (p) => JSON.stringify(p.Properties?.['Bucket']) === JSON.stringify({ Ref: logs }),
    );
    const deliveries = (policy?.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement.filter(
      (s) => JSON.stringify(s['Principal']) === JSON.stringify({ Service: 'logging.s3.amazonaws.com' }),
    );
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries) expect(d['Condition']).toHaveProperty('ArnLike.aws:SourceArn');
  });

  test('lifecycle: raw to Glacier, results and logs expire, old versions expire; the table bucket removes unreferenced files', () => {
    const rulesOf = (t: Template, prefix: string) => {
      const bucket = resourcesOf(t)[idOf(t, 'AWS::S3::Bucket', prefix)];
      return (bucket?.Properties?.['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
    };
    expect(rulesOf(template, 'StorageRawBucket')).toEqual([
      expect.objectContaining({
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 365 }],
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
    ]);
    expect(ofType(template, 'AWS::S3Tables::TableBucket')[0]?.Properties?.['UnreferencedFileRemoval']).toEqual({
      Status: 'Enabled',
      UnreferencedDays: 3,
      NoncurrentDays: 30,
    });
    expect(rulesOf(template, 'StorageQueryResultsBucket')).toEqual([expect.objectContaining({ ExpirationInDays: 30 })]);
    expect(rulesOf(template, 'StorageAccessLogsBucket')).toEqual([expect.objectContaining({ ExpirationInDays: 365 })]);
    expect(rulesOf(custom.template, 'StorageRawBucket')[0]?.['Transitions']).toBeUndefined();
    expect(rulesOf(custom.template, 'StorageRawBucket')[0]).toMatchObject({
      NoncurrentVersionExpiration: { NoncurrentDays: 7 },
    });
    expect(rulesOf(custom.template, 'StorageQueryResultsBucket')[0]).toMatchObject({ ExpirationInDays: 3 });
    expect(rulesOf(custom.template, 'StorageAccessLogsBucket')[0]).toMatchObject({ ExpirationInDays: 90 });
  });

  test('both keys rotate; logs may use the data key only for /aws-glue/ log groups', () => {
    template.resourceCountIs('AWS::KMS::Key', 2);
    template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsForGlueLogGroups',
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', Match.arrayWith([':log-group:/aws-glue/*'])],
                },
              },
            },
          }),
        ]),
      },
    });
  });
});

describe('Glue', () => {
  test('the raw database stays under IAM; the curated tables live in an S3 Tables namespace', () => {
    const dbs = ofType(template, 'AWS::Glue::Database').map((d) => d.Properties?.['DatabaseInput'] as Json);
    expect(dbs).toEqual([
      expect.objectContaining({
        Name: 'oar_lakehouse_s3_tables_raw',
        CreateTableDefaultPermissions: [
          { Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] },
        ],
      }),
    ]);
    template.hasResourceProperties('AWS::S3Tables::TableBucket', { TableBucketName: 'oar-lakehouse-s3-tables-curated' });
    template.hasResourceProperties('AWS::S3Tables::Namespace', { Namespace: 'oar_lakehouse_s3_tables_curated' });
  });

  test('the crawler catalogues the raw dataset with dt partitions, incrementally by default', () => {
    const crawler = ofType(template, 'AWS::Glue::Crawler')[0]?.Properties as Json;
    expect(crawler).toMatchObject({
      Name: 'oar-lakehouse-s3-tables-raw',
      DatabaseName: 'oar_lakehouse_s3_tables_raw',
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      CrawlerSecurityConfiguration: { Ref: idOf(template, 'AWS::Glue::SecurityConfiguration', 'Ingest') },
    });
    expect(crawler['Schedule']).toBeUndefined();
    expect(JSON.stringify(crawler['Targets'])).toContain('"/events/"');
    expect(JSON.parse(crawler['Configuration'] as string)).toMatchObject({
      Grouping: { TableLevelConfiguration: 1 },
      CreatePartitionIndex: true,
    });
    custom.template.hasResourceProperties('AWS::Glue::Crawler', {
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
      SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'LOG' },
    });
  });

  test('the job runs the asset script on Glue 5.0 with its workers, timeout and security configuration', () => {
    template.hasResourceProperties('AWS::Glue::Job', {
      Name: 'oar-lakehouse-s3-tables-raw-to-curated',
      GlueVersion: GLUE_VERSION,
      Command: {
        Name: 'glueetl',
        PythonVersion: '3',
        ScriptLocation: { 'Fn::Sub': Match.stringLikeRegexp('^s3://cdk-hnb659fds-assets-.*/[0-9a-f]{64}\\.py$') },
      },
      WorkerType: 'G.1X',
      NumberOfWorkers: 2,
      Timeout: 120,
      SecurityConfiguration: { Ref: idOf(template, 'AWS::Glue::SecurityConfiguration', 'Ingest') },
    });
    custom.template.hasResourceProperties('AWS::Glue::Job', {
      WorkerType: 'G.2X',
      NumberOfWorkers: 10,
      Timeout: 60,
    });
  });

  test('the job passes exactly the arguments the script asks for', () => {
    const script = readFileSync(ETL_SCRIPT, 'utf8');
    const block = /JOB_ARGUMENTS = \[([^\]]*)\]/u.exec(script)?.[1] ?? '';
    const wanted = [...block.matchAll(/"([a-z_A-Z]+)"/gu)].map((m) => m[1]).filter((a) => a !== 'JOB_NAME');
    const job = ofType(custom.template, 'AWS::Glue::Job')[0]?.Properties as { DefaultArguments: Json };
    const given = Object.keys(job.DefaultArguments)
      .filter((k) => /^--[a-z]+_[a-z_]+$/u.test(k))
      .map((k) => k.slice(2));
    expect(given.sort()).toEqual(wanted.sort());
    expect(job.DefaultArguments).toMatchObject({
      '--raw_database': 'oar_lakehouse_s3_tables_raw',
      '--raw_table': 'clicks',
      '--curated_catalog': 'lakehouse',
      '--curated_namespace': 'oar_lakehouse_s3_tables_curated',
      '--curated_table': 'clicks',
      '--datalake-formats': 'iceberg',
    });
    const conf = JSON.stringify(job.DefaultArguments['--conf']);
    expect(conf).toContain('spark.sql.catalog.lakehouse.warehouse=');
    expect(conf).toContain(idOf(custom.template, 'AWS::S3Tables::TableBucket', 'CuratedTableBucket'));
  });

  test('Glue encrypts S3 output, bookmarks and logs with the data key', () => {
    const dataKey = { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'StorageDataKey'), 'Arn'] };
    template.hasResourceProperties('AWS::Glue::SecurityConfiguration', {
      EncryptionConfiguration: {
        S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: dataKey }],
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: dataKey },
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: dataKey },
      },
    });
  });

  test('the workflow crawls on the schedule and runs the job after a successful crawl', () => {
    const crawler = idOf(template, 'AWS::Glue::Crawler', 'Ingest');
    const job = idOf(template, 'AWS::Glue::Job', 'Ingest');
    template.hasResourceProperties('AWS::Glue::Trigger', {
      Type: 'SCHEDULED',
      Schedule: 'cron(0 2 * * ? *)',
      StartOnCreation: true,
      Actions: [{ CrawlerName: { Ref: crawler } }],
    });
    template.hasResourceProperties('AWS::Glue::Trigger', {
      Type: 'CONDITIONAL',
      StartOnCreation: true,
      Predicate: {
        Conditions: [{ CrawlerName: { Ref: crawler }, CrawlState: 'SUCCEEDED', LogicalOperator: 'EQUALS' }],
      },
      Actions: [{ JobName: { Ref: job } }],
    });
    custom.template.hasResourceProperties('AWS::Glue::Trigger', { Schedule: 'cron(15 * * * ? *)' });
  });

  test('roles have no managed policies and no service-wide actions', () => {
    for (const t of [template, custom.template]) {
      for (const role of ofType(t, 'AWS::IAM::Role')) expect(role.Properties?.['ManagedPolicyArns']).toBeUndefined();
      const policies = JSON.stringify([...ofType(t, 'AWS::IAM::Policy'), ...ofType(t, 'AWS::IAM::ManagedPolicy')]);
      expect(policies).not.toMatch(/"(s3|glue|kms|athena|lakeformation|iam):\*"/u);
      expect(policies).not.toContain('"*:*"');
    }
  });
});

describe('Lake Formation', () => {
  test('the deployment role that is appended is the bootstrap execution role of this account and Region', () => {
    template.hasResourceProperties('AWS::LakeFormation::DataLakeSettings', {
      Admins: [
        {
          DataLakePrincipalIdentifier: {
            'Fn::Sub':
              'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}',
          },
        },
      ],
    });
  });

  test('there is no curated location registration and no data access role: S3 Tables reaches Lake Formation through its integration', () => {
    template.resourceCountIs('AWS::LakeFormation::Resource', 0);
    expect(JSON.stringify(ofType(template, 'AWS::IAM::Role'))).not.toContain('lakeformation.amazonaws.com');
  });

  test('grants: 4 for the Glue roles on raw, 2 per analyst role on the curated namespace, all after the settings', () => {
    const settings = idOf(template, 'AWS::LakeFormation::DataLakeSettings', 'Governance');
    template.resourceCountIs('AWS::LakeFormation::PrincipalPermissions', 4);
    custom.template.resourceCountIs('AWS::LakeFormation::PrincipalPermissions', 4 + 2 * ANALYSTS.length);
    for (const g of ofType(custom.template, 'AWS::LakeFormation::PrincipalPermissions')) {
      expect(g.DependsOn).toContain(settings);
      expect(g.Properties?.['Permissions']).not.toContain('ALL');
    }
    for (const arn of ANALYSTS) {
      custom.template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
        Principal: { DataLakePrincipalIdentifier: arn },
        Resource: { Database: { CatalogId: CURATED_CATALOG, Name: 'oar_lakehouse_s3_tables_curated' } },
        Permissions: ['DESCRIBE'],
      });
      custom.template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
        Principal: { DataLakePrincipalIdentifier: arn },
        Resource: {
          Table: {
            CatalogId: CURATED_CATALOG,
            DatabaseName: 'oar_lakehouse_s3_tables_curated',
            TableWildcard: {},
          },
        },
        Permissions: ['SELECT', 'DESCRIBE'],
      });
    }
  });

  test('the raw database waits for the settings; the analyst grants wait for the namespace', () => {
    const settings = idOf(template, 'AWS::LakeFormation::DataLakeSettings', 'Governance');
    for (const id of idsOf(template, 'AWS::Glue::Database')) {
      expect(resourcesOf(template)[id]?.DependsOn).toContain(settings);
    }
    const namespace = idOf(custom.template, 'AWS::S3Tables::Namespace', 'Curated');
    for (const g of ofType(custom.template, 'AWS::LakeFormation::PrincipalPermissions')) expect(g.DependsOn).toContain(namespace);
  });
});

describe('Athena and access policies', () => {
  test('the workgroup enforces encrypted results in the results bucket and a scan limit', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'oar-lakehouse-s3-tables',
      RecursiveDeleteOption: true,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 10 * GiB,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        ResultConfiguration: {
          OutputLocation: {
            'Fn::Join': ['', ['s3://', { Ref: idOf(template, 'AWS::S3::Bucket', 'StorageQueryResultsBucket') }, '/']],
          },
          ExpectedBucketOwner: { Ref: 'AWS::AccountId' },
          EncryptionConfiguration: {
            EncryptionOption: 'SSE_KMS',
            KmsKey: { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'StorageAnalyticsKey'), 'Arn'] },
          },
        },
      },
    });
  });
});

describe('alerts', () => {
  test('the alert topic is TLS-only, and EventBridge may use the key only for it', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'oar-lakehouse-s3-tables-alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [idOf(template, 'AWS::KMS::Key', 'StorageAnalyticsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Condition: {
              StringEquals: {
                'kms:EncryptionContext:aws:sns:topicArn': Match.objectLike({ 'Fn::Join': Match.anyValue() }),
              },
            },
          }),
        ]),
      },
    });
  });

  test('alertEmail adds an email subscription, empty adds none', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    custom.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'data-oncall@example.com',
    });
  });
});

describe('helpers', () => {
  test('database names come from the stack name', () => {
    expect(databasePrefixOf('oar-lakehouse-s3-tables')).toBe('oar_lakehouse_s3_tables');
    expect(databasePrefixOf('oar-lakehouse-s3-tables--prod')).toBe('oar_lakehouse_s3_tables_prod');
    expect(listOf(' a, ,b,')).toEqual(['a', 'b']);
    expect(listOf('')).toEqual([]);
  });
});
