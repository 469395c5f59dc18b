import { Aws, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The columns of the landing table; the Flink job writes rows of exactly this shape. */
export const COLUMNS: readonly { readonly name: string; readonly type: string; readonly comment: string }[] = [
  { name: 'event_id', type: 'string', comment: 'Producer-assigned id; with the stream, the key for deduplication' },
  { name: 'event_type', type: 'string', comment: 'Kind of event' },
  { name: 'event_time', type: 'timestamp', comment: 'When the event happened, from the record' },
  { name: 'source', type: 'string', comment: 'Producer that wrote it' },
  { name: 'payload', type: 'string', comment: 'The record body as JSON text' },
  { name: 'shard_id', type: 'string', comment: 'Kinesis shard the record came from' },
  { name: 'sequence_number', type: 'string', comment: 'Kinesis sequence number within the shard' },
  { name: 'arrival_time', type: 'timestamp', comment: 'When Kinesis received the record' },
];
/** The partition column: the UTC day of event_time. */
export const PARTITION = { name: 'event_date', type: 'date', comment: 'UTC day of event_time' };

export interface IcebergTableProps {
  readonly databaseName: string;
  readonly tableName: string;
  readonly warehouse: s3.IBucket;
  readonly key: kms.IKey;
  /** Create Glue table optimizers: compaction, snapshot retention and orphan file deletion. */
  readonly optimizers: boolean;
  readonly snapshotRetentionDays: number;
}

/**
 * The Glue Data Catalog database and the Apache Iceberg table the Flink job commits to. The table is
 * declared here, with its columns and partition column, so that its schema changes by review and deploy,
 * not by whatever a job version writes. With optimizers on, Glue compacts the small files every checkpoint
 * commits, expires old snapshots and removes orphan files, with its own role.
 */
export class IcebergTable extends Construct {
  readonly database: glue.CfnDatabase;
  readonly table: glue.CfnTable;
  readonly location: string;
  readonly optimizers: glue.CfnTableOptimizer[] = [];

  constructor(scope: Construct, id: string, props: IcebergTableProps) {
    super(scope, id);
    this.location = `s3://${props.warehouse.bucketName}/${props.databaseName}/${props.tableName}`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: props.databaseName,
        description: 'Iceberg tables that the streaming job lands events in',
        locationUri: `s3://${props.warehouse.bucketName}/${props.databaseName}`,
      },
    });
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: props.databaseName,
      tableInput: {
        name: props.tableName,
        description: 'Events from the stream, one row per record, committed at each Flink checkpoint',
        tableType: 'EXTERNAL_TABLE',
        storageDescriptor: {
          location: this.location,
          columns: COLUMNS.map((c) => ({ ...c })),
        },
        partitionKeys: [{ ...PARTITION }],
      },
      openTableFormatInput: { icebergInput: { metadataOperation: 'CREATE', version: '2' } },
    });
    this.table.addResourceDependency(this.database);

    if (props.optimizers) this.addOptimizers(props);
  }

  private addOptimizers(props: IcebergTableProps): void {
    const stack = Stack.of(this);
    const tableArn = stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.databaseName}/${props.tableName}` });
    const role = new iam.Role(this, 'OptimizerRole', {
      description: `Glue table optimizers of ${props.databaseName}.${props.tableName}`,
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });
    const prefix = `${props.databaseName}/${props.tableName}/*`;
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'TableFiles',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [props.warehouse.arnForObjects(prefix)],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListTheTable',
        actions: ['s3:ListBucket'],
        resources: [props.warehouse.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${props.databaseName}/${props.tableName}/*`] } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CommitToTheTable',
        actions: ['glue:GetTable', 'glue:UpdateTable', 'glue:GetDatabase'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: props.databaseName }),
          tableArn,
        ],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'DataKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.warehouse.node.defaultChild as CfnResource)}.Arn>/${prefix}]`,
      reason: 'Compaction and orphan file deletion rewrite and delete files of this table only; the grant is limited to its location.',
    });
    const optimizer = (type: string, configuration: Partial<glue.CfnTableOptimizer.TableOptimizerConfigurationProperty>): void => {
      const o = new glue.CfnTableOptimizer(this, `Optimizer${type.replace(/(^|_)(\w)/gu, (_m, _s, c: string) => c.toUpperCase())}`, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: props.databaseName,
        tableName: props.tableName,
        type,
        tableOptimizerConfiguration: { roleArn: role.roleArn, enabled: true, ...configuration },
      });
      o.addResourceDependency(this.table);
      this.optimizers.push(o);
    };
    optimizer('compaction', {});
    optimizer('retention', {
      retentionConfiguration: {
        icebergConfiguration: {
          snapshotRetentionPeriodInDays: props.snapshotRetentionDays,
          numberOfSnapshotsToRetain: 1,
          cleanExpiredFiles: true,
        },
      },
    });
    optimizer('orphan_file_deletion', {
      orphanFileDeletionConfiguration: { icebergConfiguration: { orphanFileRetentionPeriodInDays: 3, location: this.location } },
    });
  }
}
