import { Stack, Validations } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface BatchComputeProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly instanceTypes: readonly string[];
  readonly spotMaxVcpus: number;
  readonly onDemandMaxVcpus: number;
  readonly rootVolumeSizeGiB: number;
  readonly runnableTimeoutMinutes: number;
  readonly jobLogGroup: logs.ILogGroup;
}

/** Reasons for which the queue cancels a job that has waited at its head in RUNNABLE for too long. */
export const RUNNABLE_CANCEL_REASONS = [
  'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY',
  'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',
  'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
] as const;

/**
 * The instance role and profile, the launch template, a managed EC2 Spot compute environment, an
 * optional On-Demand compute environment behind it, and the job queue that orders them.
 */
export class BatchCompute extends Construct {
  readonly spot: batch.CfnComputeEnvironment;
  readonly onDemand: batch.CfnComputeEnvironment | undefined;
  readonly queue: batch.CfnJobQueue;
  readonly launchTemplate: ec2.LaunchTemplate;
  readonly instanceRole: iam.Role;

  constructor(scope: Construct, id: string, props: BatchComputeProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;

    // Jobs on EC2 use host networking, so a job's container can read the instance metadata and with it
    // this role's credentials. The role therefore holds only what the container agent needs.
    this.instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `AWS Batch instances of ${stackName}: container agent calls and job log writes only`,
      inlinePolicies: {
        ContainerAgent: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'ContainerAgent',
              actions: [
                'ecs:DeregisterContainerInstance',
                'ecs:DiscoverPollEndpoint',
                'ecs:Poll',
                'ecs:RegisterContainerInstance',
                'ecs:StartTelemetrySession',
                'ecs:SubmitAttachmentStateChanges',
                'ecs:SubmitContainerStateChange',
                'ecs:SubmitTaskStateChange',
                'ecs:UpdateContainerInstancesState',
              ],
              resources: ['*'],
            }),
            new iam.PolicyStatement({
              sid: 'TagOwnContainerInstance',
              actions: ['ecs:TagResource'],
              resources: ['*'],
              conditions: { StringEquals: { 'ecs:CreateAction': ['RegisterContainerInstance'] } },
            }),
            new iam.PolicyStatement({
              sid: 'WriteJobLogs',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [props.jobLogGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
    Validations.of(this.instanceRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The container agent calls ECS on a cluster that AWS Batch creates and names at runtime (AWSBatch-<environment>-<uuid>), so the ARN is unknown when the stack is built; ecs:DiscoverPollEndpoint accepts no resource at all. The role has nothing else: no S3, no ECR, no Parameter Store.',
    });
    const instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', { role: this.instanceRole });

    // Batch adds the image, instance type, subnet, security group and profile; the template adds IMDSv2
    // and an encrypted gp3 root volume, which also holds the container scratch space.
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      httpEndpoint: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      // Host networking: containers reach the metadata service in one hop, so 1 is enough.
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(props.rootVolumeSizeGiB, {
            encrypted: true,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            deleteOnTermination: true,
          }),
        },
      ],
    });
    // The compute environments tag their instances; the construct-path Name tag CDK adds to launched
    // instances and volumes would compete with theirs.
    (this.launchTemplate.node.defaultChild as ec2.CfnLaunchTemplate).addPropertyDeletionOverride(
      'LaunchTemplateData.TagSpecifications',
    );

    const subnets = props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
    const computeResources = (
      kind: 'spot' | 'on-demand',
      maxvCpus: number,
    ): batch.CfnComputeEnvironment.ComputeResourcesProperty => ({
      type: kind === 'spot' ? 'SPOT' : 'EC2',
      allocationStrategy: kind === 'spot' ? 'SPOT_PRICE_CAPACITY_OPTIMIZED' : 'BEST_FIT_PROGRESSIVE',
      // Scale to zero: no instance runs while the queue is empty.
      minvCpus: 0,
      maxvCpus,
      instanceTypes: [...props.instanceTypes],
      subnets,
      securityGroupIds: [props.securityGroup.securityGroupId],
      instanceRole: instanceProfile.instanceProfileArn,
      // A pinned version: a changed template becomes an infrastructure update of the environment.
      launchTemplate: {
        launchTemplateId: this.launchTemplate.launchTemplateId,
        version: this.launchTemplate.versionNumber,
      },
      // The ECS-optimized Amazon Linux 2023 image that AWS Batch picks for the architecture.
      ec2Configuration: [{ imageType: 'ECS_AL2023' }],
      updateToLatestImageVersion: true,
      tags: { Name: `${stackName}-${kind}`, 'oar:capacity': kind },
    });
    const environment = (name: string, kind: 'spot' | 'on-demand', maxvCpus: number) =>
      new batch.CfnComputeEnvironment(this, name, {
        type: 'MANAGED',
        state: 'ENABLED',
        // No serviceRole: AWS Batch uses its service-linked role, which infrastructure updates require.
        computeResources: computeResources(kind, maxvCpus),
        // Update in place (rolling instance replacement) instead of replacing the environment.
        replaceComputeEnvironment: false,
        updatePolicy: { terminateJobsOnUpdate: false, jobExecutionTimeoutMinutes: 30 },
      });
    this.spot = environment('SpotComputeEnvironment', 'spot', props.spotMaxVcpus);
    this.onDemand =
      props.onDemandMaxVcpus > 0
        ? environment('OnDemandComputeEnvironment', 'on-demand', props.onDemandMaxVcpus)
        : undefined;

    const order: batch.CfnJobQueue.ComputeEnvironmentOrderProperty[] = [
      { computeEnvironment: this.spot.attrComputeEnvironmentArn, order: 1 },
    ];
    if (this.onDemand) order.push({ computeEnvironment: this.onDemand.attrComputeEnvironmentArn, order: 2 });
    this.queue = new batch.CfnJobQueue(this, 'JobQueue', {
      priority: 1,
      state: 'ENABLED',
      computeEnvironmentOrder: order,
      ...(props.runnableTimeoutMinutes > 0 && {
        jobStateTimeLimitActions: RUNNABLE_CANCEL_REASONS.map((reason) => ({
          action: 'CANCEL',
          state: 'RUNNABLE',
          reason,
          maxTimeSeconds: props.runnableTimeoutMinutes * 60,
        })),
      }),
    });
  }
}
