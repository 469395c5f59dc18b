import { readFileSync } from 'node:fs';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Token, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { RegionAlarms } from './alarms.ts';
import { LatencyDns } from './latency-dns.ts';
import { HEALTH_PATH, WebTier } from './web-tier.ts';
import type { Parameters } from './parameters.generated.ts';

export interface MultiRegionActiveActiveStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The Region sets of multi-Region strong consistency: replicas and witness must all be in one. */
export const MRSC_REGION_SETS = [
  ['us-east-1', 'us-east-2', 'us-west-2'],
  ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
] as const;

function regionSet(region: string): number {
  return MRSC_REGION_SETS.findIndex((set) => (set as readonly string[]).includes(region));
}

/** CloudFormation's historical limit for inline code, kept so the template stays readable. */
export const INLINE_CODE_LIMIT = 4096;

/** The handler as it ships inline: lambda/index.js without comment lines and indentation. */
export function inlineHandlerSource(): string {
  return readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/** The CloudWatch Logs retention period for a number of days; the parameter enums list only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`${days} days is not a CloudWatch Logs retention period`);
  return match;
}

/**
 * One Region of an active/active pair, deployed twice: role=primary in the Region that creates the
 * shared pieces, role=secondary in the other. Both serve reads and writes. Each Region has its own
 * load balancer, function, Route 53 health check and latency record; the primary stack also owns the
 * DynamoDB global table (replicas here and in peerRegion, and a witness in witnessRegion under
 * multi-Region strong consistency) and, by default, the hosted zone.
 */
export default class MultiRegionActiveActiveStack extends Stack {
  constructor(scope: Construct, id: string, props: MultiRegionActiveActiveStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    // The type of role is its enum (parameters.generated.ts), but a stack built outside oar gets whatever it is given.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (p.role !== 'primary' && p.role !== 'secondary') throw new Error('role must be primary or secondary');
    const role: 'primary' | 'secondary' = p.role;
    const primary = role === 'primary';
    const stackName = Stack.of(this).stackName;
    // Both stacks must agree on the name; the default assumes both Regions use the same oar environment name.
    const tableName = p.tableName === '' ? `${stackName}-items` : p.tableName;
    const retention = retentionOf(p.logRetentionDays);
    // The function gets a generated name (stack names with an environment can pass Lambda's 64 characters).
    const functionLogGroupName = `/${stackName}/web-function`;
    const flowLogGroupName = `/vpc-flow-logs/${stackName}`;

    // --- A key of this Region for the log groups and the alarm topic.
    const key = new kms.Key(this, 'RegionKey', {
      description: `Encrypts the logs and alarm topic of ${stackName} in this Region`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logGroupArn = (name: string): string =>
      `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${name}`;
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': [logGroupArn(functionLogGroupName), logGroupArn(flowLogGroupName)],
          },
        },
      }),
    );

    // --- Data: a global table created by the primary stack, with replicas here and in peerRegion. (L1: the
    // TableV2 construct refuses replicas in an environment-agnostic stack, since it cannot compare Regions.)
    if (primary) {
      if (!Token.isUnresolved(this.region) && this.region === p.peerRegion) {
        throw new Error('peerRegion must differ from the Region of the primary stack');
      }
      const strong = p.consistency === 'STRONG';
      const here = Token.isUnresolved(this.region) ? [] : [this.region];
      if (strong && [...here, p.peerRegion].includes(p.witnessRegion)) {
        throw new Error('witnessRegion must differ from this Region and peerRegion');
      }
      const sets = [...here, p.peerRegion, p.witnessRegion].map(regionSet);
      if (strong && (sets.includes(-1) || new Set(sets).size !== 1)) {
        throw new Error(
          `multi-Region strong consistency needs peerRegion and witnessRegion in one Region set: ${MRSC_REGION_SETS.map((r) => r.join(', ')).join('; ')}`,
        );
      }
      const replica = (region: string): dynamodb.CfnGlobalTable.ReplicaSpecificationProperty => ({
        region,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
        deletionProtectionEnabled: p.tableDeletionProtection,
      });
      const table = new dynamodb.CfnGlobalTable(this, 'GlobalTable', {
        tableName,
        attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
        keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
        billingMode: 'PAY_PER_REQUEST',
        // Chosen when the table is created and never changed: STRONG writes synchronously to a quorum of the two
        // replicas and the witness; EVENTUAL replicates through the stream with last writer wins.
        multiRegionConsistency: p.consistency,
        ...(strong
          ? { globalTableWitnesses: [{ region: p.witnessRegion }] }
          : { streamSpecification: { streamViewType: 'NEW_AND_OLD_IMAGES' } }),
        replicas: [replica(Aws.REGION), replica(p.peerRegion)],
      });
      // Deleting the table would delete every replica; it outlives the stack.
      table.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    const tableArn = `arn:${Aws.PARTITION}:dynamodb:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/${tableName}`;

    // --- Whether this Region is in service: true in both; the evacuation runbook sets it to false, which fails the
    // Region's health check (so DNS drains it) and fences its writes.
    const servingParameter = new ssm.StringParameter(this, 'InService', {
      parameterName: `/${stackName}/in-service`,
      description: 'true while this Region serves reads and writes; the evacuation runbook sets it to false',
      stringValue: 'true',
      allowedPattern: '^(true|false)$',
    });

    // --- The web tier function.
    const logGroup = new logs.LogGroup(this, 'FunctionLogs', {
      logGroupName: functionLogGroupName,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Inline policies only, so the function does not wait for a separate policy resource.
    const fnRole = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${stackName} web tier: read and write items in this Region's replica, read the in-service flag`,
      inlinePolicies: {
        WebTier: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'WriteOwnLogs',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
            new iam.PolicyStatement({
              sid: 'ItemsInThisRegionsReplica',
              actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              resources: [tableArn],
            }),
            new iam.PolicyStatement({
              sid: 'ReadTheInServiceFlag',
              actions: ['ssm:GetParameter'],
              resources: [servingParameter.parameterArn],
            }),
          ],
        }),
      },
    });
    const source = inlineHandlerSource();
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(
        `lambda/index.js ships ${source.length} characters inline, over ${INLINE_CODE_LIMIT}; shorten it`,
      );
    }
    const fn = new lambda.Function(this, 'WebFunction', {
      description: `${role} web tier of ${p.domainName}: items in the global table ${tableName}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      role: fnRole,
      logGroup,
      memorySize: p.functionMemoryMb,
      timeout: Duration.seconds(10),
      environment: { TABLE_NAME: tableName, IN_SERVICE_PARAMETER: servingParameter.parameterName, ROLE: role },
    });

    // --- Load balancer and network of this Region.
    const web = new WebTier(this, 'Web', {
      vpcCidr: p.vpcCidr,
      azCount: p.azCount,
      fn,
      certificateArn: p.certificateArn,
      logRetention: retention,
      key,
      flowLogGroupName,
    });

    // --- Latency routing with a health check of this Region.
    const dns = new LatencyDns(this, 'Dns', {
      role,
      domainName: p.domainName,
      hostedZoneId: p.hostedZoneId,
      acceleratedRecovery: p.acceleratedRecovery,
      loadBalancer: web.loadBalancer,
      healthCheckIntervalSeconds: p.healthCheckIntervalSeconds,
      healthCheckFailureThreshold: p.healthCheckFailureThreshold,
    });

    // --- Alarms.
    const alarms = new RegionAlarms(this, 'Alarms', {
      fn,
      tableName,
      peerRegion: p.peerRegion,
      healthCheckId: dns.healthCheck.attrHealthCheckId,
      replicationLatency: p.consistency === 'EVENTUAL',
      alarmEmail: p.alarmEmail,
      key,
    });

    // --- Outputs.
    const lbName = web.loadBalancer.loadBalancerDnsName;
    const outputs: Record<string, [string, string]> = {
      Role: [role, 'primary or secondary.'],
      Consistency: [p.consistency, 'Multi-Region consistency mode of the global table.'],
      ServiceUrl: [`${web.https ? 'https' : 'http'}://${p.domainName}`, 'URL clients use.'],
      RegionalEndpointUrl: [`${web.https ? 'https' : 'http'}://${lbName}`, 'This Region only.'],
      RegionalHealthUrl: [`http://${lbName}${HEALTH_PATH}`, 'Health path of this Region.'],
      LoadBalancerDnsName: [lbName, 'DNS name of the load balancer.'],
      HostedZoneId: [dns.hostedZoneId, 'Hosted zone with the latency records.'],
      NameServers: [dns.nameServers?.[0] ?? 'unchanged', 'Name servers to delegate to.'],
      HealthCheckId: [dns.healthCheck.attrHealthCheckId, 'Route 53 health check of this Region.'],
      TableName: [tableName, 'DynamoDB global table.'],
      InServiceParameterName: [servingParameter.parameterName, 'SSM parameter that evacuates this Region when false.'],
      FunctionName: [fn.functionName, 'Web tier function.'],
      AlarmTopicArn: [alarms.topic.topicArn, 'SNS topic of the alarms.'],
      AccessLogBucketName: [web.accessLogs.bucketName, 'Load balancer access logs.'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
  }
}
