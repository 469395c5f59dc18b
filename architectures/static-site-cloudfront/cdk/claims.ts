// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, type Json, refTarget as target } from '../../../generators/check/claims/template-queries.ts';

/** CloudFront's managed CachingOptimized cache policy. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/** CloudFront's managed SecurityHeadersPolicy response headers policy. */
const SECURITY_HEADERS_POLICY = '67f7725c-6f97-4210-82d7-5512b31e9d03';

/** The distribution's config. */
function distribution(t: ClaimContext): Json & { id: string } {
  const all = t.resources('AWS::CloudFront::Distribution');
  assert.equal(all.length, 1, `expected one distribution, found ${all.length}`);
  const [d] = all as [(typeof all)[number]];
  return { id: d.id, ...(d.Properties?.['DistributionConfig'] as Json) };
}

/** The bucket whose logical id starts with a prefix (SiteBucket or LogBucket): its id, deletion policy and properties. */
function bucket(t: ClaimContext, prefix: string): { id: string; DeletionPolicy?: string; p: Json } {
  const found = t.resources('AWS::S3::Bucket').filter((b) => b.id.startsWith(prefix));
  assert.equal(found.length, 1, `expected one ${prefix}, found ${found.length}`);
  const [b] = found as [(typeof found)[number]];
  return { id: b.id, DeletionPolicy: b.DeletionPolicy, p: b.Properties ?? {} };
}

export default [
  claim(
    'no-zonal-resources',
    'The site is served by CloudFront from an S3 bucket, and the stack creates nothing that lives in one Availability Zone.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(
        types.filter((ty) => ty.startsWith('AWS::EC2::') || ty.startsWith('AWS::ElasticLoadBalancing')),
        [],
        'the stack creates zonal resources',
      );
      const origins = distribution(t)['Origins'] as Json[];
      assert.equal(origins.length, 1, 'the distribution has more than one origin');
      assert.equal(
        target((origins[0] as Json)['DomainName']),
        bucket(t, 'SiteBucket').id,
        'the origin is not the site bucket',
      );
    },
  ),
  claim(
    'cached-at-the-edge',
    'Every response is cached at the edge with the managed CachingOptimized policy, which keeps objects by their Cache-Control header, and compressed.',
    (t) => {
      const behavior = distribution(t)['DefaultCacheBehavior'] as Json;
      assert.equal(behavior['CachePolicyId'], CACHING_OPTIMIZED, 'the default behaviour does not use CachingOptimized');
      assert.equal(behavior['Compress'], true, 'responses are not compressed');
      assert.equal(distribution(t)['CacheBehaviors'], undefined, 'other behaviours may bypass the cache');
    },
  ),
  claim(
    'only-this-distribution-reads-the-bucket',
    'The site bucket blocks public access, has no website endpoint, refuses requests without TLS, and lets only this distribution read it, through origin access control.',
    (t) => {
      const site = bucket(t, 'SiteBucket');
      assert.deepEqual(
        site.p['PublicAccessBlockConfiguration'],
        { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        'the site bucket does not block all public access',
      );
      assert.equal(site.p['WebsiteConfiguration'], undefined, 'the site bucket has a public website endpoint');
      const policy = t.resources('AWS::S3::BucketPolicy').find((p) => target(p.Properties?.['Bucket']) === site.id);
      assert.ok(policy, 'the site bucket has no policy');
      const statements = (policy.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      const allows = statements.filter((s) => s['Effect'] === 'Allow');
      assert.equal(allows.length, 1, 'the site bucket allows more than one statement');
      const [allow] = allows as [Json];
      assert.deepEqual(
        allow['Principal'],
        { Service: 'cloudfront.amazonaws.com' },
        'someone other than CloudFront may read',
      );
      const source = ((allow['Condition'] as Json)['StringEquals'] as Json)['AWS:SourceArn'];
      assert.ok(
        flatten(source).includes(`<${JSON.stringify({ Ref: distribution(t).id })}>`),
        'another distribution may read',
      );
      assert.ok(
        statements.some(
          (s) => s['Effect'] === 'Deny' && JSON.stringify(s['Condition']).includes('"aws:SecureTransport":"false"'),
        ),
        'the site bucket accepts requests without TLS',
      );
      const [origin] = distribution(t)['Origins'] as [Json];
      assert.ok(origin['OriginAccessControlId'], 'the origin does not sign its requests with origin access control');
    },
  ),
  claim(
    'versions-kept-for-rollback',
    'The site bucket is versioned and keeps a replaced or deleted object for noncurrentVersionDays, so any publish or deletion can be undone in that time.',
    (t) => {
      const site = bucket(t, 'SiteBucket');
      assert.deepEqual(site.p['VersioningConfiguration'], { Status: 'Enabled' }, 'the site bucket is not versioned');
      const rules = ((site.p['LifecycleConfiguration'] as Json | undefined)?.['Rules'] ?? []) as Json[];
      const expiring = rules.filter((r) => r['NoncurrentVersionExpiration'] !== undefined);
      assert.deepEqual(
        expiring.map((r) => r['NoncurrentVersionExpiration']),
        [{ NoncurrentDays: t.parameters['noncurrentVersionDays'] }],
        'old versions are not kept for noncurrentVersionDays',
      );
      assert.ok(
        rules.every((r) => r['ExpirationInDays'] === undefined && r['ExpirationDate'] === undefined),
        'a lifecycle rule expires current objects of the site',
      );
    },
  ),
  claim(
    'buckets-retained-when-asked',
    'With retainBuckets both buckets and their content outlive the stack; without it they are deleted with it.',
    (t) => {
      const policy = t.parameters['retainBuckets'] === true ? 'Retain' : 'Delete';
      for (const prefix of ['SiteBucket', 'LogBucket']) {
        assert.equal(bucket(t, prefix).DeletionPolicy, policy, `${prefix} does not follow retainBuckets`);
      }
    },
  ),
  claim(
    'web-acl-when-given',
    'With webAclArn the distribution is protected by that AWS WAF web ACL; without it, by Shield Standard alone.',
    (t) => {
      const acl = String(t.parameters['webAclArn']);
      assert.equal(distribution(t)['WebACLId'], acl === '' ? undefined : acl, 'the web ACL does not follow webAclArn');
    },
  ),
  claim(
    'only-get-and-head-over-https',
    'Viewers can only read: the distribution allows GET and HEAD, and redirects plain HTTP to HTTPS.',
    (t) => {
      const behavior = distribution(t)['DefaultCacheBehavior'] as Json;
      assert.deepEqual(behavior['AllowedMethods'], ['GET', 'HEAD'], 'the distribution accepts other methods');
      assert.equal(behavior['ViewerProtocolPolicy'], 'redirect-to-https', 'plain HTTP is served');
    },
  ),
  claim(
    'security-headers-on-every-response',
    'Every response carries HSTS, nosniff, frame and referrer headers: from this stack policy, which replaces what objects carry, or from AWS SecurityHeadersPolicy with securityHeaders managed.',
    (t) => {
      const id = (distribution(t)['DefaultCacheBehavior'] as Json)['ResponseHeadersPolicyId'];
      if (t.parameters['securityHeaders'] === 'managed') {
        assert.equal(id, SECURITY_HEADERS_POLICY, 'the managed SecurityHeadersPolicy is not attached');
        assert.deepEqual(
          t.resources('AWS::CloudFront::ResponseHeadersPolicy'),
          [],
          'a custom policy exists besides the managed one',
        );
        return;
      }
      const policies = t.resources('AWS::CloudFront::ResponseHeadersPolicy');
      assert.equal(policies.length, 1, 'there is not one custom response headers policy');
      assert.equal(target(id), policies[0]?.id, 'the custom response headers policy is not attached');
      const headers = (policies[0]?.Properties?.['ResponseHeadersPolicyConfig'] as Json)[
        'SecurityHeadersConfig'
      ] as Json;
      const hsts = headers['StrictTransportSecurity'] as Json;
      assert.ok(Number(hsts['AccessControlMaxAgeSec']) >= 31_536_000, 'HSTS lasts less than a year');
      for (const name of ['StrictTransportSecurity', 'ContentTypeOptions', 'FrameOptions', 'ReferrerPolicy']) {
        assert.equal(
          (headers[name] as Json | undefined)?.['Override'],
          true,
          `${name} does not replace what objects carry`,
        );
      }
      const csp = String(t.parameters['contentSecurityPolicy']).trim();
      assert.deepEqual(
        (headers['ContentSecurityPolicy'] as Json | undefined)?.['ContentSecurityPolicy'],
        csp === '' ? undefined : csp,
        'the Content-Security-Policy does not follow contentSecurityPolicy',
      );
    },
  ),
  claim(
    'deployer-reaches-only-this-site',
    'The deployer policy can list, write and delete objects of the site bucket and invalidate this distribution, and nothing else.',
    (t) => {
      const policies = t.resources('AWS::IAM::ManagedPolicy');
      assert.equal(policies.length, 1, 'there is not one managed policy, the deployer policy');
      const statements = (policies[0]?.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      const site = bucket(t, 'SiteBucket').id;
      const dist = distribution(t).id;
      for (const s of statements) {
        assert.equal(s['Effect'], 'Allow', 'the deployer policy has a statement that is not an allow');
        for (const r of asList(s['Resource'])) {
          const text = flatten(r);
          const ok =
            target(r) === site ||
            text === `<${JSON.stringify({ 'Fn::GetAtt': [site, 'Arn'] })}>/*` ||
            text.endsWith(`:distribution/<${JSON.stringify({ Ref: dist })}>`);
          assert.ok(ok, `the deployer policy reaches ${text}`);
        }
        for (const a of asList(s['Action'])) {
          assert.match(
            String(a),
            /^(s3:(List|Get|Put|Delete)|cloudfront:(Create|Get|List)Invalidation)/u,
            `the deployer may ${String(a)}`,
          );
        }
      }
    },
  ),
  claim(
    'access-logs-expire',
    'CloudFront and S3 access logs, which hold viewer addresses, go only to the log bucket, without cookies, and expire after logRetentionDays.',
    (t) => {
      const logs = bucket(t, 'LogBucket');
      const logging = distribution(t)['Logging'] as Json | undefined;
      assert.ok(logging, 'the distribution writes no standard logs');
      assert.equal(target(logging['Bucket']), logs.id, 'CloudFront logs go to another bucket');
      assert.equal(logging['IncludeCookies'], false, 'CloudFront logs include cookies');
      const site = bucket(t, 'SiteBucket');
      const s3Logging = site.p['LoggingConfiguration'] as Json | undefined;
      assert.equal(target(s3Logging?.['DestinationBucketName']), logs.id, 'S3 access logs go to another bucket');
      const rules = ((logs.p['LifecycleConfiguration'] as Json | undefined)?.['Rules'] ?? []) as Json[];
      assert.ok(
        rules.some(
          (r) =>
            r['ExpirationInDays'] === t.parameters['logRetentionDays'] &&
            r['Prefix'] === undefined &&
            r['Status'] === 'Enabled',
        ),
        'logs are not expired after logRetentionDays',
      );
      assert.deepEqual(
        logs.p['PublicAccessBlockConfiguration'],
        { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        'the log bucket does not block public access',
      );
    },
  ),
];
