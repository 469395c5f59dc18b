import {
  CfnCondition,
  CfnMapping,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type ICfnConditionExpression,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbTargets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';

export interface WebTierProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly fn: lambda.IFunction;
  readonly certificateArn: string;
  readonly logRetention: logs.RetentionDays;
  readonly key: kms.IKey;
  readonly flowLogGroupName: string;
}

/** The path the load balancer, Route 53 and the smoke test check. */
export const HEALTH_PATH = '/health';

/**
 * The web tier of one Region: a VPC with public subnets only, an internet-facing Application Load
 * Balancer with access logs, and the function as its target. The health path is also served over
 * plain HTTP so that Route 53 and smoke tests can reach it by the load balancer's own name.
 */
export class WebTier extends Construct {
  readonly vpc: ec2.Vpc;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly accessLogs: s3.Bucket;
  readonly https: boolean;

  constructor(scope: Construct, id: string, props: WebTierProps) {
    super(scope, id);
    this.https = props.certificateArn !== '';

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
      restrictDefaultSecurityGroup: false,
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogGroup', {
      logGroupName: props.flowLogGroupName,
      encryptionKey: props.key,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });

    const securityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.vpc,
      description:
        'Load balancer: HTTP and HTTPS from anywhere; its target is a Lambda function, reached without egress',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere');
    if (this.https) securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
    Validations.of(securityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'An internet-facing web endpoint that Route 53 health checkers and clients anywhere must reach; only ports 80 and 443 are open, and HTTP serves only the health path when HTTPS is configured.',
    });

    this.accessLogs = this.accessLogBucket(props.logRetention);
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: this.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup,
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    this.loadBalancer.setAttribute('access_logs.s3.bucket', this.accessLogs.bucketName);
    // Elastic Load Balancing checks that it may write to the bucket when logging is switched on.
    if (this.accessLogs.policy) this.loadBalancer.node.addDependency(this.accessLogs.policy);

    const targets = new elbv2.ApplicationTargetGroup(this, 'FunctionTarget', {
      targetType: elbv2.TargetType.LAMBDA,
      targets: [new elbTargets.LambdaTarget(props.fn)],
      healthCheck: {
        enabled: true,
        path: HEALTH_PATH,
        interval: Duration.seconds(35),
        timeout: Duration.seconds(30),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
        healthyHttpCodes: '200',
      },
    });
    if (this.https) {
      this.loadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [targets],
      });
      const http = this.loadBalancer.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      // Route 53 and the smoke test call the load balancer by its own name, which the certificate does not cover.
      http.addAction('HealthOverHttp', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns([HEALTH_PATH])],
        action: elbv2.ListenerAction.forward([targets]),
      });
    } else {
      this.loadBalancer.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultTargetGroups: [targets],
      });
    }
  }

  /**
   * The access log bucket. Elastic Load Balancing writes as a regional ELB account in Regions opened
   * before August 2022 and as the log delivery service principal in newer ones; the policy allows both.
   */
  private accessLogBucket(retention: logs.RetentionDays): s3.Bucket {
    const stack = Stack.of(this);
    const bucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // the only encryption ELB log delivery supports
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(retention) }],
      // A bucket that still holds logs would fail the stack deletion; it is kept and empties itself.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives load balancer access logs; logging access to it would need another bucket that logs nothing useful.',
    });
    const logPrefix = bucket.arnForObjects(`AWSLogs/${stack.account}/*`);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ElbLogDelivery',
        actions: ['s3:PutObject'],
        principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
        resources: [logPrefix],
      }),
    );
    const legacyRegions = RegionInfo.regions.filter((r) => r.elbv2Account !== undefined);
    const elbAccounts = new CfnMapping(this, 'ElbAccounts', {
      mapping: Object.fromEntries(legacyRegions.map((r) => [r.name, { account: r.elbv2Account ?? '' }])),
    });
    const regionalAccount = new CfnCondition(this, 'ElbHasRegionalAccount', {
      expression: anyOf(legacyRegions.map((r) => Fn.conditionEquals(stack.region, r.name))),
    });
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
                `arn:${stack.partition}:iam::${elbAccounts.findInMap(stack.region, 'account')}:root`,
                `arn:${stack.partition}:iam::${stack.account}:root`,
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

/** Fn::Or over any number of conditions (CloudFormation takes at most 10 per Fn::Or). */
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
