import { Duration, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

export interface LoadBalancerProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly asg: autoscaling.AutoScalingGroup;
  readonly appPort: number;
  readonly healthCheckPath: string;
  readonly certificateArn: string;
  /** A shared bucket outside the environment for access logs; empty turns them off. */
  readonly accessLogBucketName: string;
  readonly accessLogPrefix: string;
}

/**
 * The environment's own internet-facing Application Load Balancer. With a certificate, port 80
 * redirects to HTTPS except for the health check path, which stays reachable over HTTP on the
 * load balancer's own name, so the smoke test and the Route 53 health check need no certificate
 * that matches that name.
 */
export class LoadBalancer extends Construct {
  readonly lb: elbv2.ApplicationLoadBalancer;
  readonly targets: elbv2.ApplicationTargetGroup;
  /** Base URL, https when a certificate is set. */
  readonly url: string;
  /** The health check path over HTTP on the load balancer's own DNS name. */
  readonly smokeTestUrl: string;

  constructor(scope: Construct, id: string, p: LoadBalancerProps) {
    super(scope, id);
    const https = p.certificateArn !== '';
    this.lb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc: p.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: p.securityGroup,
      dropInvalidHeaderFields: true,
    });
    if (p.accessLogBucketName === '') {
      Validations.of(this.lb).acknowledge({
        id: 'AwsSolutions-ELB2',
        reason:
          'Access logs are state, and a bucket that holds logs cannot be deleted with a throwaway environment. Set accessLogBucketName to a shared bucket outside the environment to turn them on.',
      });
    } else {
      this.lb.setAttribute('access_logs.s3.enabled', 'true');
      this.lb.setAttribute('access_logs.s3.bucket', p.accessLogBucketName);
      this.lb.setAttribute('access_logs.s3.prefix', p.accessLogPrefix);
    }

    this.targets = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc: p.vpc,
      port: p.appPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [p.asg],
      deregistrationDelay: Duration.seconds(30),
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
      this.lb.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn(p.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [this.targets],
      });
      const http = this.lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      http.addAction('HealthOverHttp', {
        priority: 1,
        conditions: [elbv2.ListenerCondition.pathPatterns([p.healthCheckPath])],
        action: elbv2.ListenerAction.forward([this.targets]),
      });
    } else {
      this.lb.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultTargetGroups: [this.targets],
      });
    }
    this.url = `${https ? 'https' : 'http'}://${this.lb.loadBalancerDnsName}`;
    this.smokeTestUrl = `http://${this.lb.loadBalancerDnsName}${p.healthCheckPath}`;

    // --- Alarms (no actions: wire them to your paging through an SNS topic or EventBridge).
    new cloudwatch.Alarm(this, 'UnhealthyNodes', {
      alarmDescription: 'At least one node of this release has failed the load balancer health check for 3 minutes.',
      metric: this.targets.metrics.unhealthyHostCount({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // The rollback signal while weights shift: the share of requests this release answers with 5xx.
    const errors = this.lb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(1),
    });
    const requests = this.lb.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(1) });
    new cloudwatch.Alarm(this, 'TargetErrorRate', {
      alarmDescription:
        'More than 1 percent of the requests this release served in each of 3 minutes ended in a 5xx from the application; shift its weight back to the previous release.',
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
        usingMetrics: { errors, requests },
        period: Duration.minutes(1),
        label: 'Target 5xx percent',
      }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
