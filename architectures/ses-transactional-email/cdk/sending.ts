import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The events that change whether an address may receive mail again: the function handles these. */
export const FEEDBACK_EVENTS = ['BOUNCE', 'COMPLAINT'];

/** The events counted in CloudWatch per configuration set and message category. */
export const METRIC_EVENTS = ['SEND', 'DELIVERY', 'DELIVERY_DELAY', 'BOUNCE', 'COMPLAINT', 'REJECT', 'RENDERING_FAILURE'];

/** The message tag that names the kind of email (password-reset, receipt…) in the CloudWatch metrics. */
export const CATEGORY_TAG = 'category';

export interface SendingProps {
  readonly configurationSetName: string;
  readonly domainName: string;
  readonly mailFromSubdomain: string;
  readonly tlsPolicy: string;
  readonly maxDeliveryMinutes: number;
  readonly hostedZoneId: string;
  readonly dmarcPolicy: string;
  readonly dmarcReportAddress: string;
  readonly feedbackTopic: sns.Topic;
  readonly suppressionTable: dynamodb.ITable;
}

/**
 * What the application sends through: a configuration set with reputation metrics and SES's own suppression of
 * bounces and complaints, its event destinations, the domain identity with Easy DKIM, a custom MAIL FROM domain
 * and the set as its default, an example template, the DNS records when the zone is in Route 53, and the policy
 * that lets a sender send as this domain through this set only.
 */
export class Sending extends Construct {
  readonly configurationSet: ses.CfnConfigurationSet;
  readonly identity: ses.CfnEmailIdentity;
  readonly template: ses.CfnTemplate;
  readonly senderPolicy: iam.ManagedPolicy;
  readonly mailFromDomain: string;

  constructor(scope: Construct, id: string, props: SendingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.mailFromDomain = `${props.mailFromSubdomain}.${props.domainName}`;

    this.configurationSet = new ses.CfnConfigurationSet(this, 'ConfigurationSet', {
      name: props.configurationSetName,
      reputationOptions: { reputationMetricsEnabled: true },
      sendingOptions: { sendingEnabled: true },
      // SES itself stops sending to addresses that hard-bounced or complained, for mail sent with this set.
      suppressionOptions: { suppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      deliveryOptions: { tlsPolicy: props.tlsPolicy, maxDeliverySeconds: props.maxDeliveryMinutes * 60 },
    });

    const toTopic = new ses.CfnConfigurationSetEventDestination(this, 'FeedbackDestination', {
      configurationSetName: this.configurationSet.ref,
      eventDestination: {
        name: 'bounces-and-complaints-to-sns',
        enabled: true,
        matchingEventTypes: FEEDBACK_EVENTS,
        snsDestination: { topicArn: props.feedbackTopic.topicArn },
      },
    });
    // SES checks that it may publish (topic policy and key policy) when the destination is created.
    for (const policy of props.feedbackTopic.node.findAll().filter((c) => c instanceof sns.CfnTopicPolicy)) {
      toTopic.node.addDependency(policy);
    }

    new ses.CfnConfigurationSetEventDestination(this, 'MetricsDestination', {
      configurationSetName: this.configurationSet.ref,
      eventDestination: {
        name: 'counts-to-cloudwatch',
        enabled: true,
        matchingEventTypes: METRIC_EVENTS,
        cloudWatchDestination: {
          dimensionConfigurations: [
            { dimensionName: CATEGORY_TAG, dimensionValueSource: 'MESSAGE_TAG', defaultDimensionValue: 'untagged' },
          ],
        },
      },
    });

    this.identity = new ses.CfnEmailIdentity(this, 'DomainIdentity', {
      emailIdentity: props.domainName,
      // Easy DKIM: SES holds the key and rotates it; three CNAME records publish it.
      dkimAttributes: { signingEnabled: true },
      dkimSigningAttributes: { nextSigningKeyLength: 'RSA_2048_BIT' },
      // Mail from this domain uses the set even when the sender names none.
      configurationSetAttributes: { configurationSetName: this.configurationSet.ref },
      mailFromAttributes: { mailFromDomain: this.mailFromDomain, behaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });

    this.template = new ses.CfnTemplate(this, 'ExampleTemplate', {
      template: {
        templateName: `${props.configurationSetName}-password-reset`,
        subjectPart: 'Reset your password',
        textPart: 'Hello {{name}},\r\n\r\nOpen {{link}} within 15 minutes to choose a new password.',
        htmlPart:
          '<p>Hello {{name}},</p><p><a href="{{link}}">Choose a new password</a> within 15 minutes.</p>',
      },
    });

    if (props.hostedZoneId !== '') {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: props.hostedZoneId,
        zoneName: props.domainName,
      });
      const ttl = Duration.minutes(30);
      for (const i of [1, 2, 3]) {
        // The identity's token names are fully qualified already; CnameRecord would append the zone to them.
        new route53.CfnRecordSet(this, `Dkim${i}`, {
          hostedZoneId: props.hostedZoneId,
          name: this.identity.getAtt(`DkimDNSTokenName${i}`).toString(),
          type: 'CNAME',
          ttl: String(ttl.toSeconds()),
          resourceRecords: [this.identity.getAtt(`DkimDNSTokenValue${i}`).toString()],
        });
      }
      new route53.MxRecord(this, 'MailFromMx', {
        zone,
        recordName: this.mailFromDomain,
        values: [{ priority: 10, hostName: `feedback-smtp.${Aws.REGION}.amazonses.com` }],
        ttl,
      });
      new route53.TxtRecord(this, 'MailFromSpf', {
        zone,
        recordName: this.mailFromDomain,
        values: ['v=spf1 include:amazonses.com ~all'],
        ttl,
      });
      if (props.dmarcPolicy !== 'off') {
        const report = props.dmarcReportAddress === '' ? '' : `; rua=mailto:${props.dmarcReportAddress}`;
        new route53.TxtRecord(this, 'Dmarc', {
          zone,
          recordName: `_dmarc.${props.domainName}`,
          values: [`v=DMARC1; p=${props.dmarcPolicy}${report}`],
          ttl,
        });
      }
    }

    const arn = (resource: string, name: string): string =>
      stack.formatArn({ service: 'ses', resource, resourceName: name });
    this.senderPolicy = new iam.ManagedPolicy(this, 'SenderPolicy', {
      description: `Send as ${props.domainName} through ${props.configurationSetName}, and read its suppression table`,
      statements: [
        new iam.PolicyStatement({
          sid: 'SendAsTheDomainThroughTheSet',
          actions: ['ses:SendEmail'],
          resources: [
            arn('identity', props.domainName),
            arn('configuration-set', this.configurationSet.ref),
            arn('template', this.template.ref),
          ],
          conditions: { StringLike: { 'ses:FromAddress': `*@${props.domainName}` } },
        }),
        new iam.PolicyStatement({
          sid: 'CheckTheSuppressionTable',
          actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
          resources: [props.suppressionTable.tableArn],
        }),
      ],
    });
  }
}
