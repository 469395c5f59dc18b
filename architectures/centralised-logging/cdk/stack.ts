import { ArnFormat, Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { LogArchive } from './archive.ts';
import { LogDelivery } from './delivery.ts';
import { DOMAIN_LOG_TYPES, LogSearch, type DomainLogType } from './search.ts';
import { LogSources } from './sources.ts';
import type { Parameters } from './parameters.generated.ts';

export interface CentralisedLoggingStackProps extends StackProps {
  readonly parameters: Parameters;
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`${days} days is not a CloudWatch Logs retention period`);
  return match;
}

/** Checks combinations the parameter rules alone cannot express. */
function checkParameters(p: Parameters): void {
  if (p.glacierTransitionDays > 0 && p.expirationDays <= p.glacierTransitionDays)
    throw new Error('expirationDays must be greater than glacierTransitionDays');
  if (!p.openSearchEnabled) return;
  if (p.openSearchAdminRoleArn === '')
    throw new Error('openSearchEnabled needs openSearchAdminRoleArn, the IAM role that administers the domain');
  if (p.extractMessages)
    throw new Error(
      'openSearchEnabled needs extractMessages=false: the indexer reads log group and stream from each record',
    );
  if (p.openSearchDataNodes % p.openSearchAzCount !== 0)
    throw new Error(
      `openSearchDataNodes (${p.openSearchDataNodes}) must be a multiple of openSearchAzCount (${p.openSearchAzCount})`,
    );
}

/**
 * Centralised logging: CloudWatch Logs of this account (subscription filters or an account-wide policy) and of
 * other accounts (a CloudWatch Logs destination) into one Firehose stream, which decompresses the records and
 * writes them to an encrypted S3 archive; optionally an OpenSearch domain indexed from that archive.
 */
export default class CentralisedLoggingStack extends Stack {
  constructor(scope: Construct, id: string, props: CentralisedLoggingStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    checkParameters(p);
    const stackName = Stack.of(this).stackName;
    // S3 server access logs are granted by a bucket policy for logging.s3.amazonaws.com limited to the archive
    // bucket, rather than by the legacy LogDeliveryWrite canned ACL (CDK's default without this flag).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const retention = retentionOf(p.logRetentionDays);

    // Names of the pipeline's own log groups: the key policy names them, and an account-wide subscription leaves them out.
    const logGroupNames = {
      firehose: `/aws/kinesisfirehose/${stackName}`,
      indexer: `/aws/lambda/${stackName}-indexer`,
      domain: Object.fromEntries(
        DOMAIN_LOG_TYPES.map((t) => [t, `/aws/opensearch/${stackName}/${t.toLowerCase().replace(/_/gu, '-')}`]),
      ) as Record<DomainLogType, string>,
    };
    const ownLogGroups = [
      logGroupNames.firehose,
      ...(p.openSearchEnabled ? [logGroupNames.indexer, ...Object.values(logGroupNames.domain)] : []),
    ];

    // --- One key for the archive, the Firehose stream, the log groups, the topic and the queues.
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the log archive, Firehose records, log groups, alerts and queues of ${stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // The key must live as long as the archive it protects.
      removalPolicy: p.retainArchive ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const logGroupArn = (name: string) =>
      this.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': ownLogGroups.map(logGroupArn) } },
      }),
    );
    const services = ['cloudwatch.amazonaws.com', ...(p.openSearchEnabled ? ['events.amazonaws.com'] : [])];
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsAndEventsToEncryptedTopicAndQueue',
        principals: services.map((s) => new iam.ServicePrincipal(s)),
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    // --- Archive bucket and its access logs.
    const archive = new LogArchive(this, 'Archive', {
      key,
      glacierTransitionDays: p.glacierTransitionDays,
      expirationDays: p.expirationDays,
      objectLockMode: p.objectLockMode,
      objectLockRetentionDays: p.objectLockRetentionDays,
      retain: p.retainArchive,
      eventBridge: p.openSearchEnabled,
    });

    // --- Firehose stream with built-in decompression, and its error log group.
    const firehoseLogGroup = new logs.LogGroup(this, 'FirehoseErrorLogGroup', {
      logGroupName: logGroupNames.firehose,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const delivery = new LogDelivery(this, 'Delivery', {
      bucket: archive.bucket,
      key,
      errorLogGroup: firehoseLogGroup,
      bufferIntervalSeconds: p.bufferIntervalSeconds,
      bufferSizeMiB: p.bufferSizeMiB,
      extractMessages: p.extractMessages,
    });

    // --- Sources: this account's log groups, the whole account, and other accounts through the destination.
    const sources = new LogSources(this, 'Sources', {
      streamArn: delivery.stream.attrArn,
      logGroupNames: list(p.logGroupNames),
      accountWideSubscription: p.accountWideSubscription,
      excludedLogGroupNames: ownLogGroups,
      filterPattern: p.filterPattern,
      organizationId: p.organizationId,
      sourceAccountIds: list(p.sourceAccountIds),
    });

    // --- Optional search tier.
    const search = p.openSearchEnabled
      ? new LogSearch(this, 'Search', {
          vpcCidr: p.openSearchVpcCidr,
          azCount: p.openSearchAzCount,
          instanceType: p.openSearchInstanceType,
          dataNodes: p.openSearchDataNodes,
          volumeGiB: p.openSearchVolumeGiB,
          dedicatedMasters: p.openSearchDedicatedMasters,
          adminRoleArn: p.openSearchAdminRoleArn,
          indexerMaxConcurrency: p.indexerMaxConcurrency,
          archive: archive.bucket,
          flowLogBucket: archive.accessLogBucket,
          key,
          logRetention: retention,
          logGroupNames,
        })
      : undefined;

    // --- Alerts.
    const topic = new sns.Topic(this, 'AlertTopic', {
      displayName: `${stackName} log pipeline alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (p.alertEmail !== '') topic.addSubscription(new subscriptions.EmailSubscription(p.alertEmail));
    const alarms = [...delivery.alarms(p.bufferIntervalSeconds), ...(search?.alarms(p.openSearchVolumeGiB) ?? [])];
    for (const alarm of alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));

    // --- Outputs.
    const none = (value: string | undefined) => value ?? 'none';
    new CfnOutput(this, 'DestinationArn', {
      value: sources.destination.attrArn,
      description: 'CloudWatch Logs destination for subscription filters in other accounts.',
    });
    new CfnOutput(this, 'DeliveryStreamName', { value: delivery.stream.ref, description: 'Firehose stream.' });
    new CfnOutput(this, 'LogsRoleArn', {
      value: sources.role.roleArn,
      description: 'Role CloudWatch Logs assumes to put records into the stream.',
    });
    new CfnOutput(this, 'ArchiveBucketName', { value: archive.bucket.bucketName, description: 'Log archive bucket.' });
    new CfnOutput(this, 'AccessLogBucketName', {
      value: archive.accessLogBucket.bucketName,
      description: 'Access log bucket.',
    });
    new CfnOutput(this, 'FirehoseErrorLogGroupName', {
      value: firehoseLogGroup.logGroupName,
      description: 'Firehose errors.',
    });
    new CfnOutput(this, 'AlertTopicArn', { value: topic.topicArn, description: 'SNS topic of the alarms.' });
    new CfnOutput(this, 'KmsKeyArn', {
      value: key.keyArn,
      description: 'Key of the archive, stream, logs and alerts.',
    });
    new CfnOutput(this, 'OpenSearchDomainEndpoint', {
      value: none(search?.domain.attrDomainEndpoint),
      description: 'VPC endpoint of the OpenSearch domain, or none.',
    });
    new CfnOutput(this, 'IndexerRoleArn', {
      value: none(search?.indexerRole.roleArn),
      description: 'Role to map to a writer role in OpenSearch, or none.',
    });
    new CfnOutput(this, 'IndexerDeadLetterQueueUrl', {
      value: none(search?.deadLetterQueue.queueUrl),
      description: 'Objects that failed indexing, or none.',
    });
  }
}
