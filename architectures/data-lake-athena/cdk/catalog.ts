import { fileURLToPath } from 'node:url';
import { Aws, Stack, type CfnResource } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { acknowledgeWildcards, arnOf, regionalArn, type WildcardReason } from './nag.ts';
import type { LakeStorage } from './storage.ts';

/** The ETL script; CDK stages it as a file asset and the deploy uploads it to the bootstrap bucket. */
export const ETL_SCRIPT = fileURLToPath(new URL('../glue/raw_to_curated.py', import.meta.url));

/** Glue version of the ETL job: Spark 3.5 and Python 3.11. */
export const GLUE_VERSION = '5.0';

export interface GlueIngestProps {
  readonly storage: LakeStorage;
  /** Prefix of the Glue resource names and of the two database names. */
  readonly namePrefix: string;
  readonly rawDatabaseName: string;
  readonly curatedDatabaseName: string;
  readonly datasetName: string;
  readonly ingestSchedule: string;
  readonly crawlNewFoldersOnly: boolean;
  readonly etlWorkerType: string;
  readonly etlWorkers: number;
  readonly etlTimeoutMinutes: number;
}

/**
 * The Glue side: the raw and curated databases, one security configuration, a crawler over the raw
 * dataset, the raw-to-curated Spark job, and a workflow that runs the crawler on a schedule and the
 * job after every successful crawl. Each of the two runners has its own least-privilege role.
 */
export class GlueIngest extends Construct {
  readonly rawDatabase: glue.CfnDatabase;
  readonly curatedDatabase: glue.CfnDatabase;
  readonly crawler: glue.CfnCrawler;
  readonly job: glue.CfnJob;
  readonly workflow: glue.CfnWorkflow;
  readonly crawlerRole: iam.Role;
  readonly jobRole: iam.Role;
  readonly script: s3assets.Asset;
  /** s3://<curated bucket>/<dataset>/, where the job writes and the curated table points. */
  readonly curatedPath: string;

  constructor(scope: Construct, id: string, props: GlueIngestProps) {
    super(scope, id);
    const { storage, datasetName } = props;
    const stack = Stack.of(this);
    const catalogArn = stack.formatArn({ service: 'glue', resource: 'catalog' });
    const databaseArn = (name: string) =>
      stack.formatArn({ service: 'glue', resource: 'database', resourceName: name });
    const tablesArn = (name: string) =>
      stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${name}/*` });
    const rawPath = `s3://${storage.rawBucket.bucketName}/${datasetName}/`;
    this.curatedPath = `s3://${storage.curatedBucket.bucketName}/${datasetName}/`;

    // --- Databases. Raw stays under IAM control: new tables grant ALL to IAM_ALLOWED_PRINCIPALS, so the
    // crawler and engineers with IAM rights use it as before. Curated grants nothing by default, so its
    // tables are governed by Lake Formation grants only.
    this.rawDatabase = new glue.CfnDatabase(this, 'RawDatabase', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: props.rawDatabaseName,
        description: `Raw ${datasetName} files as they arrived (IAM access control)`,
        locationUri: `s3://${storage.rawBucket.bucketName}/`,
        createTableDefaultPermissions: [
          { principal: { dataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, permissions: ['ALL'] },
        ],
      },
    });
    this.curatedDatabase = new glue.CfnDatabase(this, 'CuratedDatabase', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: props.curatedDatabaseName,
        description: `Curated ${datasetName} as partitioned Parquet (Lake Formation access control)`,
        locationUri: `s3://${storage.curatedBucket.bucketName}/`,
        createTableDefaultPermissions: [],
      },
    });

    // --- Encryption of what Glue writes: S3 output, job bookmarks and CloudWatch Logs, all with the data key.
    const securityConfiguration = new glue.CfnSecurityConfiguration(this, 'SecurityConfiguration', {
      name: `${props.namePrefix}-glue`,
      encryptionConfiguration: {
        s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: storage.dataKey.keyArn }],
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: storage.dataKey.keyArn },
        cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: storage.dataKey.keyArn },
      },
    });
    // Glue creates its own log groups below /aws-glue/ and associates the key with them.
    storage.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForGlueLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws-glue/*`,
          },
        },
      }),
    );
    const glueLogs = (kind: string) => [
      `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws-glue/${kind}*`,
      `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws-glue/${kind}*:log-stream:*`,
    ];
    const logStatement = (kind: string) =>
      new iam.PolicyStatement({
        sid: 'GlueLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
        resources: glueLogs(kind),
      });
    const rawTableRead = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'];
    const tableWrite = [
      ...rawTableRead,
      'glue:GetTables',
      'glue:BatchGetPartition',
      'glue:CreateTable',
      'glue:UpdateTable',
      'glue:CreatePartition',
      'glue:BatchCreatePartition',
      'glue:UpdatePartition',
      'glue:BatchUpdatePartition',
    ];

    // --- Crawler role: read the raw dataset, keep the raw database's tables and partitions.
    this.crawlerRole = new iam.Role(this, 'CrawlerRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: `Glue crawler of ${props.namePrefix}: reads raw ${datasetName}, writes the raw database`,
    });
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListRawDataset',
        actions: ['s3:ListBucket'],
        resources: [storage.rawBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${datasetName}/*`, datasetName] } },
      }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadRawDataset',
        actions: ['s3:GetObject'],
        resources: [storage.rawBucket.arnForObjects(`${datasetName}/*`)],
      }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'DecryptRaw', actions: ['kms:Decrypt'], resources: [storage.dataKey.keyArn] }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'RawCatalog',
        actions: tableWrite,
        resources: [catalogArn, databaseArn(props.rawDatabaseName), tablesArn(props.rawDatabaseName)],
      }),
    );
    this.crawlerRole.addToPolicy(logStatement('crawlers'));

    // --- Job role: read raw, replace curated partitions, keep the curated table in the catalog.
    this.script = new s3assets.Asset(this, 'EtlScript', { path: ETL_SCRIPT });
    this.jobRole = new iam.Role(this, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: `Glue ETL job of ${props.namePrefix}: raw ${datasetName} to curated Parquet`,
    });
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadScript',
        actions: ['s3:GetObject'],
        resources: [this.script.bucket.arnForObjects(this.script.s3ObjectKey)],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListDatasets',
        actions: ['s3:ListBucket'],
        resources: [storage.rawBucket.bucketArn, storage.curatedBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${datasetName}/*`, datasetName] } },
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadRawDataset',
        actions: ['s3:GetObject'],
        resources: [storage.rawBucket.arnForObjects(`${datasetName}/*`)],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReplaceCuratedDataset',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [storage.curatedBucket.arnForObjects(`${datasetName}/*`)],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseDataKey',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [storage.dataKey.keyArn],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadRawCatalog',
        actions: rawTableRead,
        resources: [catalogArn, databaseArn(props.rawDatabaseName), tablesArn(props.rawDatabaseName)],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteCuratedCatalog',
        actions: tableWrite,
        resources: [catalogArn, databaseArn(props.curatedDatabaseName), tablesArn(props.curatedDatabaseName)],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'LakeFormationCredentials',
        actions: ['lakeformation:GetDataAccess'],
        resources: ['*'],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'JobMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue' } },
      }),
    );
    this.jobRole.addToPolicy(logStatement('jobs'));

    // --- Crawler over the raw dataset: one table named after the dataset folder, dt= folders as partitions.
    this.crawler = new glue.CfnCrawler(this, 'RawCrawler', {
      name: `${props.namePrefix}-raw`,
      description: `Catalogues ${rawPath} into ${props.rawDatabaseName}.${datasetName}`,
      role: this.crawlerRole.roleArn,
      databaseName: props.rawDatabaseName,
      targets: { s3Targets: [{ path: rawPath, exclusions: ['**/_SUCCESS', '**/*.crc', '**/_temporary/**'] }] },
      recrawlPolicy: { recrawlBehavior: props.crawlNewFoldersOnly ? 'CRAWL_NEW_FOLDERS_ONLY' : 'CRAWL_EVERYTHING' },
      // Incremental crawls require LOG for both; a full crawl merges new columns into the table.
      schemaChangePolicy: props.crawlNewFoldersOnly
        ? { updateBehavior: 'LOG', deleteBehavior: 'LOG' }
        : { updateBehavior: 'UPDATE_IN_DATABASE', deleteBehavior: 'LOG' },
      configuration: JSON.stringify({
        Version: 1.0,
        // The dataset folder (level 1) is the table; everything below it is a partition.
        Grouping: { TableLevelConfiguration: 1, TableGroupingPolicy: 'CombineCompatibleSchemas' },
        CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
        CreatePartitionIndex: true,
      }),
      crawlerSecurityConfiguration: securityConfiguration.ref,
    });
    this.crawler.addResourceDependency(this.rawDatabase);

    // --- The Spark job. Bookmarks remember which raw files were processed; no retries, as the next
    // scheduled run rebuilds the same days anyway.
    this.job = new glue.CfnJob(this, 'EtlJob', {
      name: `${props.namePrefix}-raw-to-curated`,
      description: `Rebuilds the curated Parquet days of ${datasetName} that got new raw files`,
      role: this.jobRole.roleArn,
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: this.script.s3ObjectUrl },
      glueVersion: GLUE_VERSION,
      workerType: props.etlWorkerType,
      numberOfWorkers: props.etlWorkers,
      timeout: props.etlTimeoutMinutes,
      maxRetries: 0,
      executionProperty: { maxConcurrentRuns: 1 },
      securityConfiguration: securityConfiguration.ref,
      defaultArguments: {
        '--job-language': 'python',
        '--job-bookmark-option': 'job-bookmark-enable',
        '--enable-glue-datacatalog': 'true',
        '--enable-metrics': 'true',
        '--enable-continuous-cloudwatch-log': 'true',
        '--raw_database': props.rawDatabaseName,
        '--raw_table': datasetName,
        '--curated_database': props.curatedDatabaseName,
        '--curated_table': datasetName,
        '--curated_path': this.curatedPath,
      },
    });

    // --- Workflow: crawl on the schedule, then run the job after each successful crawl.
    this.workflow = new glue.CfnWorkflow(this, 'Workflow', {
      name: `${props.namePrefix}-ingest`,
      description: `Crawl raw ${datasetName}, then rebuild the changed curated days`,
      maxConcurrentRuns: 1,
    });
    new glue.CfnTrigger(this, 'CrawlSchedule', {
      name: `${props.namePrefix}-crawl-schedule`,
      type: 'SCHEDULED',
      schedule: props.ingestSchedule,
      startOnCreation: true,
      workflowName: this.workflow.ref,
      actions: [{ crawlerName: this.crawler.ref }],
    });
    new glue.CfnTrigger(this, 'EtlAfterCrawl', {
      name: `${props.namePrefix}-etl-after-crawl`,
      type: 'CONDITIONAL',
      startOnCreation: true,
      workflowName: this.workflow.ref,
      predicate: {
        conditions: [{ crawlerName: this.crawler.ref, crawlState: 'SUCCEEDED', logicalOperator: 'EQUALS' }],
      },
      actions: [{ jobName: this.job.ref }],
    });

    const rawBucket = arnOf(storage.rawBucket.node.defaultChild as CfnResource);
    const curatedBucket = arnOf(storage.curatedBucket.node.defaultChild as CfnResource);
    const datasetObjects =
      "Objects below the dataset prefix of this stack's bucket; producers choose the file names, so no narrower ARN exists.";
    const tables = (db: string) =>
      [
        regionalArn('glue', `table/${db}/*`),
        `Tables of this stack's ${db} database; table names come from the data, and Glue table ARNs take "/*" for all tables.`,
      ] as const;
    const logs = (kind: string): WildcardReason[] =>
      ['', ':log-stream:*'].map((suffix) => [
        regionalArn('logs', `log-group:/aws-glue/${kind}*${suffix}`),
        `Glue creates its own log groups below /aws-glue/${kind}, named after the security configuration and role; the role may create, write and encrypt only those.`,
      ]);
    acknowledgeWildcards(this.crawlerRole.node.findChild('DefaultPolicy'), [
      [`${rawBucket}/${datasetName}/*`, datasetObjects],
      tables(props.rawDatabaseName),
      ...logs('crawlers'),
    ]);
    acknowledgeWildcards(this.jobRole.node.findChild('DefaultPolicy'), [
      [`${rawBucket}/${datasetName}/*`, datasetObjects],
      [
        `${curatedBucket}/${datasetName}/*`,
        'Objects below the dataset prefix of the curated bucket; Glue names the Parquet files itself, and the job deletes and rewrites whole days below it.',
      ],
      tables(props.rawDatabaseName),
      tables(props.curatedDatabaseName),
      [
        '*',
        'lakeformation:GetDataAccess and cloudwatch:PutMetricData have no resource-level permissions; metrics are limited to the Glue namespace by condition.',
      ],
      ...logs('jobs'),
    ]);
  }
}
