import {
  CloudFrontClient,
  DescribeFunctionCommand,
  GetDistributionCommand,
  GetFunctionCommand,
  GetOriginAccessControlCommand,
  GetResponseHeadersPolicyConfigCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

/** CloudFront's managed CachingOptimized cache policy. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

interface Statement {
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

async function distribution(
  stack: DeployedStack,
): Promise<{ arn: string; domainName: string; config: DistributionConfig }> {
  const cf = new CloudFrontClient(stack.aws);
  const { Distribution } = await cf.send(new GetDistributionCommand({ Id: stack.outputs['DistributionId'] }));
  expect(Distribution?.DistributionConfig).toBeDefined();
  return {
    arn: Distribution?.ARN ?? '',
    domainName: Distribution?.DomainName ?? '',
    config: Distribution?.DistributionConfig ?? ({} as DistributionConfig),
  };
}

/** The regional domain name CloudFront reaches a bucket by. */
const regionalDomain = (stack: DeployedStack, bucket: string) => `${bucket}.s3.${stack.aws.region}.amazonaws.com`;

export default [
  readBack(
    'The stack outputs name the distribution that serves the site, at its cloudfront.net address',
    async (stack) => {
      const { domainName } = await distribution(stack);
      expect(domainName).toMatch(/\.cloudfront\.net$/u);
      expect(stack.outputs['DistributionId']).toBe(stack.physicalId('AWS::CloudFront::Distribution'));
      expect(stack.outputs['DistributionDomainName']).toBe(domainName);
      expect(stack.outputs['SiteUrl']).toBe(`https://${domainName}/`);
    },
  ),

  readBack(
    'The distribution serves only GET and HEAD and redirects plain HTTP to HTTPS',
    async (stack) => {
      const behaviour = (await distribution(stack)).config.DefaultCacheBehavior;
      expect(behaviour?.AllowedMethods?.Items).toEqual(['GET', 'HEAD']);
      expect(behaviour?.ViewerProtocolPolicy).toBe('redirect-to-https');
    },
    'only-get-and-head-over-https',
  ),

  readBack(
    'Every path is cached with CachingOptimized and compressed, with no other cache behaviour',
    async (stack) => {
      const { config } = await distribution(stack);
      expect(config.DefaultCacheBehavior?.CachePolicyId).toBe(CACHING_OPTIMIZED);
      expect(config.DefaultCacheBehavior?.Compress).toBe(true);
      expect(config.CacheBehaviors?.Quantity ?? 0).toBe(0);
    },
    'cached-at-the-edge',
  ),

  readBack(
    'The site bucket blocks public access, refuses requests without TLS, and lets only this distribution read it, through origin access control',
    async (stack) => {
      const bucket = stack.outputs['BucketName'] ?? '';
      const { arn, config } = await distribution(stack);
      const [origin] = config.Origins?.Items ?? [];
      expect(config.Origins?.Quantity).toBe(1);
      expect(origin?.DomainName).toBe(regionalDomain(stack, bucket));
      const controlId = stack.physicalId('AWS::CloudFront::OriginAccessControl');
      expect(origin?.OriginAccessControlId).toBe(controlId);
      const cf = new CloudFrontClient(stack.aws);
      const control = (await cf.send(new GetOriginAccessControlCommand({ Id: controlId }))).OriginAccessControl;
      expect(control?.OriginAccessControlConfig).toMatchObject({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      });

      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const block = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
      expect(block).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
      const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as {
        Statement: Statement[];
      };
      const allows = policy.Statement.filter((s) => s.Effect === 'Allow');
      expect(allows.map((s) => s.Principal)).toEqual([{ Service: 'cloudfront.amazonaws.com' }]);
      expect(allows[0]?.Condition?.['StringEquals']?.['AWS:SourceArn']).toBe(arn);
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    },
    'only-this-distribution-reads-the-bucket',
  ),

  readBack(
    "Every response carries this stack's HSTS, nosniff, frame and referrer headers, replacing what objects carry",
    async (stack) => {
      const policyId = stack.physicalId('AWS::CloudFront::ResponseHeadersPolicy');
      expect((await distribution(stack)).config.DefaultCacheBehavior?.ResponseHeadersPolicyId).toBe(policyId);
      const cf = new CloudFrontClient(stack.aws);
      const config = (await cf.send(new GetResponseHeadersPolicyConfigCommand({ Id: policyId })))
        .ResponseHeadersPolicyConfig;
      const headers = config?.SecurityHeadersConfig;
      expect(headers?.StrictTransportSecurity?.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
      expect(headers?.FrameOptions?.FrameOption).toBe('DENY');
      expect(headers?.ReferrerPolicy?.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
      for (const header of [
        headers?.StrictTransportSecurity,
        headers?.ContentTypeOptions,
        headers?.FrameOptions,
        headers?.ReferrerPolicy,
      ])
        expect(header?.Override).toBe(true);
    },
    'security-headers-on-every-response',
  ),

  readBack(
    'A published CloudFront Function maps directory paths to their index.html on every viewer request',
    async (stack) => {
      const functionArn = stack.physicalId('AWS::CloudFront::Function');
      const associations = (await distribution(stack)).config.DefaultCacheBehavior?.FunctionAssociations;
      expect(associations?.Items).toEqual([{ EventType: 'viewer-request', FunctionARN: functionArn }]);
      const cf = new CloudFrontClient(stack.aws);
      const name = functionArn.split('/').pop() ?? '';
      const live = await cf.send(new DescribeFunctionCommand({ Name: name, Stage: 'LIVE' }));
      expect(live.FunctionSummary?.FunctionConfig?.Runtime).toBe('cloudfront-js-2.0');
      const { FunctionCode } = await cf.send(new GetFunctionCommand({ Name: name, Stage: 'LIVE' }));
      const code = FunctionCode?.transformToString();
      expect(code).toContain("'index.html'");
    },
  ),

  readBack(
    'CloudFront and S3 access logs go to the log bucket, without cookies, and expire after 90 days',
    async (stack) => {
      const logs = stack.outputs['LogBucketName'] ?? '';
      const { config } = await distribution(stack);
      expect(config.Logging).toEqual({
        Enabled: true,
        IncludeCookies: false,
        Bucket: regionalDomain(stack, logs),
        Prefix: 'cloudfront/',
      });
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const logging = await s3.send(new GetBucketLoggingCommand({ Bucket: stack.outputs['BucketName'] }));
      expect(logging.LoggingEnabled?.TargetBucket).toBe(logs);
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: logs }));
      expect(Rules.filter((r) => r.Status === 'Enabled').map((r) => r.Expiration?.Days)).toContain(90);
    },
    'access-logs-expire',
  ),

  readBack(
    'The site bucket is versioned and keeps replaced or deleted objects for 30 days',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = stack.outputs['BucketName'];
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      expect(Rules.map((r) => r.NoncurrentVersionExpiration?.NoncurrentDays)).toContain(30);
      expect(Rules.every((r) => r.Expiration?.Days === undefined)).toBe(true);
    },
    'versions-kept-for-rollback',
  ),
];
