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
  managedWithCsp: ['securityHeaders=managed', "contentSecurityPolicy=default-src 'self'"],
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

  // Versioning, the version expiry and the only reader are claims (cdk/claims.ts).
  test('the site bucket has ACLs off, logs under s3-access/ and removes leftover delete markers', () => {
    expect(bucketNamed(template, 'SiteBucket').Properties).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { LogFilePrefix: 's3-access/' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpiredObjectDeleteMarker: true })] },
    });
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
});

describe('the distribution', () => {
  // Methods, HTTPS, caching, the web ACL and the security headers are claims (cdk/claims.ts).
  test('HTTP/2 and HTTP/3, IPv6, the cheapest price class and index.html by default', () => {
    expect(distributionConfig(template)).toMatchObject({
      Enabled: true,
      HttpVersion: 'http2and3',
      IPV6Enabled: true,
      PriceClass: 'PriceClass_100',
      DefaultRootObject: 'index.html',
    });
  });

  test('the custom policy denies framing; securityHeaders=managed refuses a content security policy', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({ FrameOptions: { FrameOption: 'DENY', Override: true } }),
      },
    });
    expect(runs.error('managedWithCsp')).toMatch(/contentSecurityPolicy needs securityHeaders=custom/u);
  });

  test('without a custom domain: the CloudFront default certificate and no aliases', () => {
    const config = distributionConfig(template);
    expect(config['Aliases']).toBeUndefined();
    expect(config['ViewerCertificate']).toBeUndefined();
  });

  test('with a custom domain: the ACM certificate over SNI with the chosen TLS policy, and the price class', () => {
    expect(distributionConfig(custom.template)).toMatchObject({
      Aliases: ['www.example.com', 'example.com'],
      ViewerCertificate: {
        AcmCertificateArn: CERT,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.3_2025',
      },
      PriceClass: 'PriceClass_All',
    });
    custom.template.hasOutput('SiteUrl', { Value: 'https://www.example.com/' });
  });

  test('a domain without a certificate, or a certificate without a domain, is refused', () => {
    expect(runs.error('domainWithoutCertificate')).toMatch(/domainNames and certificateArn/);
    expect(runs.error('certificateWithoutDomain')).toMatch(/domainNames and certificateArn/);
  });

  // Where the logs go, without cookies, and their expiry are claims (cdk/claims.ts).
  test('the log bucket has ACLs for CloudFront log delivery and a policy for S3 server access logs', () => {
    expect((distributionConfig(template)['Logging'] as Record<string, unknown>)['Prefix']).toBe('cloudfront/');
    expect(bucketNamed(template, 'LogBucket').Properties).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
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
