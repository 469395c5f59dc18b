import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AccessLogBucket } from './access-logs.ts';
import { ServiceAlarms } from './alarms.ts';
import { Edge } from './edge.ts';
import { Network } from './network.ts';
import { checkParameters, privateEcrRepository, retentionOf } from './parameters.ts';
import type { Parameters } from './parameters.generated.ts';

export type { Parameters };

export interface EcsFargateAlbStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Name of the application container in the task definition. */
export const CONTAINER_NAME = 'app';

/**
 * Containers on ECS Fargate behind an Application Load Balancer: public subnets for the load balancer,
 * private subnets for the tasks in two or three Availability Zones, NAT gateways for egress, a rolling
 * deployment with a circuit breaker that rolls back, and target tracking on CPU and requests per task.
 */
export default class EcsFargateAlbStack extends Stack {
  constructor(scope: Construct, id: string, props: EcsFargateAlbStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const { cpu, memoryMiB } = checkParameters(p);
    const retention = retentionOf(p.logRetentionDays);

    // --- Network: public subnets for the load balancer and NAT gateways, private subnets for the tasks.
    const { vpc } = new Network(this, 'Network', {
      vpcCidr: p.vpcCidr,
      azCount: p.azCount,
      natGateways: p.natGateways,
      flowLogRetention: retention,
    });

    // --- Security groups: only addresses in the VPC reach the listener, which are CloudFront's VPC origin network
    // interfaces in the private subnets (and the VPC's own hosts); only the load balancer reaches the tasks.
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Internal load balancer: HTTP from the VPC (CloudFront VPC origin), egress only to the tasks',
      allowAllOutbound: false,
    });
    lbSecurityGroup.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80), 'HTTP from the VPC: the CloudFront VPC origin');
    Validations.of(lbSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        "cdk-nag cannot read the VPC's CIDR block, a token; the only ingress rule is port 80 from the VPC's own range, where the VPC origin's network interfaces are.",
    });
    const taskSecurityGroup = new ec2.SecurityGroup(this, 'TaskSecurityGroup', {
      vpc,
      description:
        'Fargate tasks: containerPort from the load balancer only; HTTPS out for image pulls, logs and AWS APIs',
      allowAllOutbound: false,
    });
    taskSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to the image registry, CloudWatch Logs and AWS APIs through the NAT gateways',
    );

    // --- Logs: the application log group; ECS Exec sessions get their own group when they are allowed.
    const appLogs = new logs.LogGroup(this, 'ApplicationLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const execLogs = p.enableExecuteCommand
      ? new logs.LogGroup(this, 'ExecLogs', { retention, removalPolicy: RemovalPolicy.DESTROY })
      : undefined;

    // --- Cluster with Container Insights.
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2:
        p.containerInsights === 'enhanced' ? ecs.ContainerInsights.ENHANCED : ecs.ContainerInsights.ENABLED,
      ...(execLogs && {
        executeCommandConfiguration: {
          logging: ecs.ExecuteCommandLogging.OVERRIDE,
          logConfiguration: { cloudWatchLogGroup: execLogs, cloudWatchEncryptionEnabled: false },
        },
      }),
    });

    // --- Roles: the execution role for the ECS agent, the task role for the application.
    const executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'ECS agent for the tasks: write the application log group and pull the image',
    });
    const ecr = privateEcrRepository(p.containerImage);
    if (ecr) {
      executionRole.addToPolicy(
        new iam.PolicyStatement({
          sid: 'PullTheImage',
          actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          resources: [`arn:${this.partition}:ecr:${ecr.region}:${ecr.account}:repository/${ecr.repository}`],
        }),
      );
      const token = new iam.Policy(this, 'EcrAuthorizationPolicy', {
        roles: [executionRole],
        statements: [new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] })],
      });
      Validations.of(token).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ecr:GetAuthorizationToken does not support resource-level permissions; the token alone pulls nothing, image reads are limited to the one repository.',
      });
    }
    // Only tasks of this account and Region may assume the task role (confused deputy protection).
    const taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
        ArnLike: { 'aws:SourceArn': `arn:${this.partition}:ecs:${this.region}:${this.account}:*` },
        StringEquals: { 'aws:SourceAccount': this.account },
      }),
      description: 'The application in the tasks: no permissions until you add the ones it needs',
    });

    // --- Task definition: one container, awslogs in non-blocking mode.
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu,
      memoryLimitMiB: memoryMiB,
      runtimePlatform: {
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
        cpuArchitecture: p.cpuArchitecture === 'arm64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
      },
      executionRole,
      taskRole,
    });
    taskDefinition.addContainer(CONTAINER_NAME, {
      image: ecs.ContainerImage.fromRegistry(p.containerImage),
      essential: true,
      portMappings: [{ containerPort: p.containerPort, protocol: ecs.Protocol.TCP }],
      // A process manager as PID 1 reaps zombies and forwards signals; ECS Exec sessions need it too.
      linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }),
      stopTimeout: Duration.seconds(30),
      logging: ecs.LogDrivers.awsLogs({
        logGroup: appLogs,
        streamPrefix: CONTAINER_NAME,
        // If CloudWatch Logs is slow or unreachable, lines are buffered and then dropped instead of blocking the app.
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
      }),
    });

    // --- Service: rolling deployment that never drops below the running count and rolls back on failure
    // (tasks that do not start or pass health checks here; a 5xx rate once the alarms exist, below).
    const service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [taskSecurityGroup],
      assignPublicIp: false,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      // No desiredCount: a deploy then keeps the count that autoscaling chose; the scalable target raises it to minTasks.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
      enableExecuteCommand: p.enableExecuteCommand,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
    });
    if (execLogs) {
      const execPolicy = taskRole.node.findChild('DefaultPolicy');
      Validations.of(execPolicy).acknowledge(
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'ECS Exec: the ssmmessages channel actions and logs:DescribeLogGroups do not support resource-level permissions; CDK adds exactly these for enableExecuteCommand.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<${this.getLogicalId(execLogs.node.defaultChild as logs.CfnLogGroup)}>:*]`,
          reason:
            'ECS Exec session transcripts: any log stream, but only in the exec log group of this stack; the agent in the task names the streams per session.',
        },
      );
    }

    // --- Load balancer: HTTP, or HTTPS with a redirect from HTTP; access logs in S3.
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: p.logRetentionDays });
    // Internal, in the private subnets: it has no public address, and only the CloudFront VPC origin sends to it.
    const lb = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup: lbSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    // Zonal shift is off by default on an ALB; on, an operator (or zonal autoshift) can take a zone out of service.
    lb.setAttribute('zonal_shift.config.enabled', 'true');
    lb.setAttribute('access_logs.s3.enabled', 'true');
    lb.setAttribute('access_logs.s3.bucket', accessLogs.bucket.bucketName);
    // Elastic Load Balancing checks that it may write to the bucket when logging is switched on.
    if (accessLogs.bucket.policy) lb.node.addDependency(accessLogs.bucket.policy);

    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc,
      targetType: elbv2.TargetType.IP,
      port: p.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service.loadBalancerTarget({ containerName: CONTAINER_NAME, containerPort: p.containerPort })],
      deregistrationDelay: Duration.seconds(30),
      // Automatic target weights: with three or more healthy tasks, a task that answers with errors or drops
      // connections while it still passes the health check gets less traffic.
      loadBalancingAlgorithmType: elbv2.TargetGroupLoadBalancingAlgorithmType.WEIGHTED_RANDOM,
      enableAnomalyMitigation: true,
      healthCheck: {
        path: p.healthCheckPath,
        healthyHttpCodes: '200',
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    // HTTP inside the VPC: viewers use HTTPS to CloudFront, which reaches the listener through the VPC origin.
    lb.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultTargetGroups: [targetGroup],
    });

    // --- Autoscaling: target tracking on average CPU and on requests per task.
    const scaling = service.autoScaleTaskCount({ minCapacity: p.minTasks, maxCapacity: p.maxTasks });
    scaling.scaleOnCpuUtilization('CpuTarget', {
      targetUtilizationPercent: p.cpuTargetPercent,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
    scaling.scaleOnRequestCount('RequestTarget', {
      requestsPerTarget: p.requestsPerTarget,
      targetGroup,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });

    // --- Alarms (no actions: route them to your paging through an SNS topic or EventBridge). ECS watches the 5xx
    // alarm during each deployment and a bake time after it, and rolls back to the last completed deployment.
    const alarms = new ServiceAlarms(this, 'Alarms', { loadBalancer: lb, targetGroup });
    service.enableDeploymentAlarms([alarms.error5xxRate.alarmName], { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });

    // --- The edge: the web ACL and the CloudFront distribution whose only origin is the load balancer.
    const edge = new Edge(this, 'Edge', {
      loadBalancer: lb,
      rateLimitPer5Minutes: p.rateLimitPer5Minutes,
      certificateArn: p.certificateArn,
      domainName: p.domainName,
      shieldAdvanced: p.shieldAdvanced,
    });

    // --- Outputs.
    // The name clients use: the certificate covers domainName, never the distribution's own name.
    const url = `https://${p.domainName === '' ? edge.distribution.distributionDomainName : p.domainName}`;
    new CfnOutput(this, 'SiteUrl', { value: url, description: 'Base URL of the application, through CloudFront.' });
    new CfnOutput(this, 'HealthCheckUrl', {
      value: `${url}${p.healthCheckPath}`,
      description: 'The health check path through CloudFront and the load balancer.',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: edge.distribution.distributionDomainName,
      description: 'Domain name of the CloudFront distribution, for a Route 53 alias or CNAME record.',
    });
    new CfnOutput(this, 'DistributionId', {
      value: edge.distribution.distributionId,
      description: 'Id of the CloudFront distribution.',
    });
    new CfnOutput(this, 'WebAclArn', { value: edge.webAcl.attrArn, description: 'ARN of the AWS WAF web ACL.' });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: lb.loadBalancerDnsName,
      description: 'Internal DNS name of the load balancer, resolvable only inside the VPC.',
    });
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName, description: 'Name of the ECS cluster.' });
    new CfnOutput(this, 'ServiceName', { value: service.serviceName, description: 'Name of the ECS service.' });
    new CfnOutput(this, 'TaskRoleArn', {
      value: taskRole.roleArn,
      description: 'Role of the application in the tasks; attach the permissions it needs.',
    });
    new CfnOutput(this, 'ApplicationLogGroupName', {
      value: appLogs.logGroupName,
      description: 'Log group with the container output.',
    });
    new CfnOutput(this, 'AccessLogBucketName', {
      value: accessLogs.bucket.bucketName,
      description: 'S3 bucket with the load balancer access logs.',
    });
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId, description: 'Id of the VPC.' });
  }
}
