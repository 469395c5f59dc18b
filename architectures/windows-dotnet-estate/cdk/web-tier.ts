import { Duration, Fn, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-logs.ts';

/** Windows Server 2022 with Desktop Experience, resolved by EC2 at each launch from the public SSM parameter. */
export const WINDOWS_AMI_PARAMETER = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
export const HEALTH_PATH = '/health.html';

export interface WebTierProps {
  readonly vpc: ec2.IVpc;
  readonly instanceType: string;
  readonly amiId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly allowedIngressCidr: string;
  readonly certificateArn: string;
  readonly logRetentionDays: number;
  readonly domainName: string;
  readonly netbiosName: string;
  readonly dnsIpAddresses: string[];
  readonly joinSecret: secretsmanager.ISecret;
  readonly fileShareDnsName: string;
  readonly alarmTopicArn: string;
}

/**
 * IIS with ASP.NET on Windows Server in an Auto Scaling group across both zones, behind an Application Load
 * Balancer. Each instance installs IIS, points DNS at the domain controllers, joins the domain with the
 * least-privilege join account, and reboots; the group replaces instances launch-before-terminate and takes part
 * in zonal shift.
 */
export class WebTier extends Construct {
  readonly group: autoscaling.AutoScalingGroup;
  readonly securityGroup: ec2.SecurityGroup;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebTierProps) {
    super(scope, id);
    const { vpc } = props;
    const https = props.certificateArn !== '';

    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Load balancer: HTTP and HTTPS from allowedIngressCidr',
      allowAllOutbound: false,
    });
    for (const port of https ? [80, 443] : [80]) {
      lbSecurityGroup.addIngressRule(ec2.Peer.ipv4(props.allowedIngressCidr), ec2.Port.tcp(port), `${port} from allowedIngressCidr`);
    }
    if (props.allowedIngressCidr === '0.0.0.0/0') {
      Validations.of(lbSecurityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason: 'A public web application accepts any client; only 80 and 443 are open, and allowedIngressCidr narrows them.',
      });
    }
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'Web servers: HTTP from the load balancer only; out to the directory, FSx, SQL Server and HTTPS',
      allowAllOutbound: true,
    });
    this.securityGroup.addIngressRule(lbSecurityGroup, ec2.Port.tcp(80), 'HTTP from the load balancer');

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Web servers: Systems Manager, and the domain join account secret',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    props.joinSecret.grantRead(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason: 'The AWS managed policy Systems Manager documents for Session Manager and patching, instead of RDP from the internet.',
    });

    const userData = ec2.UserData.forWindows({ persist: false });
    const dn = props.domainName
      .split('.')
      .map((p) => `DC=${p}`)
      .join(',');
    userData.addCommands(
      '$ErrorActionPreference = "Stop"',
      'Install-WindowsFeature Web-Server,Web-Asp-Net45,NET-Framework-45-ASPNET,Web-Mgmt-Console',
      `Set-Content -Path C:\\inetpub\\wwwroot${HEALTH_PATH.replace('/', '\\')} -Value "ok"`,
      `[Environment]::SetEnvironmentVariable("APP_FILE_SHARE", "\\\\${props.fileShareDnsName}\\share", "Machine")`,
      `$dns = "${Fn.join(',', props.dnsIpAddresses)}".Split(",")`,
      'Get-NetAdapter | Where-Object Status -eq "Up" | Set-DnsClientServerAddress -ServerAddresses $dns',
      `$secret = (Get-SECSecretValue -SecretId "${props.joinSecret.secretArn}").SecretString | ConvertFrom-Json`,
      `$credential = New-Object System.Management.Automation.PSCredential("${props.netbiosName}\\$($secret.username)", (ConvertTo-SecureString $secret.password -AsPlainText -Force))`,
      `Add-Computer -DomainName "${props.domainName}" -OUPath "OU=Computers,OU=${props.netbiosName},${dn}" -Credential $credential -Restart -Force`,
    );

    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      machineImage:
        props.amiId === ''
          ? ec2.MachineImage.resolveSsmParameterAtLaunch(WINDOWS_AMI_PARAMETER, { os: ec2.OperatingSystemType.WINDOWS })
          : fixedWindowsImage(props.amiId),
      instanceType: new ec2.InstanceType(props.instanceType),
      userData,
      role,
      securityGroup: this.securityGroup,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/sda1',
          volume: ec2.BlockDeviceVolume.ebs(60, { volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true, deleteOnTermination: true }),
        },
      ],
    });

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: props.logRetentionDays });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: lbSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    const lb = this.loadBalancer;
    lb.setAttribute('access_logs.s3.enabled', 'true');
    lb.setAttribute('access_logs.s3.bucket', accessLogs.bucket.bucketName);
    lb.setAttribute('zonal_shift.config.enabled', 'true');
    if (accessLogs.bucket.policy) lb.node.addDependency(accessLogs.bucket.policy);

    const targets = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc,
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.INSTANCE,
      deregistrationDelay: Duration.seconds(60),
      // Sticky sessions: classic ASP.NET apps often keep session state in process.
      stickinessCookieDuration: Duration.hours(1),
      healthCheck: { path: HEALTH_PATH, healthyHttpCodes: '200', interval: Duration.seconds(15), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
    });
    if (https) {
      lb.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [targets],
      });
      const http = lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      http.addAction('HealthOverHttp', {
        priority: 1,
        conditions: [elbv2.ListenerCondition.pathPatterns([HEALTH_PATH])],
        action: elbv2.ListenerAction.forward([targets]),
      });
    } else {
      lb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultTargetGroups: [targets] });
    }
    this.url = `http://${lb.loadBalancerDnsName}`;

    const actions = props.alarmTopicArn === '' ? undefined : [props.alarmTopicArn];
    const unhealthy = new cloudwatch.Alarm(this, 'UnhealthyServers', {
      alarmDescription: 'A web server has failed the load balancer health check for 3 minutes.',
      metric: targets.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (actions) (unhealthy.node.defaultChild as cloudwatch.CfnAlarm).alarmActions = actions;

    this.group = new autoscaling.AutoScalingGroup(this, 'Servers', {
      vpc,
      vpcSubnets: { subnetGroupName: 'Web' },
      launchTemplate,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        // Windows boot, IIS install, domain join and its reboot take 10 to 15 minutes.
        gracePeriod: Duration.minutes(20),
      }),
      minHealthyPercentage: 100,
      maxHealthyPercentage: 200,
      azCapacityDistributionStrategy: autoscaling.CapacityDistributionStrategy.BALANCED_BEST_EFFORT,
      defaultInstanceWarmup: Duration.minutes(15),
    });
    this.group.attachToApplicationTargetGroup(targets);
    const policy = this.group.scaleOnRequestCount('RequestsPerServer', { targetRequestsPerMinute: 3000 });
    // CDK also makes the policy depend on the listener its metric label already references.
    (policy.node.defaultChild as autoscaling.CfnScalingPolicy).addMetadata('cfn-lint', {
      config: { ignore_checks: ['W3005'] },
    });
    const cfnGroup = this.group.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    cfnGroup.availabilityZoneImpairmentPolicy = { zonalShiftEnabled: true, impairedZoneHealthCheckBehavior: 'IgnoreUnhealthy' };
    Validations.of(this.group).acknowledge({
      id: 'AwsSolutions-AS3',
      reason: 'Auto Scaling sends every launch, termination and failure to EventBridge without configuration; route those to your own alerting.',
    });
  }
}

/** One AMI id in every Region: the id is checked by EC2 at launch, in the Region the stack is deployed to. */
function fixedWindowsImage(amiId: string): ec2.IMachineImage {
  return {
    getImage: () => ({ imageId: amiId, osType: ec2.OperatingSystemType.WINDOWS, userData: ec2.UserData.forWindows() }),
  };
}
