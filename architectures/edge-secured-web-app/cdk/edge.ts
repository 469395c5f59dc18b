import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as shield from 'aws-cdk-lib/aws-shield';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** The AWS managed rule groups of the web ACL, in the order it evaluates them after the rate limit. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

export interface EdgeProps {
  /** The internal load balancer CloudFront reaches through a VPC origin. */
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Requests one client address may send in 5 minutes before the web ACL blocks it. */
  readonly rateLimitPer5Minutes: number;
  /** ACM certificate in us-east-1 for domainName, or empty for the distribution's own name. */
  readonly certificateArn: string;
  readonly domainName: string;
  /** Register the distribution with Shield Advanced; the account must be subscribed. */
  readonly shieldAdvanced: boolean;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/**
 * The edge: an AWS WAF web ACL with a rate-based rule and AWS managed rule groups, and a CloudFront distribution
 * that it protects, whose only origin is a VPC origin to the internal load balancer. Nothing but CloudFront can
 * reach the load balancer, so every request passes the web ACL.
 */
export class Edge extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // --- Web ACL: scope CLOUDFRONT, which CloudFormation creates only in us-east-1.
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${stack.stackName}-edge`,
      description: 'In front of the CloudFront distribution: a per-address rate limit and AWS managed rule groups',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('edge'),
      rules: [
        {
          // First, so a flood is blocked before the managed groups spend their capacity on it.
          name: 'RateLimitPerAddress',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.rateLimitPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('rate-limit'),
        },
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
          name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
      ],
    });

    // --- Distribution: HTTPS to viewers, no caching (a dynamic application), the VPC origin behind.
    const https = props.certificateArn !== '';
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${stack.stackName}: edge of the web application`,
      webAclId: this.webAcl.attrArn,
      defaultBehavior: {
        origin: origins.VpcOrigin.withApplicationLoadBalancer(props.loadBalancer, {
          vpcOriginName: `${stack.stackName}-alb`,
          // Inside the VPC, CloudFront speaks HTTP to the internal load balancer: the certificate on the load
          // balancer would have to match its internal DNS name, which no public CA signs.
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
          readTimeout: Duration.seconds(30),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
      ...(https && {
        domainNames: [props.domainName],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'A public web application serves every country by default; add a geo restriction in a fork when law or licensing asks for one.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'The load balancer writes access logs of every request that passes the web ACL to S3; CloudFront standard logs need a bucket with ACLs, so the README adds them as an operational step where the edge view is needed.',
      },
      ...(https
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                "Without certificateArn the distribution uses its own *.cloudfront.net certificate, whose minimum protocol CloudFront fixes at TLSv1; with certificateArn it requires TLS 1.2 (TLSv1.2_2021).",
            },
          ]),
    );

    // --- Shield Advanced protection of the distribution, when the account is subscribed.
    if (props.shieldAdvanced) {
      new shield.CfnProtection(this, 'ShieldProtection', {
        name: `${stack.stackName}-distribution`,
        resourceArn: stack.formatArn({
          service: 'cloudfront',
          region: '',
          resource: 'distribution',
          resourceName: this.distribution.distributionId,
        }),
      });
    }
  }
}
