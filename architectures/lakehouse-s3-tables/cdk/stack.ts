import { Aws, CfnOutput, Stack, type CfnResource, type StackProps } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { GlueIngest } from './catalog.ts';
import { LakeGovernance } from './governance.ts';
import { acknowledgeWildcards, arnOf, regionalArn } from './nag.ts';
import { RedshiftQuery } from './redshift.ts';
import { LakeStorage } from './storage.ts';
import { CuratedTables } from './tables.ts';
import type { Parameters } from './parameters.generated.ts';

export interface LakehouseS3TablesStackProps extends StackProps {
  readonly parameters: Parameters;
}

const GB = 1024 ** 3;

/** Splits a comma-separated parameter into its non-empty items. */
export function listOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Glue database names must be lowercase; Athena prefers letters, digits and underscores. */
export function databasePrefixOf(stackName: string): string {
  return stackName
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '');
}

/** S3 Tables bucket names are 3 to 63 lowercase letters, digits and hyphens. */
export function tableBucketNameOf(stackName: string): string {
  const base = stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/gu, '-')
    .replace(/-+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return `${base.slice(0, 55).replace(/-+$/u, '')}-curated`;
}

/**
 * Lakehouse on S3 Tables with a Glue crawler and Spark job, Athena for SQL, and Lake Formation permissions:
 * raw files are catalogued and each changed day is replaced, in one Iceberg commit, in a curated table in an
 * S3 Tables table bucket that compacts and expires snapshots by itself; analysts query it through an Athena
 * workgroup that enforces encrypted results and a per-query scan limit. Redshift Serverless is an option.
 */
export default class LakehouseS3TablesStack extends Stack {
  constructor(scope: Construct, id: string, props: LakehouseS3TablesStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const dbPrefix = databasePrefixOf(stackName);
    const rawDatabaseName = `${dbPrefix}_raw`;
    const curatedNamespace = `${dbPrefix}_curated`;
    const tableBucketName = tableBucketNameOf(stackName);

    const storage = new LakeStorage(this, 'Storage', {
      stackName,
      rawArchiveAfterDays: p.rawArchiveAfterDays,
      noncurrentVersionDays: p.noncurrentVersionDays,
      queryResultRetentionDays: p.queryResultRetentionDays,
      accessLogRetentionDays: p.accessLogRetentionDays,
      retainData: p.retainData,
    });

    // --- Curated: the S3 Tables table bucket and namespace, maintained by S3.
    const curated = new CuratedTables(this, 'Curated', {
      tableBucketName,
      namespace: curatedNamespace,
      dataKey: storage.dataKey,
      unreferencedDays: p.unreferencedFileDays,
      noncurrentDays: p.noncurrentVersionDays,
      retainData: p.retainData,
    });

    const ingest = new GlueIngest(this, 'Ingest', {
      storage,
      namePrefix: stackName,
      rawDatabaseName,
      tableBucketArn: curated.tableBucketArn,
      tableBucketNagArn: `<${this.getLogicalId(curated.tableBucket)}.TableBucketARN>`,
      curatedNamespace,
      datasetName: p.datasetName,
      ingestSchedule: p.ingestSchedule,
      crawlNewFoldersOnly: p.crawlNewFoldersOnly,
      etlWorkerType: p.etlWorkerType,
      etlWorkers: p.etlWorkers,
      etlTimeoutMinutes: p.etlTimeoutMinutes,
    });

    const analystRoleArns = listOf(p.analystRoleArns);
    const governance = new LakeGovernance(this, 'Governance', {
      ingest,
      adminArns: listOf(p.dataLakeAdminArns),
      analystRoleArns,
      tableBucketName,
      curatedNamespace,
    });
    for (const grant of governance.grants) grant.addResourceDependency(curated.namespace);
    // The deployment role is a data lake administrator before it creates databases, so account
    // settings that restrict database creation to Lake Formation grants cannot block it.
    ingest.rawDatabase.addResourceDependency(governance.settings);

    // --- Athena: results only to the encrypted bucket, a scan limit per query, settings enforced.
    const workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: stackName,
      description: `Queries over the curated ${p.datasetName} data; at most ${p.maxScanGbPerQuery} GB scanned per query`,
      state: 'ENABLED',
      // Deleting the stack deletes the workgroup with its saved queries and query history.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: p.maxScanGbPerQuery * GB,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${storage.resultsBucket.bucketName}/`,
          expectedBucketOwner: Aws.ACCOUNT_ID,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: storage.analyticsKey.keyArn },
        },
      },
    });
    const workGroupArn = this.formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup.ref });

    // --- Policy for analyst roles: the workgroup, catalog reads of curated, Lake Formation credentials,
    // and their own query results. The data itself is reached only through Lake Formation grants.
    const analystPolicy = new iam.ManagedPolicy(this, 'AnalystPolicy', {
      description: `Query curated ${p.datasetName} with Athena in workgroup ${stackName}; attach to analyst roles`,
      statements: [
        new iam.PolicyStatement({
          sid: 'UseTheWorkGroup',
          actions: [
            'athena:StartQueryExecution',
            'athena:StopQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:GetQueryResultsStream',
            'athena:GetQueryRuntimeStatistics',
            'athena:BatchGetQueryExecution',
            'athena:ListQueryExecutions',
            'athena:GetWorkGroup',
            'athena:CreateNamedQuery',
            'athena:GetNamedQuery',
            'athena:BatchGetNamedQuery',
            'athena:ListNamedQueries',
            'athena:DeleteNamedQuery',
          ],
          resources: [workGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'FindWorkGroups',
          actions: ['athena:ListWorkGroups', 'athena:ListDataCatalogs'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ReadCuratedCatalog',
          actions: ['glue:GetCatalog', 'glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables'],
          resources: [
            this.formatArn({ service: 'glue', resource: 'catalog' }),
            this.formatArn({ service: 'glue', resource: 'catalog', resourceName: `s3tablescatalog/${tableBucketName}` }),
            this.formatArn({
              service: 'glue',
              resource: 'database',
              resourceName: `s3tablescatalog/${tableBucketName}/${curatedNamespace}`,
            }),
            this.formatArn({
              service: 'glue',
              resource: 'table',
              resourceName: `s3tablescatalog/${tableBucketName}/${curatedNamespace}/*`,
            }),
          ],
        }),
        new iam.PolicyStatement({
          sid: 'LakeFormationCredentials',
          actions: ['lakeformation:GetDataAccess'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'QueryResultsBucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [storage.resultsBucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'QueryResults',
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [storage.resultsBucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptAndReadQueryResults',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [storage.analyticsKey.keyArn],
        }),
      ],
    });
    acknowledgeWildcards(analystPolicy, [
      [
        regionalArn('glue', `table/s3tablescatalog/${tableBucketName}/${curatedNamespace}/*`),
        'Every table of the curated namespace, for catalog reads only; which tables an analyst may actually query is decided by the Lake Formation grants.',
      ],
      [
        `${arnOf(storage.resultsBucket.node.defaultChild as CfnResource)}/*`,
        'Objects of the query results bucket, where Athena writes each result under a query id it chooses.',
      ],
      [
        '*',
        'athena:ListWorkGroups, athena:ListDataCatalogs and lakeformation:GetDataAccess have no resource-level permissions.',
      ],
    ]);

    // --- Policy for producers: put files below the raw dataset prefix, nothing else.
    const ingestPolicy = new iam.ManagedPolicy(this, 'IngestPolicy', {
      description: `Upload raw ${p.datasetName} files to s3://<raw bucket>/${p.datasetName}/dt=YYYY-MM-DD/`,
      statements: [
        new iam.PolicyStatement({
          sid: 'PutRawFiles',
          actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [storage.rawBucket.arnForObjects(`${p.datasetName}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ListRawDataset',
          actions: ['s3:ListBucket'],
          resources: [storage.rawBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${p.datasetName}/*`] } },
        }),
        new iam.PolicyStatement({
          sid: 'EncryptRawFiles',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [storage.dataKey.keyArn],
        }),
      ],
    });
    acknowledgeWildcards(ingestPolicy, [
      [
        `${arnOf(storage.rawBucket.node.defaultChild as CfnResource)}/${p.datasetName}/*`,
        'Objects below the dataset prefix of the raw bucket only; producers choose the file names.',
      ],
    ]);

    // --- Alerts: failed, stopped or timed-out job runs and failed crawls, to an encrypted topic.
    const topicName = `${stackName}-alerts`;
    const topicArn = `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:${topicName}`;
    storage.analyticsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToPublishAlerts',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
      }),
    );
    const alerts = new sns.Topic(this, 'AlertTopic', {
      topicName,
      displayName: `Data lake ${stackName}`,
      masterKey: storage.analyticsKey,
      enforceSSL: true,
    });
    if (p.alertEmail !== '') alerts.addSubscription(new subscriptions.EmailSubscription(p.alertEmail));
    new events.Rule(this, 'EtlJobFailedRule', {
      description: `Glue job ${ingest.job.ref} failed, stopped or timed out`,
      eventPattern: {
        source: ['aws.glue'],
        detailType: ['Glue Job State Change'],
        detail: { jobName: [ingest.job.ref], state: ['FAILED', 'TIMEOUT', 'STOPPED', 'ERROR'] },
      },
      targets: [new targets.SnsTopic(alerts)],
    });
    new events.Rule(this, 'CrawlerFailedRule', {
      description: `Glue crawler ${ingest.crawler.ref} failed`,
      eventPattern: {
        source: ['aws.glue'],
        detailType: ['Glue Crawler State Change'],
        detail: { crawlerName: [ingest.crawler.ref], state: ['Failed'] },
      },
      targets: [new targets.SnsTopic(alerts)],
    });

    // --- Optional: Redshift Serverless over the same tables (moto has no Redshift Serverless, so it is off by default).
    if (p.redshiftServerless) {
      new RedshiftQuery(this, 'Redshift', {
        name: tableBucketName.replace(/-curated$/u, ''),
        key: storage.analyticsKey,
        baseCapacity: p.redshiftBaseCapacity,
        subnetIds: listOf(p.redshiftSubnetIds),
        securityGroupIds: listOf(p.redshiftSecurityGroupIds),
      });
    }

    // --- Outputs.
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('RawBucketName', storage.rawBucket.bucketName, 'Bucket that producers write raw files to.');
    out(
      'RawDataPrefix',
      `s3://${storage.rawBucket.bucketName}/${p.datasetName}/`,
      'Where raw files go, in dt= folders.',
    );
    out('TableBucketArn', curated.tableBucketArn, 'S3 Tables table bucket of the curated Iceberg tables.');
    out('QueryResultsBucketName', storage.resultsBucket.bucketName, 'Bucket with the Athena query results.');
    out('AccessLogsBucketName', storage.accessLogsBucket.bucketName, 'Bucket with the S3 server access logs.');
    out('RawDatabaseName', rawDatabaseName, 'Glue database of the raw table (IAM access control).');
    out('CuratedNamespace', curatedNamespace, 'S3 Tables namespace of the curated tables.');
    out('CuratedCatalog', `s3tablescatalog/${tableBucketName}`, 'Catalog to pick in Athena once the S3 Tables integration is on.');
    out('CuratedTableName', p.datasetName, 'Curated Iceberg table; the first successful job run creates it.');
    out('CrawlerName', ingest.crawler.ref, 'Glue crawler of the raw dataset.');
    out('EtlJobName', ingest.job.ref, 'Glue Spark job from raw to curated.');
    out('WorkflowName', ingest.workflow.ref, 'Glue workflow: scheduled crawl, then the job.');
    out('EtlScriptLocation', ingest.script.s3ObjectUrl, 'S3 URL of the job script in the CDK bootstrap bucket.');
    out('AthenaWorkGroupName', workGroup.ref, 'Athena workgroup to query the curated data in.');
    out('DataKeyArn', storage.dataKey.keyArn, 'KMS key of the raw data and the table bucket.');
    out('AnalyticsKeyArn', storage.analyticsKey.keyArn, 'KMS key of the query results and alerts.');
    out('AnalystPolicyArn', analystPolicy.managedPolicyArn, 'Managed policy to attach to analyst roles.');
    out('IngestPolicyArn', ingestPolicy.managedPolicyArn, 'Managed policy to attach to producer roles.');
    out('AlertTopicArn', alerts.topicArn, 'SNS topic of failed job runs and crawls.');
  }
}
