import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { CaHierarchy } from './ca.ts';
import { LogKey, retentionOf } from './logs.ts';
import { MutualTlsEndpoint } from './mtls.ts';
import { Network } from './network.ts';
import type { Parameters } from './parameters.generated.ts';
import { ServiceCertificate } from './service-certificate.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * Private PKI with AWS Private CA: a root CA and a general-purpose issuing CA with CRLs in a private bucket and
 * OCSP, an ACM private certificate for one internal service with expiry alarms, a bucket for CA audit reports and
 * one for the mTLS trust store; with trustStoreKey, an internal Application Load Balancer that verifies client
 * certificates against that trust store.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;

    // --- The CA hierarchy, its CRL bucket and its audit-report bucket.
    const ca = new CaHierarchy(this, 'Pki', {
      organization: p.organization,
      rootCommonName: `${p.organization} Root CA`,
      issuingCommonName: `${p.organization} Issuing CA 1`,
      rootValidityYears: p.rootValidityYears,
      issuingValidityYears: p.issuingValidityYears,
      crlExpirationDays: p.crlExpirationDays,
    });

    // --- A private certificate for one internal service, renewed by ACM.
    const service = new ServiceCertificate(this, 'Service', {
      issuingCaArn: ca.issuing.attrArn,
      issuingActivation: ca.issuingActivation,
      domainName: p.serviceDomainName,
      grantAcmRenewal: p.grantAcmRenewal,
      alarmTopicArn: p.alarmTopicArn,
    });

    // --- The bucket that holds the trust store: the CA chain that mTLS endpoints trust.
    const trustStoreBucket = new s3.Bucket(this, 'TrustStoreBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(trustStoreBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'It holds one public CA chain that operators upload and the load balancer reads; CloudTrail records who changed it, and versioning keeps every earlier chain.',
    });

    // --- With trustStoreKey: an internal load balancer that requires client certificates from the CA.
    let endpoint: MutualTlsEndpoint | undefined;
    if (p.trustStoreKey !== '') {
      const flowLogGroupName = `/vpc-flow-logs/${this.stackName}`;
      const logKey = new LogKey(this, 'Logs', { logGroupNames: [flowLogGroupName] });
      const { vpc } = new Network(this, 'Network', {
        azCount: 2,
        flowLogGroup: logKey.logGroup('FlowLogGroup', flowLogGroupName, retentionOf(p.logRetentionDays)),
      });
      endpoint = new MutualTlsEndpoint(this, 'Mtls', {
        vpc,
        certificateArn: service.certificate.ref,
        trustStoreBucket,
        trustStoreKey: p.trustStoreKey,
        logRetentionDays: p.logRetentionDays,
      });
    }

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'RootCaArn', { value: ca.root.attrArn, description: 'Root CA' });
    new CfnOutput(this, 'IssuingCaArn', { value: ca.issuing.attrArn, description: 'Issuing CA' });
    new CfnOutput(this, 'CertificateArn', { value: service.certificate.ref, description: 'ACM private certificate' });
    new CfnOutput(this, 'CrlBucketName', { value: ca.crlBucket.bucketName, description: 'CRL bucket' });
    new CfnOutput(this, 'AuditReportBucketName', { value: ca.auditBucket.bucketName, description: 'CA audit reports' });
    new CfnOutput(this, 'TrustStoreBucketName', { value: trustStoreBucket.bucketName, description: 'Trust store bucket' });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: endpoint ? endpoint.loadBalancer.loadBalancerDnsName : 'none',
      description: 'Internal mTLS load balancer, or none without trustStoreKey',
    });
  }
}
