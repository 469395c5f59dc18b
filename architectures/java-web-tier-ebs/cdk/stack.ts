import { readFileSync } from 'node:fs';
import {
  CfnCondition,
  CfnMapping,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type ICfnConditionExpression,
  type StackProps,
} from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import type { Parameters } from './parameters.generated.ts';

export interface JavaWebTierEbsStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Root device name of Amazon Linux 2023; a baked amiId must use the same. */
const ROOT_DEVICE = '/dev/xvda';
/** Block device mapping name of the gp3 data volume; user data finds it by this name. */
const DATA_DEVICE = '/dev/sdf';
/** Where the data volume is mounted; the disk alarm watches this path. */
const DATA_MOUNT = '/data';

/**
 * An Application Load Balancer in public subnets in front of an Auto Scaling group of Java
 * nodes in private subnets, each with an encrypted gp3 root volume and an encrypted gp3 data
 * volume, NAT gateways for egress, CloudWatch Logs and metrics through the CloudWatch agent,
 * and Session Manager instead of SSH.
 */
export default class JavaWebTierEbsStack extends Stack {
  /** How many zones the VPC spans; read by the availabilityZones override below. */
  private zoneCount = 2;

  constructor(scope: Construct, id: string, props: JavaWebTierEbsStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    checkParameters(p);
    this.zoneCount = p.azCount;
    const https = p.certificateArn !== '';

    // --- Network: public subnets for the load balancer and NAT, private subnets for the nodes.
    const prefix = Number(p.vpcCidr.split('/')[1]);
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(p.vpcCidr),
      maxAzs: p.azCount,
      natGateways: p.singleNatGateway ? 1 : p.azCount,
      // The default security group is left as EC2 creates it; restricting it needs a custom resource.
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        // A load balancer subnet needs at least a /27; the private subnets share the rest.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: Math.min(prefix + 4, 27) },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: retentionOf(p.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });

    // --- Security groups: clients reach only the load balancer; only it reaches appPort.
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Load balancer: listeners open to allowedIngressCidr, egress only to the nodes on appPort',
      allowAllOutbound: false,
    });
    const clients = ec2.Peer.ipv4(p.allowedIngressCidr);
    lbSecurityGroup.addIngressRule(clients, ec2.Port.tcp(80), 'HTTP from allowedIngressCidr');
    if (https) lbSecurityGroup.addIngressRule(clients, ec2.Port.tcp(443), 'HTTPS from allowedIngressCidr');
    if (p.allowedIngressCidr === '0.0.0.0/0') {
      Validations.of(lbSecurityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'An internet-facing web tier: the load balancer listeners accept any client by default. Only ports 80 and 443 are open, and allowedIngressCidr narrows them.',
      });
    }
    const nodeSecurityGroup = new ec2.SecurityGroup(this, 'NodeSecurityGroup', {
      vpc,
      description: 'Java nodes: appPort from the load balancer only, no SSH; egress through the NAT gateways',
      allowAllOutbound: true,
    });
    nodeSecurityGroup.addIngressRule(lbSecurityGroup, ec2.Port.tcp(p.appPort), 'appPort from the load balancer');
    lbSecurityGroup.addEgressRule(nodeSecurityGroup, ec2.Port.tcp(p.appPort), 'appPort to the nodes');

    // --- Logs and the node role.
    const appLogs = new logs.LogGroup(this, 'ApplicationLogs', {
      retention: retentionOf(p.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Java nodes: Session Manager, CloudWatch agent, application artifact',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason:
        'The AWS-maintained policy for the SSM agent (Session Manager, no SSH). AWS keeps it in step with the agent; a copy would drift.',
    });
    appLogs.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAgentMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAgentDimensions',
        actions: ['ec2:DescribeTags'],
        resources: ['*'],
      }),
    );
    Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:PutMetricData and ec2:DescribeTags have no resource-level permissions; PutMetricData is limited to the CWAgent namespace by a condition.',
    });
    const artifact = s3Location(p.appArtifactUrl);
    if (artifact) {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadApplicationArtifact',
          actions: ['s3:GetObject'],
          resources: [`arn:${this.partition}:s3:::${artifact.bucket}/${artifact.key}`],
        }),
      );
    }

    // --- Launch template: AMI, type, role, IMDSv2, encrypted gp3 root and data volumes.
    const userData = ec2.UserData.custom(
      renderTemplate(readFileSync(new URL('../bootstrap/user-data.sh', import.meta.url), 'utf8'), {
        javaVersion: p.javaVersion,
        installJava: String(p.amiId === ''),
        appArtifactUrl: p.appArtifactUrl,
        appPort: String(p.appPort),
        healthCheckPath: p.healthCheckPath,
        logGroupName: appLogs.logGroupName,
        dataDeviceName: DATA_DEVICE,
      }),
    );
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      machineImage: p.amiId === '' ? ec2.MachineImage.latestAmazonLinux2023() : fixedImage(p.amiId),
      instanceType: new ec2.InstanceType(p.instanceType),
      userData,
      role,
      securityGroup: nodeSecurityGroup,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      // One-minute EC2 metrics let target tracking react in minutes rather than five-minute steps.
      detailedMonitoring: true,
      blockDevices: [
        {
          deviceName: ROOT_DEVICE,
          volume: ec2.BlockDeviceVolume.ebs(p.rootVolumeSizeGiB, {
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            encrypted: true,
            deleteOnTermination: true,
          }),
        },
        {
          deviceName: DATA_DEVICE,
          volume: ec2.BlockDeviceVolume.ebs(p.dataVolumeSizeGiB, {
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            iops: p.dataVolumeIops,
            throughput: p.dataVolumeThroughputMiBps,
            encrypted: true,
            // Scratch space: the volume lives and dies with its node.
            deleteOnTermination: true,
          }),
        },
      ],
    });

    // --- Load balancer: HTTP, or HTTPS with a redirect from HTTP; access logs in S3.
    const accessLogs = this.accessLogBucket(p.logRetentionDays);
    const lb = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: lbSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    lb.setAttribute('access_logs.s3.enabled', 'true');
    lb.setAttribute('access_logs.s3.bucket', accessLogs.bucketName);
    // Zonal shift is off by default on a load balancer; with it on, an operator (or zonal
    // autoshift) can move traffic away from one zone with one ARC call.
    lb.setAttribute('zonal_shift.config.enabled', 'true');
    // Elastic Load Balancing checks that it may write to the bucket when logging is switched on.
    if (accessLogs.policy) lb.node.addDependency(accessLogs.policy);

    const targets = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc,
      port: p.appPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.INSTANCE,
      deregistrationDelay: Duration.seconds(30),
      // Automatic target weights: with three or more healthy targets, a node that answers with
      // errors or drops connections while it still passes the health check gets less traffic.
      loadBalancingAlgorithmType: elbv2.TargetGroupLoadBalancingAlgorithmType.WEIGHTED_RANDOM,
      enableAnomalyMitigation: true,
      healthCheck: {
        path: p.healthCheckPath,
        healthyHttpCodes: '200',
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
      },
    });
    if (https) {
      lb.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn(p.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [targets],
      });
      const http = lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      // Only the health check path stays on plain HTTP, so a smoke test or an external probe can
      // reach it on the load balancer's own name, which the certificate does not cover.
      http.addAction('HealthOverHttp', {
        priority: 1,
        conditions: [elbv2.ListenerCondition.pathPatterns([p.healthCheckPath])],
        action: elbv2.ListenerAction.forward([targets]),
      });
    } else {
      lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultTargetGroups: [targets],
      });
    }

    // --- Alarms (no actions: wire them to your paging through an SNS topic or EventBridge).
    const unhealthyNodes = new cloudwatch.Alarm(this, 'UnhealthyNodes', {
      alarmDescription: 'At least one node has failed the load balancer health check for 3 minutes.',
      metric: targets.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // --- Auto Scaling group: EC2, load balancer and EBS health checks; target tracking on CPU.
    const asg = new autoscaling.AutoScalingGroup(this, 'Nodes', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: p.minCapacity,
      maxCapacity: p.maxCapacity,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB, autoscaling.AdditionalHealthCheckType.EBS],
        // Boot, package installs and JVM start before the load balancer check counts.
        gracePeriod: Duration.minutes(10),
      }),
      // Launch before terminate: health check replacements, the maximum lifetime and instance
      // refreshes first bring a new node into service, then remove the old one. A replacement
      // that cannot launch (an EBS or EC2 launch impairment) therefore never costs capacity.
      minHealthyPercentage: 100,
      maxHealthyPercentage: 200,
      // No node lives longer than the patch window; hand-made changes go with it.
      maxInstanceLifetime: Duration.days(p.maxInstanceLifetimeDays),
      // When launches fail in one zone, launch in the others rather than keep trying there.
      azCapacityDistributionStrategy: autoscaling.CapacityDistributionStrategy.BALANCED_BEST_EFFORT,
      // A new launch template version (AMI, artifact, instance type…) rolls out with the deploy:
      // half the group at a time, launch before terminate, a pause at each half, and the stack
      // update fails, so CloudFormation rolls the launch template back, if the unhealthy-node
      // alarm fires during the refresh.
      updatePolicy: autoscaling.UpdatePolicy.instanceRefresh({
        strategy: autoscaling.InstanceRefreshStrategy.ROLLING,
        minHealthyPercentage: 100,
        maxHealthyPercentage: 150,
        checkpointPercentages: [50, 100],
        checkpointDelay: Duration.minutes(5),
        alarms: [unhealthyNodes],
      }),
      cooldown: Duration.minutes(5),
      defaultInstanceWarmup: Duration.minutes(5),
      // GroupInServiceInstances feeds the capacity alarm below.
      groupMetrics: [autoscaling.GroupMetrics.all()],
    });
    asg.attachToApplicationTargetGroup(targets);
    // Zonal shift on the group (an escape hatch: the L2 construct has no property for it). During
    // a shift the group launches new capacity only in the other zones. IgnoreUnhealthy: it does
    // not replace nodes in the shifted zone, which get no traffic from the load balancer anyway;
    // replacing them would launch instances in the middle of the event, the dependency on the EC2
    // and EBS control planes that static stability avoids. Nodes that recover serve again when
    // the shift ends; nodes that do not are replaced then.
    const cfnAsg = asg.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    cfnAsg.availabilityZoneImpairmentPolicy = { zonalShiftEnabled: true, impairedZoneHealthCheckBehavior: 'IgnoreUnhealthy' };
    // CloudFormation added the AutoScalingInstanceRefresh update policy in July 2026; the
    // cfn-lint 1.51 schema that oar check uses does not know it yet (E3016 checks only the
    // UpdatePolicy attribute). cdk/claims.ts checks the policy's content instead.
    cfnAsg.addMetadata('cfn-lint', { config: { ignore_checks: ['E3016'] } });
    Validations.of(asg).acknowledge({
      id: 'AwsSolutions-AS3',
      reason:
        'Auto Scaling sends every launch, termination and failure to EventBridge without configuration; route those events to your own alerting instead of an SNS topic owned by this stack.',
    });
    asg.scaleOnCpuUtilization('CpuTarget', { targetUtilizationPercent: p.cpuTargetPercent });

    new cloudwatch.Alarm(this, 'DataVolumeDiskUsage', {
      alarmDescription: `A node's data volume (${DATA_MOUNT}) is more than 80 percent full; rotate logs or grow dataVolumeSizeGiB.`,
      metric: new cloudwatch.Metric({
        namespace: 'CWAgent',
        metricName: 'disk_used_percent',
        dimensionsMap: { AutoScalingGroupName: asg.autoScalingGroupName, path: DATA_MOUNT },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: 80,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (p.minCapacity > 0) {
      new cloudwatch.Alarm(this, 'CapacityBelowMinimum', {
        alarmDescription: `Fewer than minCapacity (${p.minCapacity}) nodes have been in service for 15 minutes: replacements are failing to launch or to pass their checks. See the runbook in the entry's README.`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/AutoScaling',
          metricName: 'GroupInServiceInstances',
          dimensionsMap: { AutoScalingGroupName: asg.autoScalingGroupName },
          statistic: cloudwatch.Stats.MINIMUM,
          period: Duration.minutes(1),
        }),
        threshold: p.minCapacity,
        evaluationPeriods: 15,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        // Group metrics stop only when collection is switched off; that hides capacity, so it alarms.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }

    new CfnOutput(this, 'LoadBalancerUrl', {
      description: 'Base URL of the application load balancer.',
      value: `${https ? 'https' : 'http'}://${lb.loadBalancerDnsName}`,
    });
    new CfnOutput(this, 'SmokeTestUrl', {
      description: 'The health check path over plain HTTP on the load balancer name, with or without a certificate.',
      value: `http://${lb.loadBalancerDnsName}${p.healthCheckPath}`,
    });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      description: 'DNS name of the load balancer, for a Route 53 alias or CNAME record.',
      value: lb.loadBalancerDnsName,
    });
    new CfnOutput(this, 'AutoScalingGroupName', {
      description: 'Name of the Auto Scaling group, for instance refreshes and scaling actions.',
      value: asg.autoScalingGroupName,
    });
    new CfnOutput(this, 'LaunchTemplateId', {
      description: 'Id of the launch template that defines the nodes.',
      value: launchTemplate.launchTemplateId ?? '',
    });
    new CfnOutput(this, 'ApplicationLogGroupName', {
      description: 'CloudWatch Logs group with the application and system logs.',
      value: appLogs.logGroupName,
    });
    new CfnOutput(this, 'VpcId', { description: 'Id of the VPC that holds the tier.', value: vpc.vpcId });
  }

  /**
   * An environment-agnostic stack gets two zones from CDK; this one uses azCount zones of the
   * Region it is deployed to, resolved by CloudFormation.
   */
  override get availabilityZones(): string[] {
    return Array.from({ length: this.zoneCount }, (_, i) => Fn.select(i, Fn.getAzs()));
  }

  /**
   * The bucket for load balancer access logs. Its policy lets Elastic Load Balancing write in
   * any Region: Regions opened before August 2022 deliver as a regional ELB account, newer
   * ones as the logdelivery.elasticloadbalancing.amazonaws.com service principal.
   */
  private accessLogBucket(retentionDays: number): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // the only encryption ELB log delivery supports
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(retentionDays) }],
      // Deleting a bucket that still holds logs fails the whole stack deletion; keep it, and
      // let the lifecycle rule empty it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives load balancer access logs; logging access to it would need another bucket that logs nothing useful.',
    });
    const logPrefix = bucket.arnForObjects(`AWSLogs/${this.account}/*`);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ElbLogDelivery',
        actions: ['s3:PutObject'],
        principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
        resources: [logPrefix],
      }),
    );
    // Regions opened before August 2022 have an ELB account; CDK's region facts list them.
    // Any other Region, including ones newer than this CDK version, uses the service principal.
    const legacyRegions = RegionInfo.regions.filter((r) => r.elbv2Account !== undefined);
    const elbAccounts = new CfnMapping(this, 'ElbAccounts', {
      mapping: Object.fromEntries(legacyRegions.map((r) => [r.name, { account: r.elbv2Account ?? '' }])),
    });
    const regionalAccount = new CfnCondition(this, 'ElbHasRegionalAccount', {
      expression: anyOf(legacyRegions.map((r) => Fn.conditionEquals(this.region, r.name))),
    });
    const elbAccount = elbAccounts.findInMap(this.region, 'account');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ElbRegionalAccountLogDelivery',
        actions: ['s3:PutObject'],
        // Where the Region has no ELB account, the statement names this account, which grants nothing new.
        principals: [
          new iam.ArnPrincipal(
            Token.asString(
              Fn.conditionIf(
                regionalAccount.logicalId,
                `arn:${this.partition}:iam::${elbAccount}:root`,
                `arn:${this.partition}:iam::${this.account}:root`,
              ),
            ),
          ),
        ],
        resources: [logPrefix],
      }),
    );
    return bucket;
  }
}

/** The logRetentionDays values that architecture.yaml allows, as CloudWatch Logs retention. */
const RETENTION: Readonly<Record<number, logs.RetentionDays>> = {
  7: logs.RetentionDays.ONE_WEEK,
  14: logs.RetentionDays.TWO_WEEKS,
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
};

function retentionOf(days: number): logs.RetentionDays {
  const retention = RETENTION[days];
  if (retention === undefined) {
    throw new Error(`logRetentionDays ${days} is not one of ${Object.keys(RETENTION).join(', ')}; use one of those`);
  }
  return retention;
}

/** Throws on parameter combinations that the schema cannot express, naming the fix. */
function checkParameters(p: Parameters): void {
  const problems: string[] = [];
  if (p.minCapacity > p.maxCapacity) {
    problems.push(`minCapacity ${p.minCapacity} is greater than maxCapacity ${p.maxCapacity}; raise maxCapacity`);
  }
  if (p.minCapacity === 1) {
    problems.push(
      'minCapacity 1 leaves every zone but one without a node, and the tier down while that node is replaced; use 0 for a pilot-light stack with no nodes, or at least 2',
    );
  }
  if (p.dataVolumeIops > p.dataVolumeSizeGiB * 500) {
    problems.push(
      `dataVolumeIops ${p.dataVolumeIops} is more than 500 per GiB of a ${p.dataVolumeSizeGiB} GiB gp3 volume; raise dataVolumeSizeGiB to at least ${Math.ceil(p.dataVolumeIops / 500)} or lower dataVolumeIops`,
    );
  }
  if (p.dataVolumeThroughputMiBps > p.dataVolumeIops * 0.25) {
    problems.push(
      `dataVolumeThroughputMiBps ${p.dataVolumeThroughputMiBps} is more than 0.25 MiB/s per IOPS of ${p.dataVolumeIops} IOPS; raise dataVolumeIops to at least ${p.dataVolumeThroughputMiBps * 4} or lower the throughput`,
    );
  }
  if (problems.length > 0) throw new Error(`java-web-tier-ebs: ${problems.join('; ')}`);
}

/** True when any of the expressions is; Fn::Or takes 2 to 10 conditions, so longer lists nest. */
function anyOf(expressions: ICfnConditionExpression[]): ICfnConditionExpression {
  const [first] = expressions;
  if (first === undefined) throw new Error('anyOf needs at least one condition');
  if (expressions.length === 1) return first;
  if (expressions.length <= 10) return Fn.conditionOr(...expressions);
  const size = Math.ceil(expressions.length / 10);
  const groups = Array.from({ length: Math.ceil(expressions.length / size) }, (_, i) =>
    anyOf(expressions.slice(i * size, (i + 1) * size)),
  );
  return anyOf(groups);
}

/** The bucket and key of an s3:// URL, or undefined for any other URL. */
function s3Location(url: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/u.exec(url);
  if (!match) return undefined;
  const [, bucket = '', key = ''] = match;
  return { bucket, key };
}

/** A fixed Linux AMI; the ID is valid in one Region only. */
function fixedImage(imageId: string): ec2.IMachineImage {
  return {
    getImage: () => ({ imageId, osType: ec2.OperatingSystemType.LINUX, userData: ec2.UserData.forLinux() }),
  };
}

/**
 * Replaces every `{{name}}` in a bootstrap template with the shell-quoted value. A name
 * without a value, or a value that the template never uses, is an error in this file.
 */
function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const text = template.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`bootstrap template uses {{${name}}}, which the stack does not set`);
    used.add(name);
    return shellQuote(value);
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`bootstrap template does not use ${unused.join(', ')}`);
  return text;
}

/** Single-quotes a value for bash; CDK tokens inside stay intact and resolve at deploy time. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
