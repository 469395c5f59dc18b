import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import {
  GetDatabaseCommand,
  GetJobCommand,
  GetSecurityConfigurationCommand,
  GetTriggerCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { GetDataLakeSettingsCommand, LakeFormationClient, ListPermissionsCommand } from '@aws-sdk/client-lakeformation';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetNamespaceCommand, GetTableBucketCommand, S3TablesClient } from '@aws-sdk/client-s3tables';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { expect } from 'vitest';
import { readBack } from '../readback.ts';

/** maxScanGbPerQuery's default, in bytes. */
const SCAN_LIMIT = 10 * 1024 ** 3;

export default [
  readBack(
    'The Athena workgroup enforces its settings: results go to the results bucket encrypted with the analytics key, and a query that scans more than 10 GB is cancelled',
    async (stack) => {
      const athena = new AthenaClient(stack.aws);
      const { WorkGroup } = await athena.send(
        new GetWorkGroupCommand({ WorkGroup: stack.outputs['AthenaWorkGroupName'] }),
      );
      const config = WorkGroup?.Configuration;
      expect(WorkGroup?.State).toBe('ENABLED');
      expect(config?.EnforceWorkGroupConfiguration).toBe(true);
      expect(config?.BytesScannedCutoffPerQuery).toBe(SCAN_LIMIT);
      expect(config?.ResultConfiguration?.OutputLocation).toBe(`s3://${stack.outputs['QueryResultsBucketName']}/`);
      expect(config?.ResultConfiguration?.EncryptionConfiguration).toEqual({
        EncryptionOption: 'SSE_KMS',
        KmsKey: stack.outputs['AnalyticsKeyArn'],
      });
    },
    'scan-limit-enforced',
  ),
  readBack(
    'The deployment role is appended to the Lake Formation administrators, and the default permissions for new databases and tables stay as the account had them',
    async (stack) => {
      const lf = new LakeFormationClient(stack.aws);
      const { DataLakeSettings } = await lf.send(new GetDataLakeSettingsCommand({}));
      const admins = (DataLakeSettings?.DataLakeAdmins ?? []).map((a) => a.DataLakePrincipalIdentifier);
      expect(admins).toContainEqual(expect.stringMatching(/:role\/cdk-[a-z0-9]+-cfn-exec-role-/u));
      // A fresh account (the emulator's) uses IAM access control for new databases and tables.
      const iamOnly = [{ Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] }];
      expect(DataLakeSettings?.CreateDatabaseDefaultPermissions).toEqual(iamOnly);
      expect(DataLakeSettings?.CreateTableDefaultPermissions).toEqual(iamOnly);
    },
    'lake-formation-admins-appended',
  ),
  readBack(
    'The curated tables live in an S3 Tables table bucket named after the stack, in the curated namespace',
    async (stack) => {
      const s3tables = new S3TablesClient(stack.aws);
      const bucket = await s3tables.send(
        new GetTableBucketCommand({ tableBucketARN: stack.outputs['TableBucketArn'] }),
      );
      expect(bucket.arn).toBe(stack.outputs['TableBucketArn']);
      expect(bucket.name).toBe(stack.outputs['CuratedCatalog']?.replace('s3tablescatalog/', ''));
      const namespace = await s3tables.send(
        new GetNamespaceCommand({
          tableBucketARN: stack.outputs['TableBucketArn'],
          namespace: stack.outputs['CuratedNamespace'],
        }),
      );
      expect(namespace.namespace).toEqual([stack.outputs['CuratedNamespace']]);
    },
    'curated-in-s3-tables',
  ),
  readBack(
    'The job writes Iceberg through the S3 Tables REST endpoint of this table bucket, one commit per run, with a bookmark and no retries',
    async (stack) => {
      const glue = new GlueClient(stack.aws);
      const { Job } = await glue.send(new GetJobCommand({ JobName: stack.outputs['EtlJobName'] }));
      const args = Job?.DefaultArguments ?? {};
      expect(args['--datalake-formats']).toBe('iceberg');
      expect(args['--conf']).toContain('spark.sql.catalog.lakehouse.type=rest');
      expect(args['--conf']).toContain('spark.sql.catalog.lakehouse.rest.signing-name=s3tables');
      expect(args['--conf']).toContain(
        `spark.sql.catalog.lakehouse.warehouse=${stack.outputs['TableBucketArn'] ?? ''}`,
      );
      expect(args['--curated_namespace']).toBe(stack.outputs['CuratedNamespace']);
      expect(args['--curated_table']).toBe(stack.outputs['CuratedTableName']);
      expect(args['--job-bookmark-option']).toBe('job-bookmark-enable');
      expect(Job?.MaxRetries).toBe(0);
      expect(Job?.ExecutionProperty?.MaxConcurrentRuns).toBe(1);
    },
    'day-replaced-in-one-commit',
  ),
  readBack(
    'The raw database grants IAM principals access as before, no curated location is registered, and no grant of the stack can be passed on',
    async (stack) => {
      const glue = new GlueClient(stack.aws);
      const { Database } = await glue.send(new GetDatabaseCommand({ Name: stack.outputs['RawDatabaseName'] }));
      expect(Database?.CreateTableDefaultPermissions).toEqual([
        { Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] },
      ]);
      const lf = new LakeFormationClient(stack.aws);
      const { PrincipalResourcePermissions = [] } = await lf.send(new ListPermissionsCommand({}));
      const grants = PrincipalResourcePermissions.filter((p) =>
        p.Principal?.DataLakePrincipalIdentifier?.includes(stack.stackName),
      );
      expect(grants.length).toBe(4);
      for (const g of grants) {
        expect(g.PermissionsWithGrantOption ?? []).toEqual([]);
        expect(g.Resource?.DataLocation).toBeUndefined();
      }
    },
    'analysts-read-through-lake-formation',
  ),
  readBack(
    'All three general purpose buckets are versioned',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      for (const output of ['RawBucketName', 'QueryResultsBucketName', 'AccessLogsBucketName']) {
        const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: stack.outputs[output] }));
        expect(Status, output).toBe('Enabled');
      }
    },
    'buckets-versioned',
  ),
  readBack(
    "The job's security configuration encrypts what Glue writes to S3, its bookmarks and its logs with the data key",
    async (stack) => {
      const glue = new GlueClient(stack.aws);
      const { Job } = await glue.send(new GetJobCommand({ JobName: stack.outputs['EtlJobName'] }));
      expect(Job?.Command?.ScriptLocation).toBe(stack.outputs['EtlScriptLocation']);
      const { SecurityConfiguration } = await glue.send(
        new GetSecurityConfigurationCommand({ Name: Job?.SecurityConfiguration }),
      );
      expect(SecurityConfiguration?.EncryptionConfiguration?.S3Encryption).toEqual([
        { S3EncryptionMode: 'SSE-KMS', KmsKeyArn: stack.outputs['DataKeyArn'] },
      ]);
      expect(SecurityConfiguration?.EncryptionConfiguration?.JobBookmarksEncryption?.JobBookmarksEncryptionMode).toBe(
        'CSE-KMS',
      );
    },
    'rebuilds-whole-days',
  ),
  readBack(
    'In the ingest workflow, a schedule starts the crawler and a successful crawl starts the job',
    async (stack) => {
      const glue = new GlueClient(stack.aws);
      const { Trigger: schedule } = await glue.send(
        new GetTriggerCommand({ Name: stack.physicalId('AWS::Glue::Trigger', 'IngestCrawlSchedule') }),
      );
      expect(schedule?.Type).toBe('SCHEDULED');
      expect(schedule?.State).toBe('ACTIVATED');
      expect(schedule?.WorkflowName).toBe(stack.outputs['WorkflowName']);
      expect(schedule?.Actions).toEqual([{ CrawlerName: stack.outputs['CrawlerName'] }]);
      const { Trigger: afterCrawl } = await glue.send(
        new GetTriggerCommand({ Name: stack.physicalId('AWS::Glue::Trigger', 'IngestEtlAfterCrawl') }),
      );
      expect(afterCrawl?.Type).toBe('CONDITIONAL');
      expect(afterCrawl?.WorkflowName).toBe(stack.outputs['WorkflowName']);
      expect(afterCrawl?.Actions).toEqual([{ JobName: stack.outputs['EtlJobName'] }]);
      expect(afterCrawl?.Predicate?.Conditions).toEqual([
        { LogicalOperator: 'EQUALS', CrawlerName: stack.outputs['CrawlerName'], CrawlState: 'SUCCEEDED' },
      ]);
    },
  ),
  readBack(
    'The alert topic is encrypted with the analytics key',
    async (stack) => {
      const sns = new SNSClient(stack.aws);
      const { Attributes } = await sns.send(
        new GetTopicAttributesCommand({ TopicArn: stack.outputs['AlertTopicArn'] }),
      );
      expect(Attributes?.['KmsMasterKeyId']).toBe(stack.outputs['AnalyticsKeyArn']);
    },
    'failures-alert',
  ),
];
