import { Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Templates of AWS Private CA that the hierarchy uses. */
export const ROOT_TEMPLATE = 'arn:aws:acm-pca:::template/RootCACertificate/V1';
export const SUBORDINATE_TEMPLATE = 'arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1';

export interface CaHierarchyProps {
  readonly organization: string;
  readonly rootCommonName: string;
  readonly issuingCommonName: string;
  readonly rootValidityYears: number;
  readonly issuingValidityYears: number;
  readonly crlExpirationDays: number;
}

/**
 * A two-tier private PKI: a root CA that signs only the issuing CA (its certificate has a path length of 0, so
 * the issuing CA cannot create further CAs), and a general-purpose issuing CA that ACM and the services use. Both
 * publish CRLs to a private bucket (the CRL distribution point is left out of certificates; clients check OCSP,
 * which the issuing CA answers), and CA audit reports go to a second private bucket.
 */
export class CaHierarchy extends Construct {
  readonly root: acmpca.CfnCertificateAuthority;
  readonly issuing: acmpca.CfnCertificateAuthority;
  readonly issuingActivation: acmpca.CfnCertificateAuthorityActivation;
  readonly rootActivation: acmpca.CfnCertificateAuthorityActivation;
  readonly crlBucket: s3.Bucket;
  readonly auditBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: CaHierarchyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const caArns = stack.formatArn({ service: 'acm-pca', resource: 'certificate-authority', resourceName: '*' });

    // Private CA writes CRLs and audit reports as itself; each bucket lets it in only for this account's CAs.
    const privateBucket = (bucketId: string, what: string): s3.Bucket => {
      const bucket = new s3.Bucket(this, bucketId, {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
        enforceSSL: true,
        versioned: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `PrivateCaWritesTo${bucketId}`,
          principals: [new iam.ServicePrincipal('acm-pca.amazonaws.com')],
          actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:GetBucketAcl', 's3:GetBucketLocation'],
          resources: [bucket.bucketArn, bucket.arnForObjects('*')],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': caArns } },
        }),
      );
      Validations.of(bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: `Only Private CA writes ${what} here, and CloudTrail records each CRL generation and audit report request; add CloudTrail S3 data events for object-level reads rather than a server access log bucket per bucket.`,
      });
      return bucket;
    };
    this.crlBucket = privateBucket('CrlBucket', 'CRLs');
    this.auditBucket = privateBucket('AuditBucket', 'audit reports');

    const crl = (days: number): acmpca.CfnCertificateAuthority.RevocationConfigurationProperty => ({
      crlConfiguration: {
        enabled: true,
        expirationInDays: days,
        s3BucketName: this.crlBucket.bucketName,
        s3ObjectAcl: 'BUCKET_OWNER_FULL_CONTROL',
        crlDistributionPointExtensionConfiguration: { omitExtension: true },
      },
    });
    const subject = (commonName: string): acmpca.CfnCertificateAuthority.SubjectProperty => ({
      organization: props.organization,
      commonName,
    });

    this.root = new acmpca.CfnCertificateAuthority(this, 'RootCa', {
      type: 'ROOT',
      keyAlgorithm: 'RSA_4096',
      signingAlgorithm: 'SHA512WITHRSA',
      subject: subject(props.rootCommonName),
      usageMode: 'GENERAL_PURPOSE',
      keyStorageSecurityStandard: 'FIPS_140_2_LEVEL_3_OR_HIGHER',
      // The root signs one CA; its CRL lists that CA if it is ever revoked.
      revocationConfiguration: crl(365),
    });
    // Private CA checks that it may write to the bucket when the CA is created.
    if (this.crlBucket.policy) this.root.node.addDependency(this.crlBucket.policy);
    const rootCert = new acmpca.CfnCertificate(this, 'RootCertificate', {
      certificateAuthorityArn: this.root.attrArn,
      certificateSigningRequest: this.root.attrCertificateSigningRequest,
      signingAlgorithm: 'SHA512WITHRSA',
      templateArn: ROOT_TEMPLATE,
      validity: { type: 'YEARS', value: props.rootValidityYears },
    });
    this.rootActivation = new acmpca.CfnCertificateAuthorityActivation(this, 'RootActivation', {
      certificateAuthorityArn: this.root.attrArn,
      certificate: rootCert.attrCertificate,
      status: 'ACTIVE',
    });

    this.issuing = new acmpca.CfnCertificateAuthority(this, 'IssuingCa', {
      type: 'SUBORDINATE',
      keyAlgorithm: 'RSA_2048',
      signingAlgorithm: 'SHA256WITHRSA',
      subject: subject(props.issuingCommonName),
      // ACM cannot issue from a CA in short-lived certificate mode.
      usageMode: 'GENERAL_PURPOSE',
      keyStorageSecurityStandard: 'FIPS_140_2_LEVEL_3_OR_HIGHER',
      revocationConfiguration: { ...crl(props.crlExpirationDays), ocspConfiguration: { enabled: true } },
    });
    if (this.crlBucket.policy) this.issuing.node.addDependency(this.crlBucket.policy);
    const issuingCert = new acmpca.CfnCertificate(this, 'IssuingCertificate', {
      certificateAuthorityArn: this.root.attrArn,
      certificateSigningRequest: this.issuing.attrCertificateSigningRequest,
      signingAlgorithm: 'SHA512WITHRSA',
      templateArn: SUBORDINATE_TEMPLATE,
      validity: { type: 'YEARS', value: props.issuingValidityYears },
    });
    // The root signs only once it is active.
    issuingCert.node.addDependency(this.rootActivation);
    this.issuingActivation = new acmpca.CfnCertificateAuthorityActivation(this, 'IssuingActivation', {
      certificateAuthorityArn: this.issuing.attrArn,
      certificate: issuingCert.attrCertificate,
      certificateChain: this.rootActivation.attrCompleteCertificateChain,
      status: 'ACTIVE',
    });
  }
}
