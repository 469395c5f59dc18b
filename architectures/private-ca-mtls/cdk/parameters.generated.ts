// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Organization in the CAs' subject; the CAs are named after it, Root CA and Issuing CA 1. Default: "Example Corp". */
  readonly organization: string;
  /** DNS name of the internal service that gets an ACM private certificate. Default: "orders.internal.example.com". */
  readonly serviceDomainName: string;
  /** Validity of the root CA certificate; the issuing CA must expire before it. Default: 10. */
  readonly rootValidityYears: number;
  /** Validity of the issuing CA certificate, which caps every certificate it issues. Default: 5. */
  readonly issuingValidityYears: number;
  /** Days a CRL of the issuing CA stays valid; Private CA publishes a new one within 30 minutes of a revocation and at half the expiry otherwise. Default: 7. */
  readonly crlExpirationDays: number;
  /** Grant ACM the permission on the issuing CA that lets it renew the private certificate by itself. Set false only where the permission is granted outside the stack (see the runbook); without it, ACM cannot renew and the certificate expires after 13 months. Default: true. */
  readonly grantAcmRenewal: boolean;
  /** Key of the CA chain in TrustStoreBucketName; when set, the stack adds an internal load balancer that verifies client certificates against it. Upload the chain first. Default: "". */
  readonly trustStoreKey: string;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
  /** Retention of the VPC flow log and the load balancer access logs, with trustStoreKey. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
