import { Duration, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

/** Seconds after which the load balancer closes a client connection, busy or not. */
export const CLIENT_KEEP_ALIVE_SECONDS = 600;

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
      // Closes each client connection after this long, however busy, so clients reconnect and
      // resolve the shared name again soon after their release's weight drops (default 3,600 s).
      clientKeepAlive: Duration.seconds(CLIENT_KEEP_ALIVE_SECONDS),
    });
    // ARC zonal shift: a shift started on this load balancer takes its node in one zone out of DNS.
    this.lb.setAttribute('zonal_shift.config.enabled', 'true');
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
      // Automatic target weights: with three or more healthy nodes, a node that answers with errors
      // while it still passes its health check gets less traffic (gray failures).
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
    // The rollback signal while weights shift: the share of requests that ended in a 5xx, from the
    // application (target 5xx) or from the load balancer itself (ELB 5xx: 502 from a target that
    // crashed or reset, 503 with no target, 504 from a target that hung). ELB 5xx that happen before
    // a target is chosen are not in RequestCount, so the share is taken of whichever is larger.
    const minute = { statistic: cloudwatch.Stats.SUM, period: Duration.minutes(1) };
    const errors = new cloudwatch.MathExpression({
      expression: 'FILL(targetErrors, 0) + FILL(elbErrors, 0)',
      usingMetrics: {
        targetErrors: this.lb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, minute),
        elbErrors: this.lb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, minute),
      },
      period: Duration.minutes(1),
      label: '5xx responses',
    });
    const served = new cloudwatch.MathExpression({
      expression: 'FILL(requests, 0)',
      usingMetrics: { requests: this.lb.metrics.requestCount(minute) },
      period: Duration.minutes(1),
      label: 'Requests',
    });
    new cloudwatch.Alarm(this, 'ErrorRate', {
      alarmDescription:
        'More than 1 percent of the requests to this release ended in a 5xx in each of 3 minutes, from the application or from the load balancer (502, 503, 504: a crashed, missing or hung target); shift its weight back to the previous release.',
      metric: new cloudwatch.MathExpression({
        expression: 'IF(MAX([served, errors]) > 0, 100 * errors / MAX([served, errors]), 0)',
        usingMetrics: { errors, served },
        period: Duration.minutes(1),
        label: '5xx percent',
      }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
