import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Parameters } from './parameters.generated.ts';

export interface StaticSiteCloudFrontStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Security policies offered by the minimumTlsVersion parameter (custom domains only). */
const TLS_POLICIES: Readonly<Record<string, cloudfront.SecurityPolicyProtocol>> = {
  'TLSv1.2_2021': cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  'TLSv1.2_2025': cloudfront.SecurityPolicyProtocol.TLS_V1_2_2025,
  'TLSv1.3_2025': cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025,
};

const PRICE_CLASSES: Readonly<Record<string, cloudfront.PriceClass>> = {
  PriceClass_100: cloudfront.PriceClass.PRICE_CLASS_100,
  PriceClass_200: cloudfront.PriceClass.PRICE_CLASS_200,
  PriceClass_All: cloudfront.PriceClass.PRICE_CLASS_ALL,
};

/** HSTS max-age: one year, long enough for browsers to keep using HTTPS between visits. */
export const HSTS_MAX_AGE = Duration.days(365);

/** The viewer-request function that maps /path/ to /path/index.html as it ships: without comment lines. */
export function directoryIndexSource(): string {
  return readFileSync(new URL('../functions/directory-index.js', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('//'))
    .join('\n');
}

function lookup<T>(table: Readonly<Record<string, T>>, name: string, value: string): T {
  const found = table[value];
  if (found === undefined) {
    throw new Error(`${name} is ${value}; use one of ${Object.keys(table).join(', ')} (architecture.yaml)`);
  }
  return found;
}

/**
 * Static website on S3 and CloudFront: a private, versioned bucket that only the distribution can
 * read through origin access control, HTTPS only, security headers, and standard logs in a second bucket.
 */
export default class StaticSiteCloudFrontStack extends Stack {
  constructor(scope: Construct, id: string, props: StaticSiteCloudFrontStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const domainNames = p.domainNames === '' ? [] : p.domainNames.split(',').map((d) => d.trim());
    if (domainNames.length > 0 !== (p.certificateArn !== '')) {
      throw new Error(
        'domainNames and certificateArn go together: CloudFront serves alternate domain names only with an ACM certificate in us-east-1 that covers them; set both, or leave both empty for the cloudfront.net domain',
      );
    }
    const removalPolicy = p.retainBuckets ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // S3 server access logs are granted by a bucket policy for logging.s3.amazonaws.com, limited to the
    // site bucket, rather than by the legacy LogDeliveryWrite canned ACL (CDK's default without this flag).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    // --- Log bucket: CloudFront standard logs (legacy) are written with ACLs, so ACLs stay enabled here.
    const logBucket = new s3.Bucket(this, 'LogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        {
          id: 'ExpireLogs',
          expiration: Duration.days(p.logRetentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy,
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the log bucket: it receives the CloudFront logs and the site bucket access logs. Logging its own access would log into itself; CloudTrail records its management events.',
    });

    // --- Site bucket: private, versioned, reachable only through the distribution.
    const siteBucket = new s3.Bucket(this, 'SiteBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3-access/',
      lifecycleRules: [
        {
          id: 'ExpireReplacedVersions',
          noncurrentVersionExpiration: Duration.days(p.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });

    // READ and LIST: with ListBucket a missing object is a 404 from S3, not a 403, so error pages
    // map real "not found" only. The bucket policy names this distribution as the only reader.
    const origin = origins.S3BucketOrigin.withOriginAccessControl(siteBucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });

    const csp = p.contentSecurityPolicy.trim();
    // securityHeaders=managed uses AWS's SecurityHeadersPolicy, which every CloudFront flat-rate plan tier
    // allows; a custom policy, as here by default, needs the Business tier or higher.
    const managedHeaders = p.securityHeaders === 'managed';
    // The type of securityHeaders is its enum (parameters.generated.ts), but a stack built outside oar gets whatever it is given.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (!managedHeaders && p.securityHeaders !== 'custom') {
      // eslint-disable-next-line @typescript-eslint/restrict-template-expressions
      throw new Error(`securityHeaders is ${p.securityHeaders}; use custom or managed (architecture.yaml)`);
    }
    if (managedHeaders && csp !== '') {
      throw new Error(
        'contentSecurityPolicy needs securityHeaders=custom: the AWS managed SecurityHeadersPolicy sends no Content-Security-Policy',
      );
    }
    const securityHeaders: cloudfront.IResponseHeadersPolicy = managedHeaders
      ? cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS
      : this.customSecurityHeaders(stackName, csp);


    const spa = p.routingMode === 'spa';
    // The type of routingMode is its enum (parameters.generated.ts), but a stack built outside oar gets whatever it is given.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (!spa && p.routingMode !== 'directory-index') {
      // eslint-disable-next-line @typescript-eslint/restrict-template-expressions
      throw new Error(`routingMode is ${p.routingMode}; use directory-index or spa (architecture.yaml)`);
    }
    const functionAssociations: cloudfront.FunctionAssociation[] = [];
    if (!spa) {
      const directoryIndex = new cloudfront.Function(this, 'DirectoryIndex', {
        comment: 'Maps /path/ to /path/index.html and redirects /path to /path/',
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        code: cloudfront.FunctionCode.fromInline(directoryIndexSource()),
      });
      functionAssociations.push({ function: directoryIndex, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST });
    }
    // A single-page app answers every unknown path with its shell and lets the client router decide;
    // a multi-page site answers with its own 404 page and a real 404 status.
    const errorResponses: cloudfront.ErrorResponse[] = spa
      ? [
          {
            httpStatus: 404,
            responseHttpStatus: 200,
            responsePagePath: `/${p.defaultRootObject}`,
            ttl: Duration.seconds(10),
          },
        ]
      : [{ httpStatus: 404, responseHttpStatus: 404, responsePagePath: p.notFoundPagePath, ttl: Duration.seconds(60) }];

    const customDomain = domainNames.length > 0;
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Static site ${stackName}`,
      defaultRootObject: p.defaultRootObject,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: securityHeaders,
        ...(functionAssociations.length > 0 && { functionAssociations }),
      },
      errorResponses,
      ...(customDomain && {
        domainNames,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', p.certificateArn),
        minimumProtocolVersion: lookup(TLS_POLICIES, 'minimumTlsVersion', p.minimumTlsVersion),
        sslSupportMethod: cloudfront.SSLMethod.SNI,
      }),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: lookup(PRICE_CLASSES, 'priceClass', p.priceClass),
      ...(p.webAclArn !== '' && { webAclId: p.webAclArn }),
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
    });
    if (!customDomain) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain: the distribution uses the *.cloudfront.net certificate, whose security policy CloudFront fixes and does not let you raise. Set domainNames and certificateArn to get the minimumTlsVersion policy (TLSv1.2_2021 or newer).',
      });
    }
    if (p.webAclArn === '') {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A static site has no forms or APIs to protect, and Shield Standard covers network-layer attacks at no charge; pass webAclArn to attach a WAF web ACL (rate limits, bot control) when you need one.',
      });
    }
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A public website is meant to be reachable from every country; add a geo restriction to the distribution only where a law or licence requires it.',
    });

    // --- What a deploy job needs: sync the build into the bucket, roll back object versions, invalidate.
    const deployerPolicy = new iam.ManagedPolicy(this, 'DeployerPolicy', {
      description: `Publish the content of ${stackName}: sync the site bucket and invalidate the distribution`,
      statements: [
        new iam.PolicyStatement({
          sid: 'ListSiteBucket',
          actions: ['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation'],
          resources: [siteBucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteSiteObjects',
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
          resources: [siteBucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'InvalidateDistribution',
          actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
          resources: [distribution.distributionArn],
        }),
      ],
    });
    const siteBucketId = this.resolve(this.getLogicalId(siteBucket.node.defaultChild as s3.CfnBucket)) as string;
    Validations.of(deployerPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/*]`,
      reason:
        'A sync writes and deletes objects under any key of the site bucket, which holds nothing but the published site; no other bucket is named.',
    });

    const host = customDomain ? (domainNames[0] ?? '') : distribution.distributionDomainName;
    new CfnOutput(this, 'SiteUrl', { value: `https://${host}/`, description: 'Address of the site' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: distribution.distributionDomainName,
      description: 'The cloudfront.net domain name; point DNS aliases for the custom domain names here',
    });
    new CfnOutput(this, 'DistributionId', {
      value: distribution.distributionId,
      description: 'Id of the distribution, for invalidations',
    });
    new CfnOutput(this, 'BucketName', {
      value: siteBucket.bucketName,
      description: 'Private bucket that holds the site; upload with aws s3 sync',
    });
    new CfnOutput(this, 'LogBucketName', {
      value: logBucket.bucketName,
      description: 'Bucket with CloudFront standard logs (cloudfront/) and site bucket access logs (s3-access/)',
    });
    new CfnOutput(this, 'DeployerPolicyArn', {
      value: deployerPolicy.managedPolicyArn,
      description: 'Managed policy for the role that publishes the site',
    });
  }

  /** HSTS for a year, nosniff, frame denial and a referrer policy, replacing what objects carry, and CSP if set. */
  private customSecurityHeaders(stackName: string, csp: string): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Security headers of ${stackName}`,
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        ...(csp !== '' && { contentSecurityPolicy: { contentSecurityPolicy: csp, override: true } }),
      },
    });
  }
}
