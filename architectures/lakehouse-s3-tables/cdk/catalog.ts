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
  /** The S3 Tables table bucket and namespace of the curated tables. */
  readonly tableBucketArn: string;
  /** How cdk-nag prints the table bucket's ARN, for the acknowledgement of its tables. */
  readonly tableBucketNagArn: string;
  readonly curatedNamespace: string;
  readonly datasetName: string;
  readonly ingestSchedule: string;
  readonly crawlNewFoldersOnly: boolean;
  readonly etlWorkerType: string;
  readonly etlWorkers: number;
  readonly etlTimeoutMinutes: number;
}

/** The name the job gives the S3 Tables catalog in Spark. */
export const SPARK_CATALOG = 'lakehouse';

/**
 * The Glue side: the raw database, one security configuration, a crawler over the raw dataset, the
 * raw-to-curated Spark job that writes the Iceberg table in S3 Tables through its Iceberg REST endpoint,
 * and a workflow that runs the crawler on a schedule and the job after every successful crawl. Each of
 * the two runners has its own least-privilege role.
 */
/** The Spark settings of the S3 Tables catalog, as one --conf value (Glue takes one, with further --conf in it). */
export function sparkConf(opts: { readonly catalog: string; readonly warehouse: string }): string {
  const c = `spark.sql.catalog.${opts.catalog}`;
  return [
    'spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
    `${c}=org.apache.iceberg.spark.SparkCatalog`,
    `${c}.type=rest`,
    `${c}.uri=https://s3tables.${Aws.REGION}.amazonaws.com/iceberg`,
    `${c}.warehouse=${opts.warehouse}`,
    `${c}.rest.sigv4-enabled=true`,
    `${c}.rest.signing-name=s3tables`,
    `${c}.rest.signing-region=${Aws.REGION}`,
    `${c}.io-impl=org.apache.iceberg.aws.s3.S3FileIO`,
  ].join(' --conf ');
}

export class GlueIngest extends Construct {
  readonly rawDatabase: glue.CfnDatabase;
  readonly crawler: glue.CfnCrawler;
  readonly job: glue.CfnJob;
  readonly workflow: glue.CfnWorkflow;
  readonly crawlerRole: iam.Role;
  readonly jobRole: iam.Role;
  readonly script: s3assets.Asset;

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

    // --- The raw database stays under IAM control: new tables grant ALL to IAM_ALLOWED_PRINCIPALS, so the
    // crawler and engineers with IAM rights use it as before. Curated tables live in S3 Tables.
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

    // --- Job role: read raw, create and commit to the curated Iceberg tables in the one namespace.
    this.script = new s3assets.Asset(this, 'EtlScript', { path: ETL_SCRIPT });
    this.jobRole = new iam.Role(this, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: `Glue ETL job of ${props.namePrefix}: raw ${datasetName} to the curated Iceberg table in S3 Tables`,
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
        resources: [storage.rawBucket.bucketArn],
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
        sid: 'FindTheTableBucket',
        actions: ['s3tables:GetTableBucket', 's3tables:GetNamespace', 's3tables:ListTables'],
        resources: [props.tableBucketArn],
      }),
    );
    this.jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CommitCuratedTables',
        actions: [
          's3tables:CreateTable',
          's3tables:GetTable',
          's3tables:GetTableMetadataLocation',
          's3tables:UpdateTableMetadataLocation',
          's3tables:GetTableData',
          's3tables:PutTableData',
        ],
        resources: [props.tableBucketArn, `${props.tableBucketArn}/table/*`],
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
      description: `Replaces the days of the curated ${datasetName} Iceberg table that got new raw files, one commit per run`,
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
        // Glue 5.0 ships Iceberg; the job reaches S3 Tables through its Iceberg REST endpoint, signed with SigV4.
        '--datalake-formats': 'iceberg',
        '--conf': sparkConf({ catalog: SPARK_CATALOG, warehouse: props.tableBucketArn }),
        '--curated_catalog': SPARK_CATALOG,
        '--curated_namespace': props.curatedNamespace,
        '--curated_table': datasetName,
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
      tables(props.rawDatabaseName),
      [
        `${props.tableBucketNagArn}/table/*`,
        "Tables of this stack's table bucket; the job creates the curated table on its first run, so its ARN does not exist at deploy time.",
      ],
      [
        '*',
        'cloudwatch:PutMetricData has no resource-level permissions; metrics are limited to the Glue namespace by condition.',
      ],
      ...logs('jobs'),
    ]);
  }
}
