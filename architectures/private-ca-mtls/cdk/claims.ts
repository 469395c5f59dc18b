// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatOf, flatten, refTarget as target, type Json } from '../../../generators/check/claims/template-queries.ts';

type Found = Json & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));

/** The CA of a type (ROOT or SUBORDINATE). */
function ca(t: ClaimContext, type: string): Found {
  const found = all(t, 'AWS::ACMPCA::CertificateAuthority').filter((c) => c['Type'] === type);
  assert.equal(found.length, 1, `expected one ${type} CA, found ${found.length}`);
  return found[0] as Found;
}

/** The certificate whose CSR is the CA's: the certificate that CA is installed with. */
function certificateOf(t: ClaimContext, authority: Found): Found {
  const found = all(t, 'AWS::ACMPCA::Certificate').filter(
    (c) => flatten(c['CertificateSigningRequest']) === flatten({ 'Fn::GetAtt': [authority.id, 'CertificateSigningRequest'] }),
  );
  assert.equal(found.length, 1, `expected one certificate for ${authority.id}`);
  return found[0] as Found;
}

function activationOf(t: ClaimContext, authority: Found): Found {
  const found = all(t, 'AWS::ACMPCA::CertificateAuthorityActivation').filter(
    (a) => target(a['CertificateAuthorityArn']) === authority.id,
  );
  assert.equal(found.length, 1, `expected one activation of ${authority.id}`);
  return found[0] as Found;
}

interface Statement {
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

function alarmOn(t: ClaimContext, metric: string): Found {
  const found = all(t, 'AWS::CloudWatch::Alarm').filter((a) => a['MetricName'] === metric);
  assert.equal(found.length, 1, `expected one alarm on ${metric}`);
  const alarm = found[0] as Found;
  const topic = String(t.parameters['alarmTopicArn']);
  assert.deepEqual(alarm['AlarmActions'], topic === '' ? undefined : [topic], `the ${metric} alarm does not notify alarmTopicArn`);
  return alarm;
}

export default [
  claim(
    'root-signs-only-the-issuing-ca',
    'The root CA signs its own certificate and then the issuing CA with a path length of 0, so the issuing CA can create no further CAs; the issuing CA is installed with the root chain, and the root outlives it.',
    (t) => {
      const root = ca(t, 'ROOT');
      const issuing = ca(t, 'SUBORDINATE');
      const rootCert = certificateOf(t, root);
      assert.equal(target(rootCert['CertificateAuthorityArn']), root.id);
      assert.equal(rootCert['TemplateArn'], 'arn:aws:acm-pca:::template/RootCACertificate/V1');
      const issuingCert = certificateOf(t, issuing);
      assert.equal(target(issuingCert['CertificateAuthorityArn']), root.id, 'the root does not sign the issuing CA');
      assert.equal(issuingCert['TemplateArn'], 'arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1');
      const rootActivation = activationOf(t, root);
      const issuingActivation = activationOf(t, issuing);
      assert.equal(
        flatten(issuingActivation['CertificateChain']),
        flatten({ 'Fn::GetAtt': [rootActivation.id, 'CompleteCertificateChain'] }),
        'the issuing CA is not installed with the root chain',
      );
      const rootYears = Number((rootCert['Validity'] as Json)['Value']);
      const issuingYears = Number((issuingCert['Validity'] as Json)['Value']);
      assert.equal(rootYears, t.parameters['rootValidityYears']);
      assert.equal(issuingYears, t.parameters['issuingValidityYears']);
      assert.ok(issuingYears < rootYears, 'the issuing CA would outlive the root that signed it');
      assert.equal(all(t, 'AWS::ACMPCA::CertificateAuthority').length, 2, 'the stack creates more than two CAs');
    },
  ),
  claim(
    'ca-keys-in-fips-hardware',
    'Both CA keys are kept in FIPS 140-2 Level 3 hardware security modules; the root key is RSA 4096.',
    (t) => {
      for (const c of all(t, 'AWS::ACMPCA::CertificateAuthority')) {
        assert.equal(c['KeyStorageSecurityStandard'], 'FIPS_140_2_LEVEL_3_OR_HIGHER', `${c.id} keys are not in FIPS 140-2 Level 3 HSMs`);
      }
      assert.equal(ca(t, 'ROOT')['KeyAlgorithm'], 'RSA_4096');
    },
  ),
  claim(
    'revocation-is-published',
    'Both CAs publish CRLs to the private CRL bucket, the issuing CA every crlExpirationDays at the latest, and the issuing CA answers OCSP; certificates carry no CRL distribution point, since the bucket is private.',
    (t) => {
      const bucket = all(t, 'AWS::S3::Bucket').find((b) => b.id.startsWith('PkiCrlBucket'));
      assert.ok(bucket, 'there is no CRL bucket');
      for (const c of all(t, 'AWS::ACMPCA::CertificateAuthority')) {
        const crl = ((c['RevocationConfiguration'] as Json)['CrlConfiguration'] ?? {}) as Json;
        assert.equal(crl['Enabled'], true, `${c.id} publishes no CRL`);
        assert.equal(target(crl['S3BucketName']), bucket.id);
        assert.equal(crl['S3ObjectAcl'], 'BUCKET_OWNER_FULL_CONTROL');
        assert.deepEqual(crl['CrlDistributionPointExtensionConfiguration'], { OmitExtension: true });
      }
      const issuing = ca(t, 'SUBORDINATE')['RevocationConfiguration'] as Json;
      assert.equal((issuing['CrlConfiguration'] as Json)['ExpirationInDays'], t.parameters['crlExpirationDays']);
      assert.deepEqual(issuing['OcspConfiguration'], { Enabled: true });
    },
  ),
  claim(
    'pki-buckets-are-private',
    'The CRL, audit-report and trust store buckets block public access, refuse requests without TLS, keep versions and outlive the stack; only Private CA, for this account, may write CRLs and audit reports.',
    (t) => {
      const buckets = all(t, 'AWS::S3::Bucket').filter((b) => !b.id.startsWith('MtlsAccessLogs'));
      assert.equal(buckets.length, 3);
      for (const b of buckets) {
        assert.deepEqual(b['PublicAccessBlockConfiguration'], {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        assert.deepEqual(b['VersioningConfiguration'], { Status: 'Enabled' });
        const raw = t.resources('AWS::S3::Bucket').find((r) => r.id === b.id) as unknown as Json;
        assert.equal(raw['DeletionPolicy'], 'Retain', `${b.id} is deleted with the stack`);
      }
      for (const prefix of ['PkiCrlBucket', 'PkiAuditBucket']) {
        const policy = all(t, 'AWS::S3::BucketPolicy').find((p) => p.id.startsWith(prefix));
        const statements = asList((policy?.['PolicyDocument'] as Json)['Statement']) as Statement[];
        const allows = statements.filter((s) => s.Effect === 'Allow');
        assert.equal(allows.length, 1, `${prefix} allows more than Private CA`);
        const allow = allows[0] as Statement;
        assert.deepEqual(allow.Principal, { Service: 'acm-pca.amazonaws.com' });
        assert.equal(flatten(allow.Condition?.['StringEquals']?.['aws:SourceAccount']), flatten({ Ref: 'AWS::AccountId' }));
        assert.match(flatten(allow.Condition?.['ArnLike']?.['aws:SourceArn']), /:acm-pca:.*:certificate-authority\/\*$/u);
        assert.ok(statements.some((s) => s.Effect === 'Deny' && flatten(s.Condition).includes('aws:SecureTransport')));
      }
    },
  ),
  claim(
    'acm-issues-from-the-issuing-ca',
    'ACM requests the service certificate from the issuing CA, a general-purpose CA (ACM cannot use one in short-lived mode), once the CA is installed; ACM keeps the key.',
    (t) => {
      const issuing = ca(t, 'SUBORDINATE');
      assert.equal(issuing['UsageMode'], 'GENERAL_PURPOSE');
      const cert = t.only('AWS::CertificateManager::Certificate');
      const props = cert.Properties ?? {};
      assert.equal(target(props['CertificateAuthorityArn']), issuing.id);
      assert.equal(props['DomainName'], t.parameters['serviceDomainName']);
      assert.ok(asList((cert as unknown as Json)['DependsOn']).includes(activationOf(t, issuing).id), 'ACM may ask before the CA is installed');
    },
  ),
  claim(
    'acm-may-renew',
    'By default (grantAcmRenewal), ACM may issue, get and list permissions on the issuing CA, which it needs to renew the certificate by itself; only with grantAcmRenewal false does the stack grant nothing.',
    (t) => {
      const permissions = all(t, 'AWS::ACMPCA::Permission');
      if (t.parameters['grantAcmRenewal'] !== true) {
        assert.deepEqual(permissions, []);
        return;
      }
      assert.equal(permissions.length, 1);
      const p = permissions[0] as Found;
      assert.equal(p['Principal'], 'acm.amazonaws.com');
      assert.equal(target(p['CertificateAuthorityArn']), ca(t, 'SUBORDINATE').id);
      assert.deepEqual([...(p['Actions'] as string[])].sort(), ['GetCertificate', 'IssueCertificate', 'ListPermissions']);
    },
  ),
  claim(
    'expiry-and-crl-alarms',
    'An alarm fires when the service certificate has fewer than 45 days left, which means ACM did not renew it at 60, or reports nothing; another when the issuing CA cannot write its CRL.',
    (t) => {
      const expiry = alarmOn(t, 'DaysToExpiry');
      assert.equal(expiry['Namespace'], 'AWS/CertificateManager');
      assert.equal(expiry['Threshold'], 45);
      assert.equal(expiry['ComparisonOperator'], 'LessThanThreshold');
      assert.equal(expiry['TreatMissingData'], 'breaching');
      const cert = t.only('AWS::CertificateManager::Certificate');
      assert.equal(target((expiry['Dimensions'] as Json[])[0]?.['Value']), cert.id);
      const crl = alarmOn(t, 'MisconfiguredCRLBucket');
      assert.equal(crl['Namespace'], 'AWS/ACMPrivateCA');
      assert.equal(target((crl['Dimensions'] as Json[])[0]?.['Value']), ca(t, 'SUBORDINATE').id);
    },
  ),
  claim(
    'nothing-lives-in-one-zone',
    'Without trustStoreKey the stack creates only Regional resources; with it, the internal load balancer spans two zones.',
    (t) => {
      const lbs = all(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      if (t.parameters['trustStoreKey'] === '') {
        assert.deepEqual(all(t, 'AWS::EC2::Subnet'), []);
        assert.deepEqual(lbs, []);
        return;
      }
      assert.equal(lbs.length, 1);
      assert.equal((lbs[0]?.['Subnets'] as unknown[]).length, 2);
    },
  ),
  claim(
    'mtls-verifies-client-certificates',
    'With trustStoreKey, an internal load balancer serves the private certificate on 443, accepts only the VPC, and verifies every client certificate against the trust store in the trust store bucket, expired ones included.',
    { variants: ['mtls'] },
    (t) => {
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(lb['Scheme'], 'internal');
      const listener = only(t, 'AWS::ElasticLoadBalancingV2::Listener');
      assert.equal(listener['Protocol'], 'HTTPS');
      assert.equal(listener['Port'], 443);
      assert.equal(target((listener['Certificates'] as Json[])[0]?.['CertificateArn']), t.only('AWS::CertificateManager::Certificate').id);
      const store = only(t, 'AWS::ElasticLoadBalancingV2::TrustStore');
      assert.deepEqual(listener['MutualAuthentication'], {
        Mode: 'verify',
        TrustStoreArn: { 'Fn::GetAtt': [store.id, 'TrustStoreArn'] },
        IgnoreClientCertificateExpiry: false,
      });
      assert.equal(store['CaCertificatesBundleS3Key'], t.parameters['trustStoreKey']);
      assert.ok(String(target(store['CaCertificatesBundleS3Bucket'])).startsWith('TrustStoreBucket'));
      const sg = only(t, 'AWS::EC2::SecurityGroup');
      assert.deepEqual(
        (sg['SecurityGroupIngress'] as Json[]).map((r) => [r['CidrIp'], r['FromPort'], r['ToPort']]),
        [['10.0.0.0/16', 443, 443]],
      );
    },
  ),
];
