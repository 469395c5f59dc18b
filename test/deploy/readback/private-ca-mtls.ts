import { X509Certificate } from 'node:crypto';
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  ACMPCAClient,
  DescribeCertificateAuthorityCommand,
  GetCertificateAuthorityCertificateCommand,
  ListPermissionsCommand,
} from '@aws-sdk/client-acm-pca';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const SERVICE = 'orders.internal.example.com';
const CRL_EXPIRATION_DAYS = 7;

async function authority(stack: DeployedStack, output: string) {
  const pca = new ACMPCAClient(stack.aws);
  const { CertificateAuthority } = await pca.send(
    new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: stack.outputs[output] }),
  );
  return CertificateAuthority;
}

async function caCertificate(stack: DeployedStack, output: string): Promise<X509Certificate> {
  const pca = new ACMPCAClient(stack.aws);
  const { Certificate } = await pca.send(
    new GetCertificateAuthorityCertificateCommand({ CertificateAuthorityArn: stack.outputs[output] }),
  );
  return new X509Certificate(Certificate ?? '');
}

export default [
  readBack(
    'ACM may issue and get certificates from the issuing CA, and list its permissions, so it can renew by itself',
    async (stack) => {
      const pca = new ACMPCAClient(stack.aws);
      const { Permissions } = await pca.send(
        new ListPermissionsCommand({ CertificateAuthorityArn: stack.outputs['IssuingCaArn'] }),
      );
      const acm = (Permissions ?? []).filter((p) => p.Principal === 'acm.amazonaws.com');
      expect(acm).toHaveLength(1);
      expect(acm[0]?.CertificateAuthorityArn).toBe(stack.outputs['IssuingCaArn']);
      expect([...(acm[0]?.Actions ?? [])].sort()).toEqual(['GetCertificate', 'IssueCertificate', 'ListPermissions']);
    },
    'acm-may-renew',
  ),
  readBack(
    'Both CAs are active with keys in FIPS 140-2 Level 3 HSMs, and the issuing CA is signed by the root',
    async (stack) => {
      const root = await authority(stack, 'RootCaArn');
      const issuing = await authority(stack, 'IssuingCaArn');
      expect(root?.Type).toBe('ROOT');
      expect(issuing?.Type).toBe('SUBORDINATE');
      for (const ca of [root, issuing]) {
        expect(ca?.Status).toBe('ACTIVE');
        expect(ca?.KeyStorageSecurityStandard).toBe('FIPS_140_2_LEVEL_3_OR_HIGHER');
      }
      expect(root?.CertificateAuthorityConfiguration?.KeyAlgorithm).toBe('RSA_4096');
      const rootCert = await caCertificate(stack, 'RootCaArn');
      const issuingCert = await caCertificate(stack, 'IssuingCaArn');
      expect(issuingCert.issuer).toBe(rootCert.subject);
      expect(issuingCert.checkIssued(rootCert)).toBe(true);
    },
    'root-signs-only-the-issuing-ca',
  ),
  readBack(
    'The issuing CA publishes CRLs to the private CRL bucket every crlExpirationDays without a distribution point, and answers OCSP',
    async (stack) => {
      const issuing = await authority(stack, 'IssuingCaArn');
      const crl = issuing?.RevocationConfiguration?.CrlConfiguration;
      expect(crl?.Enabled).toBe(true);
      expect(crl?.S3BucketName).toBe(stack.outputs['CrlBucketName']);
      expect(crl?.ExpirationInDays).toBe(CRL_EXPIRATION_DAYS);
      expect(crl?.S3ObjectAcl).toBe('BUCKET_OWNER_FULL_CONTROL');
      expect(crl?.CrlDistributionPointExtensionConfiguration?.OmitExtension).toBe(true);
      expect(issuing?.RevocationConfiguration?.OcspConfiguration?.Enabled).toBe(true);
    },
    'revocation-is-published',
  ),
  readBack(
    'ACM holds a private certificate for the service, issued by the issuing CA',
    async (stack) => {
      const acm = new ACMClient(stack.aws);
      const { Certificate } = await acm.send(
        new DescribeCertificateCommand({ CertificateArn: stack.outputs['CertificateArn'] }),
      );
      expect(Certificate?.Type).toBe('PRIVATE');
      expect(Certificate?.Status).toBe('ISSUED');
      expect(Certificate?.DomainName).toBe(SERVICE);
      expect(Certificate?.CertificateAuthorityArn).toBe(stack.outputs['IssuingCaArn']);
    },
    'acm-issues-from-the-issuing-ca',
  ),
  readBack(
    'Alarms fire below 45 days to expiry of the certificate, with missing data as breaching, and when the issuing CA cannot write its CRL',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(new DescribeAlarmsCommand({}));
      const expiry = MetricAlarms.find((a) => a.MetricName === 'DaysToExpiry');
      expect(expiry?.Threshold).toBe(45);
      expect(expiry?.ComparisonOperator).toBe('LessThanThreshold');
      expect(expiry?.TreatMissingData).toBe('breaching');
      expect(expiry?.Dimensions).toEqual([{ Name: 'CertificateArn', Value: stack.outputs['CertificateArn'] }]);
      const crl = MetricAlarms.find((a) => a.MetricName === 'MisconfiguredCRLBucket');
      expect(crl?.Dimensions).toEqual([{ Name: 'PrivateCAArn', Value: stack.outputs['IssuingCaArn'] }]);
    },
    'expiry-and-crl-alarms',
  ),
  readBack(
    'The CRL, audit and trust store buckets block public access and keep versions; only Private CA of this account writes CRLs and reports',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      for (const output of ['CrlBucketName', 'AuditReportBucketName', 'TrustStoreBucketName']) {
        const bucket = stack.outputs[output];
        const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
        expect(block.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        });
        expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      }
      for (const output of ['CrlBucketName', 'AuditReportBucketName']) {
        const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: stack.outputs[output] }));
        const statements = (JSON.parse(Policy ?? '{}') as { Statement: { Effect: string; Principal?: unknown }[] })
          .Statement;
        const allows = statements.filter((s) => s.Effect === 'Allow');
        expect(allows.map((s) => s.Principal)).toEqual([{ Service: 'acm-pca.amazonaws.com' }]);
      }
    },
    'pki-buckets-are-private',
  ),
];
