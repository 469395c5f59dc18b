import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { openCatalogue } from '../../../lib/catalogue.ts';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  REPO_ROOT,
  synthConfigs,
} from '../../../test/helpers/synth-entry.ts';
import { ofType, resourcesOf, typesOf, type Resource } from '../../../test/helpers/template.ts';
import { directoryIndexSource } from './stack.ts';

const ID = 'static-site-cloudfront';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const WAF = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site-acl/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  custom: [
    'domainNames=www.example.com,example.com',
    `certificateArn=${CERT}`,
    'minimumTlsVersion=TLSv1.3_2025',
    'priceClass=PriceClass_All',
    `webAclArn=${WAF}`,
    "contentSecurityPolicy=default-src 'self'; img-src 'self' data:",
    'noncurrentVersionDays=7',
    'logRetentionDays=30',
    'retainBuckets=false',
  ],
  spa: ['routingMode=spa', 'defaultRootObject=app.html'],
  domainWithoutCertificate: ['domainNames=www.example.com'],
  certificateWithoutDomain: [`certificateArn=${CERT}`],
});
const custom = runs.ok('custom');
const spa = runs.ok('spa');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

const distributionConfig = (t: Template): Record<string, unknown> => {
  const [d] = ofType(t, 'AWS::CloudFront::Distribution');
  return d?.Properties?.['DistributionConfig'] as Record<string, unknown>;
};
const bucketNamed = (t: Template, prefix: string): Resource => {
  const found = Object.entries(resourcesOf(t)).filter(
    ([id, r]) => id.startsWith(prefix) && r.Type === 'AWS::S3::Bucket',
  );
  expect(found, prefix).toHaveLength(1);
  return found[0]?.[1] as Resource;
};

checkConfigurations(ID, { custom, spa });

describe('static-site-cloudfront stack', () => {
  test('the TLS and WAF acknowledgements go away when their parameters are set', () => {
    const rules = (acks: readonly { rule: string }[]) => acks.map((a) => a.rule).sort();
    expect(rules(entryAcknowledgements(ID))).toEqual([
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR4',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<SiteBucket[0-9A-F]+\.Arn>\/\*\]$/),
      'AwsSolutions-S1',
    ]);
    expect(rules(custom.result.acknowledged)).not.toContain('AwsSolutions-CFR4');
    expect(rules(custom.result.acknowledged)).not.toContain('AwsSolutions-CFR2');
  });

  test('resource types: no custom resources and no Lambda functions', () => {
    expect(typesOf(template)).toEqual([
      'AWS::CloudFront::Distribution',
      'AWS::CloudFront::Function',
      'AWS::CloudFront::OriginAccessControl',
      'AWS::CloudFront::ResponseHeadersPolicy',
      'AWS::IAM::ManagedPolicy',
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
    ]);
  });
});

describe('a private bucket that only the distribution reads', () => {
  test.each(Object.entries({ default: template, custom: custom.template }))(
    '%s: both buckets block public access, encrypt with SSE-S3 and refuse plain HTTP',
    (_, t) => {
      for (const bucket of ofType(t, 'AWS::S3::Bucket')) {
        expect(bucket.Properties).toMatchObject({
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
        });
        expect(bucket.Properties?.['WebsiteConfiguration']).toBeUndefined();
      }
      const policies = ofType(t, 'AWS::S3::BucketPolicy');
      expect(policies).toHaveLength(2);
      for (const policy of policies) {
        expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
      }
    },
  );

  test('the site bucket is versioned, has ACLs off and expires replaced versions', () => {
    expect(bucketNamed(template, 'SiteBucket').Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: expect.stringMatching(/^LogBucket/) as string },
        LogFilePrefix: 's3-access/',
      },
      LifecycleConfiguration: {
        Rules: [
          expect.objectContaining({
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            ExpiredObjectDeleteMarker: true,
            Status: 'Enabled',
          }),
        ],
      },
    });
    expect(bucketNamed(custom.template, 'SiteBucket').Properties).toMatchObject({
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } })],
      },
    });
  });

  test('only this distribution may read the site bucket, through the CloudFront service principal', () => {
    const [sitePolicy] = ofType(template, 'AWS::S3::BucketPolicy').filter((p) =>
      JSON.stringify(p.Properties?.['Bucket']).includes('SiteBucket'),
    );
    const statements = (sitePolicy?.Properties?.['PolicyDocument'] as { Statement: Record<string, unknown>[] })
      .Statement;
    const allows = statements.filter((s) => s['Effect'] === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:ListBucket'],
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                expect.arrayContaining([':distribution/', { Ref: expect.stringMatching(/^Distribution/) as string }]),
              ],
            },
          },
        },
      }),
    ]);
    expect(JSON.stringify(statements)).not.toContain('"AWS":"*"},"Effect":"Allow"');
  });

  test('the origin uses origin access control (SigV4), not an origin access identity', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const [origin] = distributionConfig(template)['Origins'] as Record<string, unknown>[];
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [expect.stringMatching(/^SiteBucket/), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  test('buckets are retained by default and deleted with retainBuckets=false', () => {
    template.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    custom.template.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });
});

describe('the distribution', () => {
  test('HTTPS only, GET and HEAD, CachingOptimized, compression, security headers', () => {
    expect(distributionConfig(template)).toMatchObject({
      Enabled: true,
      HttpVersion: 'http2and3',
      IPV6Enabled: true,
      PriceClass: 'PriceClass_100',
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        Compress: true,
        ResponseHeadersPolicyId: { Ref: expect.stringMatching(/^SecurityHeaders/) as string },
      },
    });
    expect(distributionConfig(template)['WebACLId']).toBeUndefined();
  });

  test('the response headers policy sets HSTS, nosniff, frame DENY and a referrer policy, and CSP only when asked', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: false, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: Match.absent(),
        },
      },
    });
    custom.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:", Override: true },
        }),
      },
    });
  });

  test('without a custom domain: the CloudFront default certificate and no aliases', () => {
    const config = distributionConfig(template);
    expect(config['Aliases']).toBeUndefined();
    expect(config['ViewerCertificate']).toBeUndefined();
  });

  test('with a custom domain: the ACM certificate over SNI with the chosen TLS policy, the WAF ACL and price class', () => {
    expect(distributionConfig(custom.template)).toMatchObject({
      Aliases: ['www.example.com', 'example.com'],
      ViewerCertificate: {
        AcmCertificateArn: CERT,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.3_2025',
      },
      WebACLId: WAF,
      PriceClass: 'PriceClass_All',
    });
    custom.template.hasOutput('SiteUrl', { Value: 'https://www.example.com/' });
  });

  test('a domain without a certificate, or a certificate without a domain, is refused', () => {
    expect(runs.error('domainWithoutCertificate')).toMatch(/domainNames and certificateArn/);
    expect(runs.error('certificateWithoutDomain')).toMatch(/domainNames and certificateArn/);
  });

  test('standard logs go to the log bucket, which has ACLs for log delivery and expires logs', () => {
    expect(distributionConfig(template)['Logging']).toEqual({
      Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^LogBucket/), 'RegionalDomainName'] },
      IncludeCookies: false,
      Prefix: 'cloudfront/',
    });
    expect(bucketNamed(template, 'LogBucket').Properties).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 90 })] },
    });
    expect(bucketNamed(template, 'LogBucket').Properties?.['AccessControl']).toBeUndefined();
    const [logPolicy] = ofType(template, 'AWS::S3::BucketPolicy').filter((p) =>
      JSON.stringify(p.Properties?.['Bucket']).includes('LogBucket'),
    );
    expect((logPolicy?.Properties?.['PolicyDocument'] as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Action: 's3:PutObject',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Condition: expect.objectContaining({
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^SiteBucket/), 'Arn'] } },
        }) as unknown,
        Resource: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^LogBucket/), 'Arn'] }, '/s3-access/*']],
        },
      }),
    );
    expect(bucketNamed(custom.template, 'LogBucket').Properties).toMatchObject({
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 30 })] },
    });
  });

  test('directory-index mode: the shipped function on viewer requests, and a 404 page with status 404', () => {
    const [fn] = ofType(template, 'AWS::CloudFront::Function');
    expect(fn?.Properties).toMatchObject({
      AutoPublish: true,
      FunctionCode: directoryIndexSource(),
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
    expect(directoryIndexSource().length).toBeLessThan(10_240);
    expect(distributionConfig(template)).toMatchObject({
      DefaultCacheBehavior: {
        FunctionAssociations: [
          {
            EventType: 'viewer-request',
            FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^DirectoryIndex/), 'FunctionARN'] },
          },
        ],
      },
      CustomErrorResponses: [
        { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
      ],
    });
  });

  test('spa mode: no function, and missing paths get the app shell with status 200', () => {
    spa.template.resourceCountIs('AWS::CloudFront::Function', 0);
    expect(distributionConfig(spa.template)).toMatchObject({
      DefaultRootObject: 'app.html',
      CustomErrorResponses: [{ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/app.html' }],
    });
    expect(
      (distributionConfig(spa.template)['DefaultCacheBehavior'] as Record<string, unknown>)['FunctionAssociations'],
    ).toBeUndefined();
  });
});

describe('publishing', () => {
  test('the deployer policy reaches this bucket and this distribution only', () => {
    const [policy] = ofType(template, 'AWS::IAM::ManagedPolicy');
    const statements = (policy?.Properties?.['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements.map((s) => s['Sid'])).toEqual(['ListSiteBucket', 'WriteSiteObjects', 'InvalidateDistribution']);
    const text = JSON.stringify(statements);
    expect(text).not.toContain('"Resource":"*"');
    expect(text).not.toContain('s3:*');
    expect(text).not.toContain('cloudfront:UpdateDistribution');
    expect(statements[2]).toMatchObject({
      Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
      Resource: {
        'Fn::Join': [
          '',
          expect.arrayContaining([':distribution/', { Ref: expect.stringMatching(/^Distribution/) as string }]),
        ],
      },
    });
  });
});

describe('metadata agrees with the template', () => {
  test('the smoke test uses the cloudfront.net domain over plain HTTP and expects the HTTPS redirect', () => {
    expect(meta?.smokeTests).toEqual([
      {
        name: expect.any(String) as string,
        http: { url: 'http://${outputs.DistributionDomainName}/', expectStatus: 301 },
      },
    ]);
    template.hasOutput('DistributionDomainName', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] },
    });
  });
});
