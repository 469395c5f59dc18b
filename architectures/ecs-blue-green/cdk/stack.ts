import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AccessLogBucket } from './access-logs.ts';
import { ServiceAlarms } from './alarms.ts';
import { Network } from './network.ts';
import { TestGate } from './test-gate.ts';
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
    const https = p.certificateArn !== '';
    const retention = retentionOf(p.logRetentionDays);

    // --- Network: public subnets for the load balancer and NAT gateways, private subnets for the tasks.
    const { vpc } = new Network(this, 'Network', {
      vpcCidr: p.vpcCidr,
      azCount: p.azCount,
      natGateways: p.natGateways,
      flowLogRetention: retention,
    });

    // --- Security groups: clients reach only the listeners; only the load balancer reaches the tasks.
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Load balancer: listeners open to allowedIngressCidr, egress only to the tasks on containerPort',
      allowAllOutbound: false,
    });
    const clients = ec2.Peer.ipv4(p.allowedIngressCidr);
    lbSecurityGroup.addIngressRule(clients, ec2.Port.tcp(80), 'HTTP from allowedIngressCidr');
    if (https) lbSecurityGroup.addIngressRule(clients, ec2.Port.tcp(443), 'HTTPS from allowedIngressCidr');
    // cdk-nag cannot read the test listener's rules (the NAT gateways' addresses are tokens), so it always asks.
    Validations.of(lbSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'An internet-facing service: ports 80 and 443 accept allowedIngressCidr, any client by default; the test listener port accepts only the NAT gateways\' own addresses, which cdk-nag cannot read.',
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
      // Blue/green: ECS starts the new revision in full beside the old one, moves test and then production traffic
      // to it at once, keeps the old revision for the bake time, and rolls back to it on a failed hook or alarm.
      deploymentStrategy: ecs.DeploymentStrategy.BLUE_GREEN,
      bakeTime: Duration.minutes(p.bakeTimeMinutes),
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
    const lb = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
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

    // The second target group of blue/green: the new revision registers here, then the rules swap the weights.
    const greenGroup = new elbv2.ApplicationTargetGroup(this, 'GreenTargets', {
      vpc,
      targetType: elbv2.TargetType.IP,
      port: p.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
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

    // Production traffic and test traffic each reach the tasks through a listener rule that forwards to both target
    // groups by weight; ECS sets the weights during a deployment. The default actions answer 404.
    const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'no route' });
    const weights = [
      { targetGroup, weight: 100 },
      { targetGroup: greenGroup, weight: 0 },
    ];
    let productionListener: elbv2.ApplicationListener;
    if (https) {
      productionListener = lb.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn(p.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultAction: notFound,
      });
      lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
    } else {
      productionListener = lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: notFound,
      });
    }
    const productionRule = new elbv2.ApplicationListenerRule(this, 'ProductionRule', {
      listener: productionListener,
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
      action: elbv2.ListenerAction.weightedForward(weights),
    });
    const testListener = lb.addListener('Test', {
      port: p.testListenerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: notFound,
    });
    const testRule = new elbv2.ApplicationListenerRule(this, 'TestRule', {
      listener: testListener,
      priority: 1,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
      action: elbv2.ListenerAction.weightedForward(weights),
    });
    targetGroup.addTarget(
      service.loadBalancerTarget({
        containerName: CONTAINER_NAME,
        containerPort: p.containerPort,
        alternateTarget: new ecs.AlternateTarget('Green', {
          alternateTargetGroup: greenGroup,
          productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(productionRule),
          testListener: ecs.ListenerRuleConfiguration.applicationListenerRule(testRule),
        }),
      }),
    );

    // The test listener answers only the NAT gateways' addresses, from which the test gate's requests come.
    for (const subnet of vpc.publicSubnets) {
      const eip = subnet.node.tryFindChild('EIP') as ec2.CfnEIP | undefined;
      if (eip) {
        lbSecurityGroup.addIngressRule(
          ec2.Peer.ipv4(`${eip.attrPublicIp}/32`),
          ec2.Port.tcp(p.testListenerPort),
          'Test listener: the test gate, through a NAT gateway',
        );
      }
    }
    const gate = new TestGate(this, 'TestGate', {
      vpc,
      testUrl: `http://${lb.loadBalancerDnsName}:${p.testListenerPort}${p.healthCheckPath}`,
      testListenerPort: p.testListenerPort,
      logRetention: retention,
    });
    // ECS creates the role it changes the listener rules with: only the AWS managed policy for that.
    Validations.of(service.node.findChild('GreenRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers]',
      reason:
        'The ECS infrastructure role for blue/green: this AWS managed policy is what ECS documents for changing listener rules and target groups during a deployment, and only ECS can assume the role.',
    });
    // The role ECS invokes the hook with; ECS's lifecycle hook target grants it lambda:InvokeFunction on the gate.
    const hookRole = new iam.Role(this, 'TestGateHookRole', {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: 'ECS blue/green lifecycle hook: invoke the test gate function, nothing else',
    });
    service.addLifecycleHook(
      new ecs.DeploymentLifecycleLambdaTarget(gate.function, 'TestGateHook', {
        role: hookRole,
        lifecycleStages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT],
      }),
    );
    Validations.of(hookRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(gate.function.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
      reason:
        'ECS invokes the test gate function, and only it: the wildcard covers the versions and aliases of that one function.',
    });

    // --- Autoscaling: target tracking on average CPU and on requests per task.
    const scaling = service.autoScaleTaskCount({ minCapacity: p.minTasks, maxCapacity: p.maxTasks });
    scaling.scaleOnCpuUtilization('CpuTarget', {
      targetUtilizationPercent: p.cpuTargetPercent,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
    // No target tracking on requests per target: that metric belongs to one target group, and the live revision
    // moves between the two at every deployment, so it would read zero and scale in after each release.

    // --- Alarms (no actions: route them to your paging through an SNS topic or EventBridge). ECS watches the 5xx
    // alarm during each deployment and a bake time after it, and rolls back to the last completed deployment.
    const alarms = new ServiceAlarms(this, 'Alarms', { loadBalancer: lb, targetGroups: [targetGroup, greenGroup] });
    service.enableDeploymentAlarms([alarms.error5xxRate.alarmName], { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });

    // --- Outputs.
    // The name clients use: the certificate covers domainName, never the load balancer's own DNS name.
    const url = `${https ? 'https' : 'http'}://${p.domainName === '' ? lb.loadBalancerDnsName : p.domainName}`;
    new CfnOutput(this, 'LoadBalancerUrl', { value: url, description: 'Base URL of the load balancer.' });
    new CfnOutput(this, 'HealthCheckUrl', {
      value: `${url}${p.healthCheckPath}`,
      description: 'The health check path through the load balancer.',
    });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: lb.loadBalancerDnsName,
      description: 'DNS name of the load balancer, for a Route 53 alias or CNAME record.',
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
