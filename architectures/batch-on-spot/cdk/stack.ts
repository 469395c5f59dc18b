import { Aws, CfnOutput, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { BatchCompute } from './compute.ts';
import { BatchNetwork } from './network.ts';
import { BatchStorage, PREFIX } from './storage.ts';
import type { Parameters } from './parameters.generated.ts';

export interface BatchOnSpotStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * Retry strategy of the job definition: retry when the instance went away under the job (a Spot
 * interruption or any other termination of the host), stop on everything else, such as a non-zero exit
 * code, a timeout or an image that cannot be pulled.
 */
export const EVALUATE_ON_EXIT = [
  { onStatusReason: 'Host EC2*', action: 'RETRY' },
  // Two catch-alls: without a match AWS Batch would retry, and not every failed attempt has a reason.
  { onStatusReason: '*', action: 'EXIT' },
  { onReason: '*', action: 'EXIT' },
] as const;

/** Instance families or types whose name marks them as Graviton (arm64), such as m7g or c6gd.large. */
const isArm = (type: string): boolean => /^[a-z]+\d+g[a-z]*(\.|$)/u.test(type);

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`${days} days is not a CloudWatch Logs retention period`);
  return match;
}

/**
 * Batch processing on Spot: a Spot compute environment (with an optional On-Demand one behind it) in
 * private subnets, a job queue, a job definition that retries interrupted attempts and stops on
 * application errors, an encrypted data bucket and log group, and alerts on failed jobs.
 */
export default class BatchOnSpotStack extends Stack {
  constructor(scope: Construct, id: string, props: BatchOnSpotStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    // S3 server access logs are granted by a bucket policy for logging.s3.amazonaws.com limited to the data
    // bucket, rather than by the legacy LogDeliveryWrite canned ACL (CDK's default without this flag).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    const instanceTypes = p.instanceTypes
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    const arm = instanceTypes.filter(isArm);
    if (arm.length > 0 && arm.length < instanceTypes.length)
      throw new Error(
        `instanceTypes mixes Graviton (${arm.join(', ')}) and x86 types; a job queue needs one architecture`,
      );

    const storage = new BatchStorage(this, 'Storage', {
      jobLogGroupName: `/aws/batch/${stackName}`,
      logRetention: retentionOf(p.logRetentionDays),
      retainData: p.retainData,
    });
    const { key, dataBucket, jobLogGroup } = storage;

    const network = new BatchNetwork(this, 'Network', {
      vpcCidr: p.vpcCidr,
      azCount: p.azCount,
      natGatewayPerAz: p.natGatewayPerAz,
      flowLogBucket: storage.logBucket,
    });

    const compute = new BatchCompute(this, 'Compute', {
      vpc: network.vpc,
      securityGroup: network.instanceSecurityGroup,
      instanceTypes,
      spotMaxVcpus: p.spotMaxVcpus,
      onDemandMaxVcpus: p.onDemandMaxVcpus,
      rootVolumeSizeGiB: p.rootVolumeSizeGiB,
      runnableTimeoutMinutes: p.runnableTimeoutMinutes,
      jobLogGroup,
    });

    // --- Roles of the job: the execution role pulls the image and writes logs, the job role is what the code gets.
    // The trust AWS Batch documents for job and execution roles.
    const tasks = new iam.ServicePrincipal('ecs-tasks.amazonaws.com');
    const executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: tasks,
      description: `Pulls job images from ECR of this account and writes the job logs of ${stackName}`,
    });
    executionRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
    );
    executionRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PullPrivateImagesOfThisAccount',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        resources: [`arn:${Aws.PARTITION}:ecr:${Aws.REGION}:${Aws.ACCOUNT_ID}:repository/*`],
      }),
    );
    executionRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteJobLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [jobLogGroup.logGroupArn],
      }),
    );
    Validations.of(executionRole).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ecr:GetAuthorizationToken does not support resource-level permissions; it only returns a registry login token.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:<AWS::AccountId>:repository/*]',
        reason:
          'Read-only image pulls from any ECR repository of this account and Region, so containerImage can name a private repository without a stack change; public images need no permission.',
      },
    );

    const jobRole = new iam.Role(this, 'JobRole', {
      assumedBy: tasks,
      description: `What the code of ${stackName} jobs may do: read input/, write output/, use checkpoints/`,
    });
    const objects = (prefix: string) => dataBucket.arnForObjects(`${prefix}*`);
    jobRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'ReadInput', actions: ['s3:GetObject'], resources: [objects(PREFIX.input)] }),
    );
    jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOutput',
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [objects(PREFIX.output)],
      }),
    );
    jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Checkpoints',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [objects(PREFIX.checkpoints)],
      }),
    );
    jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListOwnPrefixes',
        actions: ['s3:ListBucket'],
        resources: [dataBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': Object.values(PREFIX).map((x) => `${x}*`) } },
      }),
    );
    jobRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseTheBucketKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }),
    );
    const bucketLogicalId = this.getLogicalId(dataBucket.node.defaultChild as s3.CfnBucket);
    for (const prefix of Object.values(PREFIX)) {
      Validations.of(jobRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
        reason: `Objects below ${prefix} of the stack's own data bucket only; job code chooses the object names, so they cannot be listed in advance.`,
      });
    }

    // --- Job definition.
    const command = p.jobCommand.split(' ').filter((w) => w !== '');
    const jobDefinition = new batch.CfnJobDefinition(this, 'JobDefinition', {
      type: 'container',
      platformCapabilities: ['EC2'],
      propagateTags: true,
      containerProperties: {
        image: p.containerImage,
        ...(command.length > 0 && { command }),
        jobRoleArn: jobRole.roleArn,
        executionRoleArn: executionRole.roleArn,
        resourceRequirements: [
          { type: 'VCPU', value: String(p.jobVcpus) },
          { type: 'MEMORY', value: String(p.jobMemoryMiB) },
        ],
        environment: [
          { name: 'DATA_BUCKET', value: dataBucket.bucketName },
          { name: 'INPUT_PREFIX', value: PREFIX.input },
          { name: 'OUTPUT_PREFIX', value: PREFIX.output },
          { name: 'CHECKPOINT_PREFIX', value: PREFIX.checkpoints },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': jobLogGroup.logGroupName,
            'awslogs-region': Aws.REGION,
            'awslogs-stream-prefix': 'job',
          },
        },
        privileged: false,
      },
      // Defaults for Ref::inputUri and Ref::outputUri in the command; override them with submit-job --parameters.
      parameters: {
        inputUri: `s3://${dataBucket.bucketName}/${PREFIX.input}sample.txt`,
        outputUri: `s3://${dataBucket.bucketName}/${PREFIX.output}sample.txt`,
      },
      retryStrategy: { attempts: p.retryAttempts, evaluateOnExit: EVALUATE_ON_EXIT.map((e) => ({ ...e })) },
      timeout: { attemptDurationSeconds: p.attemptTimeoutMinutes * 60 },
    });

    // --- Alerts: one message per failed job, after its last attempt; array children are summed up by their parent.
    const topic = new sns.Topic(this, 'AlertTopic', {
      displayName: `${stackName} failed Batch jobs`,
      masterKey: key,
      enforceSSL: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    if (p.alertEmail !== '') topic.addSubscription(new subscriptions.EmailSubscription(p.alertEmail));
    const field = (path: string) => events.EventField.fromPath(path);
    new events.Rule(this, 'JobFailedRule', {
      description: `Failed jobs of the ${stackName} queue, after their last attempt`,
      eventPattern: {
        source: ['aws.batch'],
        detailType: ['Batch Job State Change'],
        detail: {
          status: ['FAILED'],
          jobQueue: [compute.queue.attrJobQueueArn],
          // Children of an array job are left out: their parent fails too, once, when all have ended.
          arrayProperties: { index: events.Match.doesNotExist() },
        },
      },
      targets: [
        new targets.SnsTopic(topic, {
          message: events.RuleTargetInput.fromText(
            `AWS Batch job ${field('$.detail.jobName')} (${field('$.detail.jobId')}) failed: ${field('$.detail.statusReason')}`,
          ),
        }),
      ],
    });

    // --- Outputs.
    new CfnOutput(this, 'JobQueueArn', {
      value: compute.queue.attrJobQueueArn,
      description: 'Job queue to submit to.',
    });
    new CfnOutput(this, 'JobDefinitionArn', { value: jobDefinition.ref, description: 'Job definition (revision).' });
    new CfnOutput(this, 'SpotComputeEnvironmentArn', {
      value: compute.spot.attrComputeEnvironmentArn,
      description: 'Spot compute environment, order 1 in the queue.',
    });
    new CfnOutput(this, 'OnDemandComputeEnvironmentArn', {
      value: compute.onDemand?.attrComputeEnvironmentArn ?? 'none',
      description: 'On-Demand compute environment, order 2, or none.',
    });
    new CfnOutput(this, 'DataBucketName', {
      value: dataBucket.bucketName,
      description: 'Bucket for input/, output/ and checkpoints/.',
    });
    new CfnOutput(this, 'JobLogGroupName', {
      value: jobLogGroup.logGroupName,
      description: 'Log group of the job containers.',
    });
    new CfnOutput(this, 'AlertTopicArn', { value: topic.topicArn, description: 'SNS topic for failed jobs.' });
    new CfnOutput(this, 'JobRoleArn', { value: jobRole.roleArn, description: 'Role the job code runs with.' });
    new CfnOutput(this, 'KmsKeyArn', {
      value: key.keyArn,
      description: 'Key of the data bucket, job logs and alerts.',
    });
    new CfnOutput(this, 'VpcId', { value: network.vpc.vpcId, description: 'VPC of the compute environments.' });
    new CfnOutput(this, 'PrivateSubnetIds', {
      value: Fn.join(
        ',',
        network.vpc.privateSubnets.map((s) => s.subnetId),
      ),
      description: 'Private subnets the instances run in.',
    });
  }
}
