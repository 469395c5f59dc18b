import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Aws, Duration, Lazy, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { fixedImage, renderTemplate, retentionOf, s3Location } from './render.ts';

export interface NodesProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly releaseName: string;
  readonly buildNumber: string;
  readonly gitCommit: string;
  readonly instanceType: string;
  readonly amiId: string;
  readonly configRepoUrl: string;
  readonly configRepoBranch: string;
  readonly configRepoCredentialsSecretName: string;
  readonly puppetRole: string;
  readonly javaVersion: string;
  readonly appArtifactUrl: string;
  readonly appPort: number;
  readonly healthCheckPath: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly cpuTargetPercent: number;
  readonly bootstrapTimeoutSeconds: number;
  readonly maxInstanceLifetimeDays: number;
  readonly logRetentionDays: number;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Root device name of Amazon Linux 2023; a baked amiId must use the same. */
const ROOT_DEVICE = '/dev/xvda';
/** Where user data mounts the instance store; the disk alarm watches this path. */
const INSTANCE_STORE_MOUNT = '/mnt/instance-store';
/** The launch lifecycle hook that nodes complete themselves after bootstrap. */
const LIFECYCLE_HOOK = 'oar-bootstrap';

/**
 * The root volume the AMI brings, at the AMI's size, made encrypted gp3. The launch template
 * maps no other EBS volume: everything the node writes goes to the NVMe instance store.
 */
class AmiRootVolume extends ec2.BlockDeviceVolume {
  constructor() {
    super({ volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true, deleteOnTermination: true });
  }
}

/**
 * The release's nodes, as in java-web-tier-instance-store: instance-store types that format
 * their NVMe disks at every boot, configure themselves with a shallow git clone and masterless
 * puppet apply, and enter service through a launch lifecycle hook only when a local health
 * check passes. The release name, build number and commit reach Puppet as facts.
 */
export class Nodes extends Construct {
  readonly asg: autoscaling.AutoScalingGroup;
  readonly launchTemplate: ec2.LaunchTemplate;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, p: NodesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.logGroup = new logs.LogGroup(this, 'ApplicationLogs', {
      retention: retentionOf(p.logRetentionDays),
      removalPolicy: p.logRemovalPolicy,
    });
    // A fixed name lets the role allow the lifecycle call on this group alone without waiting
    // for the group to exist; the stack name keeps it unique per release environment.
    const asgName = `${Aws.STACK_NAME}-nodes`;
    const role = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Java nodes: bootstrap (config code, lifecycle hook), Session Manager, CloudWatch agent',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason:
        'The AWS-maintained policy for the SSM agent (Session Manager for diagnosis, no SSH). AWS keeps it in step with the agent; a copy would drift.',
    });
    this.logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAgentMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'CloudWatchAgentDimensions', actions: ['ec2:DescribeTags'], resources: ['*'] }),
    );
    const defaultPolicy = role.node.findChild('DefaultPolicy');
    Validations.of(defaultPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:PutMetricData and ec2:DescribeTags have no resource-level permissions; PutMetricData is limited to the CWAgent namespace by a condition.',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'OwnLifecycleAndHealth',
        actions: ['autoscaling:CompleteLifecycleAction', 'autoscaling:SetInstanceHealth'],
        resources: [
          `arn:${stack.partition}:autoscaling:${stack.region}:${stack.account}:autoScalingGroup:*:autoScalingGroupName/${asgName}`,
        ],
      }),
    );
    Validations.of(defaultPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:autoscaling:<AWS::Region>:<AWS::AccountId>:autoScalingGroup:*:autoScalingGroupName/<AWS::StackName>-nodes]',
      reason:
        'The wildcard is the group UUID, which AWS assigns at creation; the ARN names this environment’s group, so a node can only complete its own lifecycle action or mark itself unhealthy.',
    });
    // The creation policy of the group counts these signals; the stack's own ARN, nothing wider.
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'SignalOwnStack',
        actions: ['cloudformation:SignalResource'],
        resources: [Aws.STACK_ID],
      }),
    );
    const artifact = s3Location(p.appArtifactUrl);
    if (artifact) {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadApplicationArtifact',
          actions: ['s3:GetObject'],
          resources: [`arn:${stack.partition}:s3:::${artifact.bucket}/${artifact.key}`],
        }),
      );
    }
    if (p.configRepoCredentialsSecretName !== '') {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadConfigRepoCredential',
          actions: ['secretsmanager:GetSecretValue'],
          // Secrets Manager appends six random characters to the name in the ARN.
          resources: [
            `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${p.configRepoCredentialsSecretName}-??????`,
          ],
        }),
      );
    }
    // Without a repository, the sample Puppet code in bootstrap/puppet ships with the stack.
    let configBundleS3Url = '';
    if (p.configRepoUrl === '') {
      const sample = new Asset(this, 'SamplePuppetCode', {
        path: fileURLToPath(new URL('../bootstrap/puppet', import.meta.url)),
      });
      configBundleS3Url = sample.s3ObjectUrl;
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadSamplePuppetCode',
          actions: ['s3:GetObject'],
          resources: [`arn:${stack.partition}:s3:::${sample.s3BucketName}/${sample.s3ObjectKey}`],
        }),
      );
    }

    // --- Launch template: instance-store type, AMI of its architecture, IMDSv2, no EBS data volume.
    const instanceType = new ec2.InstanceType(p.instanceType);
    const cpuType =
      instanceType.architecture === ec2.InstanceArchitecture.ARM_64
        ? ec2.AmazonLinuxCpuType.ARM_64
        : ec2.AmazonLinuxCpuType.X86_64;
    const defined: { group?: autoscaling.CfnAutoScalingGroup } = {};
    const groupResource = (): autoscaling.CfnAutoScalingGroup => {
      if (!defined.group) throw new Error('the Auto Scaling group is not defined yet');
      return defined.group;
    };
    const userData = ec2.UserData.custom(
      renderTemplate(readFileSync(new URL('../bootstrap/user-data.sh', import.meta.url), 'utf8'), {
        configRepoUrl: p.configRepoUrl,
        configRepoBranch: p.configRepoBranch,
        configRepoCredentialsSecretName: p.configRepoCredentialsSecretName,
        configBundleS3Url,
        puppetRole: p.puppetRole,
        javaVersion: p.javaVersion,
        appArtifactUrl: p.appArtifactUrl,
        appPort: String(p.appPort),
        healthCheckPath: p.healthCheckPath,
        logGroupName: this.logGroup.logGroupName,
        autoScalingGroupName: asgName,
        lifecycleHookName: LIFECYCLE_HOOK,
        stackName: Aws.STACK_NAME,
        // The group's logical id, known once the group exists below.
        signalResource: Lazy.string({ produce: () => stack.getLogicalId(groupResource()) }),
        bootstrapTimeoutSeconds: String(p.bootstrapTimeoutSeconds),
        releaseName: p.releaseName,
        buildNumber: p.buildNumber,
        gitCommit: p.gitCommit,
      }),
    );
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      machineImage: p.amiId === '' ? ec2.MachineImage.latestAmazonLinux2023({ cpuType }) : fixedImage(p.amiId),
      instanceType,
      userData,
      role,
      securityGroup: p.securityGroup,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      // One-minute EC2 metrics let target tracking react in minutes rather than five-minute steps.
      detailedMonitoring: true,
      // Nitro types boot only from EBS; the instance store needs no mapping, NVMe exposes it.
      blockDevices: [{ deviceName: ROOT_DEVICE, volume: new AmiRootVolume() }],
    });

    // --- Auto Scaling group: a launch hook gates service on bootstrap; nodes are replaced, not repaired.
    this.asg = new autoscaling.AutoScalingGroup(this, 'Group', {
      autoScalingGroupName: asgName,
      vpc: p.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate: this.launchTemplate,
      minCapacity: p.minCapacity,
      maxCapacity: p.maxCapacity,
      // EC2 and load balancer checks, not the EBS check: a stalled root volume alone should not
      // remove a node that still serves, because its replacement may not launch in an EBS event.
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        // Counted from InService, after the lifecycle hook: the node already passed its local check.
        gracePeriod: Duration.minutes(3),
      }),
      maxInstanceLifetime: Duration.days(p.maxInstanceLifetimeDays),
      // Launch before terminate: a replacement (maximum lifetime, health check, rebalancing) must
      // be in service before the node it replaces goes, so the group never dips below its size.
      // When no replacement can launch, as in an EBS or launch impairment, nothing is terminated.
      minHealthyPercentage: 100,
      maxHealthyPercentage: 200,
      // When launches fail in one zone, launch in the others instead of retrying there.
      azCapacityDistributionStrategy: autoscaling.CapacityDistributionStrategy.BALANCED_BEST_EFFORT,
      cooldown: Duration.minutes(5),
      defaultInstanceWarmup: Duration.minutes(5),
      groupMetrics: [autoscaling.GroupMetrics.all()],
    });
    const cfnGroup = this.asg.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    defined.group = cfnGroup;
    // ARC zonal shift for the group: during a shift, launches go to the other zones, and the nodes
    // left in the shifted zone are not replaced for failing health checks there (they may recover).
    cfnGroup.availabilityZoneImpairmentPolicy = {
      zonalShiftEnabled: true,
      impairedZoneHealthCheckBehavior: 'IgnoreUnhealthy',
    };
    // The stack finishes creating only when minCapacity nodes have passed their bootstrap and
    // signalled SUCCESS (user data, after the lifecycle action CONTINUE); one FAILURE fails it.
    // The timeout covers one node abandoned silently at bootstrapTimeoutSeconds and its replacement.
    cfnGroup.cfnOptions.creationPolicy = {
      resourceSignal: { count: p.minCapacity, timeout: `PT${String(signalTimeoutSeconds(p.bootstrapTimeoutSeconds))}S` },
    };
    // Declared on the group itself, so the first nodes wait for it too (a separate
    // AWS::AutoScaling::LifecycleHook would only exist after the group has launched them).
    cfnGroup.lifecycleHookSpecificationList = [
      {
        lifecycleHookName: LIFECYCLE_HOOK,
        lifecycleTransition: 'autoscaling:EC2_INSTANCE_LAUNCHING',
        heartbeatTimeout: p.bootstrapTimeoutSeconds,
        defaultResult: 'ABANDON',
      },
    ];
    Validations.of(this.asg).acknowledge({
      id: 'AwsSolutions-AS3',
      reason:
        'Auto Scaling sends every launch, termination and failure to EventBridge without configuration; route those events to your own alerting instead of an SNS topic owned by a throwaway environment.',
    });
    this.asg.scaleOnCpuUtilization('CpuTarget', { targetUtilizationPercent: p.cpuTargetPercent });

    // No actions: wire it to your paging through an SNS topic or EventBridge.
    new cloudwatch.Alarm(this, 'InstanceStoreDiskUsage', {
      alarmDescription: `A node's instance store (${INSTANCE_STORE_MOUNT}) is more than 80 percent full; replace the node, or choose a type with more local disk.`,
      metric: new cloudwatch.Metric({
        namespace: 'CWAgent',
        metricName: 'disk_used_percent',
        dimensionsMap: { AutoScalingGroupName: this.asg.autoScalingGroupName, path: INSTANCE_STORE_MOUNT },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: 80,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // Capacity: a node that died and was not replaced, or replacements that keep failing.
    new cloudwatch.Alarm(this, 'BelowMinimumCapacity', {
      alarmDescription: `Fewer than minCapacity (${String(p.minCapacity)}) nodes of this release have been in service for ${String(CAPACITY_MINUTES)} minutes, longer than a node needs to bootstrap; look for failed launches and abandoned bootstraps in the group's activity history.`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/AutoScaling',
        metricName: 'GroupInServiceInstances',
        dimensionsMap: { AutoScalingGroupName: this.asg.autoScalingGroupName },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: p.minCapacity,
      evaluationPeriods: CAPACITY_MINUTES,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      // The group publishes this every minute; silence means the group or its metrics are gone.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // Failed launches, including nodes whose bootstrap the lifecycle hook abandoned: Auto Scaling
    // reports both as "EC2 Instance Launch Unsuccessful" (StatusCode Cancelled for an abandoned hook).
    // The rule needs no target: the alarm counts its matches. Matched by the group's fixed name, so
    // the rule exists before the group launches its first node.
    const failedLaunches = new events.Rule(this, 'FailedLaunchEvents', {
      description: 'Launches of this release that failed or whose bootstrap the lifecycle hook abandoned',
      eventPattern: {
        source: ['aws.autoscaling'],
        detailType: ['EC2 Instance Launch Unsuccessful'],
        detail: { AutoScalingGroupName: [asgName] },
      },
    });
    new cloudwatch.Alarm(this, 'FailedLaunches', {
      alarmDescription:
        'A node of this release failed to launch, or its bootstrap was abandoned by the lifecycle hook (clone, puppet apply or local health check failed or timed out); read the bootstrap-failed log stream of the node in the application log group.',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName: 'TriggeredRules',
        dimensionsMap: { RuleName: failedLaunches.ruleName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}

/** How long the in-service count may stay below minCapacity before its alarm fires. */
const CAPACITY_MINUTES = 10;

/**
 * How long CloudFormation waits for the nodes' signals: a node that dies without signalling is
 * abandoned after the bootstrap timeout, and its replacement needs one more, plus five minutes
 * for the first launch before user data runs.
 */
export function signalTimeoutSeconds(bootstrapTimeoutSeconds: number): number {
  return 2 * bootstrapTimeoutSeconds + 300;
}
