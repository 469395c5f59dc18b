import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** ACM renews a private certificate 60 days before it expires; below this many days, renewal has failed. */
export const EXPIRY_ALARM_DAYS = 45;

/** What ACM needs on the issuing CA to issue and renew private certificates by itself. */
export const ACM_RENEWAL_ACTIONS = ['IssueCertificate', 'GetCertificate', 'ListPermissions'];

export interface ServiceCertificateProps {
  readonly issuingCaArn: string;
  readonly issuingActivation: acmpca.CfnCertificateAuthorityActivation;
  readonly domainName: string;
  readonly grantAcmRenewal: boolean;
  readonly alarmTopicArn: string;
}

/**
 * A private certificate for one internal service, issued by ACM from the issuing CA (ACM keeps the key and
 * renews the certificate), the permission that lets ACM renew it, and alarms on the certificate's remaining days
 * and on the CA's CRL bucket.
 */
export class ServiceCertificate extends Construct {
  readonly certificate: acm.CfnCertificate;

  constructor(scope: Construct, id: string, props: ServiceCertificateProps) {
    super(scope, id);
    this.certificate = new acm.CfnCertificate(this, 'Certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: [props.domainName],
      certificateAuthorityArn: props.issuingCaArn,
      keyAlgorithm: 'EC_prime256v1',
    });
    // ACM asks the CA to issue only once the CA holds its certificate.
    this.certificate.node.addDependency(props.issuingActivation);

    if (props.grantAcmRenewal) {
      const permission = new acmpca.CfnPermission(this, 'AcmRenewal', {
        certificateAuthorityArn: props.issuingCaArn,
        principal: 'acm.amazonaws.com',
        actions: ACM_RENEWAL_ACTIONS,
      });
      permission.node.addDependency(props.issuingActivation);
    }

    const topic = props.alarmTopicArn === '' ? undefined : sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
    const expiry = new cloudwatch.Alarm(this, 'DaysToExpiry', {
      alarmDescription: `The certificate of ${props.domainName} expires in fewer than ${EXPIRY_ALARM_DAYS} days: ACM did not renew it at 60.`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/CertificateManager',
        metricName: 'DaysToExpiry',
        dimensionsMap: { CertificateArn: this.certificate.ref },
        statistic: cloudwatch.Stats.MINIMUM,
        period: Duration.days(1),
      }),
      threshold: EXPIRY_ALARM_DAYS,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    const crlBucket = new cloudwatch.Alarm(this, 'MisconfiguredCrlBucket', {
      alarmDescription: 'The issuing CA could not write its CRL to the CRL bucket; revocations are not published.',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/ACMPrivateCA',
        metricName: 'MisconfiguredCRLBucket',
        dimensionsMap: { PrivateCAArn: props.issuingCaArn },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (topic) {
      for (const alarm of [expiry, crlBucket]) alarm.addAlarmAction(new actions.SnsAction(topic));
    }
  }
}
