import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { Feedback } from './feedback.ts';
import { LogKey, retentionOf } from './logs.ts';
import type { Parameters } from './parameters.generated.ts';
import { Sending } from './sending.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * Transactional email with Amazon SES: a verified domain with Easy DKIM and a custom MAIL FROM domain sends
 * through a configuration set that publishes bounces and complaints to SNS; an SQS queue feeds a Lambda function
 * that keeps an application suppression table and SES's account-level suppression list; alarms fire on the
 * account's bounce and complaint rates before SES reviews the account.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);
    // SES names: letters, digits, - and _, at most 64 characters.
    const configurationSetName = this.stackName.replace(/[^A-Za-z0-9_-]/gu, '-').slice(0, 40);

    // --- Logs: the function's log group, named so the key policy can name it.
    const functionLogGroupName = `/aws/lambda/${this.stackName}-ses-feedback`;
    const logKey = new LogKey(this, 'Logs', { logGroupNames: [functionLogGroupName] });
    const functionLogGroup = logKey.logGroup('FunctionLogGroup', functionLogGroupName, retention);

    // --- Feedback: SNS topic → SQS queue (and its dead-letter queue) → function → suppression table.
    const feedback = new Feedback(this, 'Feedback', {
      configurationSetName,
      softBounceLimit: p.softBounceLimit,
      softBounceWindowDays: p.softBounceWindowDays,
      retainTable: p.retainTable,
      functionLogGroup,
    });

    // --- Sending: the configuration set, its event destinations, the domain identity, DNS, the sender policy.
    const sending = new Sending(this, 'Sending', {
      configurationSetName,
      domainName: p.domainName,
      mailFromSubdomain: p.mailFromSubdomain,
      tlsPolicy: p.tlsPolicy,
      maxDeliveryMinutes: p.maxDeliveryMinutes,
      hostedZoneId: p.hostedZoneId,
      dmarcPolicy: p.dmarcPolicy,
      dmarcReportAddress: p.dmarcReportAddress,
      feedbackTopic: feedback.topic,
      suppressionTable: feedback.table,
    });

    // --- Alarms: reputation below SES's review rates, and the feedback path.
    new Alarms(this, 'Alarms', {
      bounceRateAlarmPercent: p.bounceRateAlarmPercent,
      complaintRateAlarmPercent: p.complaintRateAlarmPercent,
      alarmTopicArn: p.alarmTopicArn,
      queue: feedback.queue,
      deadLetterQueue: feedback.deadLetterQueue,
    });

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'ConfigurationSetName', {
      value: sending.configurationSet.ref,
      description: 'Configuration set that mail from the domain uses by default',
    });
    new CfnOutput(this, 'DomainIdentity', { value: sending.identity.ref, description: 'Verified domain identity' });
    new CfnOutput(this, 'MailFromDomain', { value: sending.mailFromDomain, description: 'Custom MAIL FROM domain' });
    for (const i of [1, 2, 3]) {
      new CfnOutput(this, `DkimRecord${i}`, {
        value: `${sending.identity.getAtt(`DkimDNSTokenName${i}`).toString()} CNAME ${sending.identity.getAtt(`DkimDNSTokenValue${i}`).toString()}`,
        description: `Easy DKIM record ${i} to publish in the domain's DNS`,
      });
    }
    new CfnOutput(this, 'SuppressionTableName', {
      value: feedback.table.tableName,
      description: 'Application suppression table, keyed by lower-case address',
    });
    new CfnOutput(this, 'FeedbackTopicArn', { value: feedback.topic.topicArn, description: 'SNS topic of bounce and complaint events' });
    new CfnOutput(this, 'FeedbackQueueUrl', { value: feedback.queue.queueUrl, description: 'SQS queue the function reads' });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: feedback.deadLetterQueue.queueUrl,
      description: 'Events that failed five times',
    });
    new CfnOutput(this, 'FunctionName', { value: feedback.fn.functionName, description: 'Feedback function' });
    new CfnOutput(this, 'SenderPolicyArn', {
      value: sending.senderPolicy.managedPolicyArn,
      description: 'Managed policy for the application role that sends',
    });
    new CfnOutput(this, 'TemplateName', { value: sending.template.ref, description: 'Example email template' });
  }
}
