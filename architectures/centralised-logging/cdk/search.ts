import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Aws, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ARCHIVE_PREFIX } from './archive.ts';

export interface LogSearchProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly instanceType: string;
  readonly dataNodes: number;
  readonly volumeGiB: number;
  readonly dedicatedMasters: boolean;
  readonly adminRoleArn: string;
  readonly indexerMaxConcurrency: number;
  readonly archive: s3.IBucket;
  readonly flowLogBucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Names of this construct's log groups, decided by the stack so its key policy can name them. */
  readonly logGroupNames: { readonly indexer: string; readonly domain: Readonly<Record<DomainLogType, string>> };
}

/** OpenSearch engine of the domain. */
export const ENGINE_VERSION = 'OpenSearch_2.19';
/** Daily indices cwl-YYYY.MM.DD; an Index State Management policy on cwl-* deletes old ones. */
export const INDEX_PREFIX = 'cwl-';
/** The log types the domain publishes; cdk-nag asks for both slow logs. */
export const DOMAIN_LOG_TYPES = ['INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS', 'ES_APPLICATION_LOGS'] as const;
export type DomainLogType = (typeof DOMAIN_LOG_TYPES)[number];

/** CloudFormation's limit for inline Lambda code. */
export const INLINE_CODE_LIMIT = 4096;

/** The indexer as it ships inline: lambda/index.js without comment lines and indentation. */
export function inlineIndexerSource(): string {
  return readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/** A domain name that is short enough (28 characters) and stable for a stack name. */
export const domainNameOf = (stackName: string): string =>
  `logs-${createHash('sha256').update(stackName).digest('hex').slice(0, 10)}`;

/**
 * The optional search tier: an OpenSearch Service domain in a VPC, and an indexer that loads each object
 * Firehose writes to the archive (S3 event, EventBridge, SQS, Lambda) with one document per log event.
 */
export class LogSearch extends Construct {
  readonly domain: opensearch.CfnDomain;
  readonly indexer: lambda.Function;
  readonly indexerRole: iam.Role;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly vpc: ec2.Vpc;
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: LogSearchProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.domainName = domainNameOf(stack.stackName);

    // --- Network: isolated subnets only; the indexer reaches S3 through the gateway endpoint.
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: false,
    });
    this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toS3(props.flowLogBucket, 'vpc-flow-logs/'),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    const domainSg = new ec2.SecurityGroup(this, 'DomainSecurityGroup', {
      vpc: this.vpc,
      description: 'OpenSearch domain: HTTPS from the VPC only',
      allowAllOutbound: false,
    });
    domainSg.addIngressRule(
      ec2.Peer.ipv4(props.vpcCidr),
      ec2.Port.tcp(443),
      'HTTPS from the indexer and from operators inside the VPC',
    );
    const indexerSg = new ec2.SecurityGroup(this, 'IndexerSecurityGroup', {
      vpc: this.vpc,
      description: 'Log indexer: no inbound rules, HTTPS out to the domain and the S3 gateway endpoint',
      allowAllOutbound: false,
    });
    indexerSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS; the subnets have no route to the internet');

    // --- Domain logs, encrypted with the stack key.
    const domainLogGroups = Object.fromEntries(
      DOMAIN_LOG_TYPES.map((type) => [
        type,
        new logs.LogGroup(this, `${type}Group`, {
          logGroupName: props.logGroupNames.domain[type],
          encryptionKey: props.key,
          retention: props.logRetention,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      ]),
    ) as Record<DomainLogType, logs.LogGroup>;
    const logPolicy = new logs.CfnResourcePolicy(this, 'DomainLogsPolicy', {
      policyName: `${stack.stackName}-opensearch-logs`,
      policyDocument: stack.toJsonString({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'es.amazonaws.com' },
            Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
            Resource: DOMAIN_LOG_TYPES.map((t) => domainLogGroups[t].logGroupArn),
            Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
        ],
      }),
    });

    // --- The domain: zone awareness over the zones, encryption at rest and in transit, fine-grained access.
    const domainArn = stack.formatArn({ service: 'es', resource: 'domain', resourceName: this.domainName });
    this.domain = new opensearch.CfnDomain(this, 'Domain', {
      domainName: this.domainName,
      engineVersion: ENGINE_VERSION,
      clusterConfig: {
        instanceType: props.instanceType,
        instanceCount: props.dataNodes,
        zoneAwarenessEnabled: true,
        zoneAwarenessConfig: { availabilityZoneCount: props.azCount },
        dedicatedMasterEnabled: props.dedicatedMasters,
        ...(props.dedicatedMasters && { dedicatedMasterType: 'm6g.large.search', dedicatedMasterCount: 3 }),
      },
      ebsOptions: { ebsEnabled: true, volumeType: 'gp3', volumeSize: props.volumeGiB },
      encryptionAtRestOptions: { enabled: true, kmsKeyId: props.key.keyId },
      nodeToNodeEncryptionOptions: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
      // Fine-grained access control decides what each caller may do; the administrators' IAM role is the master user.
      advancedSecurityOptions: {
        enabled: true,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: props.adminRoleArn },
      },
      // Signed requests from principals of this account reach fine-grained access control, which authorizes them.
      accessPolicies: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` },
            Action: 'es:ESHttp*',
            Resource: `${domainArn}/*`,
          },
        ],
      },
      vpcOptions: {
        subnetIds: this.vpc.isolatedSubnets.map((s) => s.subnetId),
        securityGroupIds: [domainSg.securityGroupId],
      },
      logPublishingOptions: Object.fromEntries(
        DOMAIN_LOG_TYPES.map((t) => [t, { enabled: true, cloudWatchLogsLogGroupArn: domainLogGroups[t].logGroupArn }]),
      ),
      softwareUpdateOptions: { autoSoftwareUpdateEnabled: true },
    });
    this.domain.node.addDependency(logPolicy);
    // The index is rebuilt from the archive; the archive, not the domain, is the record.
    this.domain.applyRemovalPolicy(RemovalPolicy.DESTROY);
    Validations.of(this.domain).acknowledge({
      id: 'AwsSolutions-OS3',
      reason:
        'The domain lives in a VPC, where OpenSearch Service does not support IP-based access policies; its security group admits HTTPS from the VPC CIDR only, and fine-grained access control authorizes every signed request.',
    });
    if (!props.dedicatedMasters) {
      Validations.of(this.domain).acknowledge({
        id: 'AwsSolutions-OS4',
        reason:
          'Dedicated master nodes are a parameter (openSearchDedicatedMasters), off by default to keep a log search domain small; turn them on for more than a few data nodes or heavy cluster-state changes.',
      });
    }

    // --- Indexer: S3 Object Created events through EventBridge into a queue, then a Lambda function in the VPC.
    this.deadLetterQueue = new sqs.Queue(this, 'IndexerDeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This is the dead-letter queue of the indexer queue; its messages name archived objects and are moved back to replay them.',
    });
    this.queue = new sqs.Queue(this, 'IndexerQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Six times the function timeout, as AWS recommends for SQS event sources.
      visibilityTimeout: Duration.minutes(30),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    new events.Rule(this, 'ArchivedObjectRule', {
      description: `New objects under ${ARCHIVE_PREFIX} in the log archive, to be indexed into OpenSearch`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.archive.bucketName] }, object: { key: [{ prefix: ARCHIVE_PREFIX }] } },
      },
      targets: [new targets.SqsQueue(this.queue)],
    });

    const indexerLogGroup = new logs.LogGroup(this, 'IndexerLogGroup', {
      logGroupName: props.logGroupNames.indexer,
      encryptionKey: props.key,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.indexerRole = new iam.Role(this, 'IndexerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Indexes archived log objects of ${stack.stackName} into OpenSearch`,
    });
    this.indexerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadArchivedLogs',
        actions: ['s3:GetObject'],
        resources: [props.archive.arnForObjects(`${ARCHIVE_PREFIX}*`)],
      }),
    );
    this.indexerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DecryptArchivedLogs',
        actions: ['kms:Decrypt'],
        resources: [props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }),
    );
    this.indexerRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'BulkIndex', actions: ['es:ESHttpPost'], resources: [`${domainArn}/_bulk`] }),
    );
    this.indexerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [indexerLogGroup.logGroupArn],
      }),
    );
    const vpcAccess = new iam.Policy(this, 'IndexerVpcAccess', {
      roles: [this.indexerRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'NetworkInterfacesInTheVpc',
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(vpcAccess).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Lambda creates and removes the network interfaces of a function in a VPC with these calls, which AWS documents with Resource "*" (as in AWSLambdaVPCAccessExecutionRole); they touch no data.',
    });
    Validations.of(this.indexerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.archive.node.defaultChild as s3.CfnBucket)}.Arn>/${ARCHIVE_PREFIX}*]`,
      reason: `Read-only access to the objects Firehose writes under ${ARCHIVE_PREFIX}; their names carry the arrival time, so they cannot be listed in advance.`,
    });

    const source = inlineIndexerSource();
    if (source.length > INLINE_CODE_LIMIT)
      throw new Error(`lambda/index.js ships ${source.length} characters inline, over ${INLINE_CODE_LIMIT}`);
    this.indexer = new lambda.Function(this, 'Indexer', {
      functionName: props.logGroupNames.indexer.split('/').pop(),
      description: 'Indexes each archived CloudWatch Logs object into OpenSearch, one document per log event',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      role: this.indexerRole,
      logGroup: indexerLogGroup,
      memorySize: 1024,
      timeout: Duration.minutes(5),
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [indexerSg],
      environment: { DOMAIN_ENDPOINT: this.domain.attrDomainEndpoint, INDEX_PREFIX },
    });
    this.indexer.node.addDependency(vpcAccess);
    this.indexer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 5,
        maxConcurrency: props.indexerMaxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }

  /** Alarms on the search tier: cluster health, storage, blocked writes, memory, indexer errors and parked objects. */
  alarms(volumeGiB: number): cloudwatch.Alarm[] {
    const stack = Stack.of(this).stackName;
    const es = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ES',
        metricName,
        dimensionsMap: { DomainName: this.domainName, ClientId: Aws.ACCOUNT_ID },
        statistic,
        period: Duration.minutes(5),
      });
    const alarm = (
      id: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      op: cloudwatch.ComparisonOperator,
      periods = 1,
    ) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `${stack}: ${description}`,
        metric,
        threshold,
        comparisonOperator: op,
        evaluationPeriods: periods,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const ge = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    return [
      alarm(
        'ClusterRedAlarm',
        'the OpenSearch domain is red: a primary shard is unassigned and indexing into it fails',
        es('ClusterStatus.red', 'Maximum'),
        1,
        ge,
      ),
      alarm(
        'ClusterYellowAlarm',
        'the OpenSearch domain is yellow: replicas are unassigned, usually a lost node or zone',
        es('ClusterStatus.yellow', 'Maximum'),
        1,
        ge,
        3,
      ),
      alarm(
        'FreeStorageAlarm',
        'a data node has less than a quarter of its volume free; delete old indices or add storage',
        es('FreeStorageSpace', 'Minimum'),
        volumeGiB * 1024 * 0.25,
        cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      ),
      alarm(
        'WritesBlockedAlarm',
        'the domain blocks writes (disk or memory pressure); new log events are not indexed',
        es('ClusterIndexWritesBlocked', 'Maximum'),
        1,
        ge,
      ),
      alarm(
        'JvmPressureAlarm',
        'JVM memory pressure of a node is above 85 percent',
        es('JVMMemoryPressure', 'Maximum'),
        85,
        ge,
        3,
      ),
      alarm(
        'IndexerErrorsAlarm',
        'the indexer function failed',
        this.indexer.metricErrors({ period: Duration.minutes(5) }),
        1,
        ge,
      ),
      alarm(
        'ParkedObjectsAlarm',
        'archived objects failed indexing five times and wait in the dead-letter queue; fix the cause and move them back',
        this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        1,
        ge,
      ),
    ];
  }
}
