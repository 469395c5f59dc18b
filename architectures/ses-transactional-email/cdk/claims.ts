// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
// Claims about the function's behaviour check that it ships lambda/index.js exactly as cdk/handler.test.ts runs
// it, and the property in that source; the handler tests prove the behaviour.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, flatOf, inlineSource, refTarget as target, type Json } from '../../../generators/check/claims/template-queries.ts';

type Found = Json & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);

/** The one resource of a type; fails when there is not exactly one. */
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));

/** The one resource of a type whose logical id starts with `prefix`. */
function named(t: ClaimContext, type: string, prefix: string): Found {
  const found = all(t, type).filter((r) => r.id.startsWith(prefix));
  assert.equal(found.length, 1, `expected one ${type} named ${prefix}…, found ${found.length}`);
  return found[0] as Found;
}

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const statementsOf = (doc: unknown): Statement[] => asList((doc as Json)['Statement']) as Statement[];
const actionsOf = (s: Statement): string[] => asList(s.Action) as string[];

/** The statement lets only SES, in this account and for this configuration set, act. */
function onlySesForTheSet(t: ClaimContext, s: Statement | undefined, what: string): void {
  assert.ok(s, `${what} has no statement for SES`);
  assert.equal(flatten(s.Principal), flatten({ Service: 'ses.amazonaws.com' }), `${what}: the principal is not SES alone`);
  assert.equal(
    flatten(s.Condition?.['StringEquals']?.['aws:SourceAccount']),
    flatten({ Ref: 'AWS::AccountId' }),
    `${what} does not pin aws:SourceAccount`,
  );
  const source = flatten(s.Condition?.['ArnLike']?.['aws:SourceArn']);
  const name = String(only(t, 'AWS::SES::ConfigurationSet')['Name']);
  assert.ok(source.includes(`:configuration-set/${name}`), `${what} does not pin aws:SourceArn to the configuration set`);
  assert.ok(!source.includes('*'), `${what} accepts any configuration set`);
}

/** The alarm on one metric; it notifies alarmTopicArn when that is set. */
function alarmOn(t: ClaimContext, metric: string): Found {
  const found = all(t, 'AWS::CloudWatch::Alarm').filter((a) => a['MetricName'] === metric);
  assert.equal(found.length, 1, `expected one alarm on ${metric}, found ${found.length}`);
  const alarm = found[0] as Found;
  const topic = String(t.parameters['alarmTopicArn']);
  assert.deepEqual(alarm['AlarmActions'], topic === '' ? undefined : [topic], `the ${metric} alarm does not notify alarmTopicArn`);
  return alarm;
}

/** The function runs lambda/index.js as it ships, the code cdk/handler.test.ts runs; returns that code. */
function functionShipsTheHandler(t: ClaimContext): string {
  const code = inlineSource(t.file('lambda/index.js'));
  const fn = only(t, 'AWS::Lambda::Function');
  assert.equal((fn['Code'] as Json)['ZipFile'], code, 'the function does not run lambda/index.js as shipped');
  assert.equal(fn['Handler'], 'index.handler', 'the function does not call exports.handler');
  return code;
}

export default [
  claim(
    'no-zonal-resources',
    'The stack creates nothing that lives in one Availability Zone: no VPC resources, and the function runs outside any VPC.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(types.filter((ty) => ty.startsWith('AWS::EC2::')), [], 'the stack creates EC2 resources, which live in zones');
      assert.equal(only(t, 'AWS::Lambda::Function')['VpcConfig'], undefined, 'the function is attached to a VPC');
    },
  ),
  claim(
    'feedback-reaches-the-function',
    'The configuration set publishes BOUNCE and COMPLAINT events to the feedback topic, which delivers them raw to the queue, which invokes the function in batches that report failed items one by one.',
    (t) => {
      const destinations = all(t, 'AWS::SES::ConfigurationSetEventDestination');
      const toTopic = destinations.filter((d) => (d['EventDestination'] as Json)['SnsDestination'] !== undefined);
      assert.equal(toTopic.length, 1, 'expected one SNS event destination');
      const dest = (toTopic[0] as Found)['EventDestination'] as Json;
      assert.equal(dest['Enabled'], true, 'the SNS event destination is disabled');
      assert.deepEqual([...(dest['MatchingEventTypes'] as string[])].sort(), ['BOUNCE', 'COMPLAINT']);
      const set = only(t, 'AWS::SES::ConfigurationSet');
      assert.equal(target((toTopic[0] as Found)['ConfigurationSetName']), set.id, 'the destination is not on the set');
      const topic = only(t, 'AWS::SNS::Topic');
      assert.equal(target((dest['SnsDestination'] as Json)['TopicARN']), topic.id, 'the destination does not publish to the topic');
      const sub = only(t, 'AWS::SNS::Subscription');
      assert.equal(sub['Protocol'], 'sqs');
      assert.equal(sub['RawMessageDelivery'], true, 'events reach the queue wrapped in an SNS envelope');
      assert.equal(target(sub['TopicArn']), topic.id);
      const queue = named(t, 'AWS::SQS::Queue', 'FeedbackQueue');
      assert.equal(target(sub['Endpoint']), queue.id, 'the topic does not deliver to the feedback queue');
      const esm = only(t, 'AWS::Lambda::EventSourceMapping');
      assert.equal(target(esm['EventSourceArn']), queue.id, 'the function does not read the feedback queue');
      assert.equal(target(esm['FunctionName']), only(t, 'AWS::Lambda::Function').id);
      assert.deepEqual(esm['FunctionResponseTypes'], ['ReportBatchItemFailures'], 'one bad event fails its whole batch');
      const code = functionShipsTheHandler(t);
      assert.match(code, /batchItemFailures\.push\(\{ itemIdentifier: record\.messageId \}\)/u);
    },
  ),
  claim(
    'failed-events-are-kept',
    'An event the function fails five times moves to a dead-letter queue that keeps it 14 days, and an alarm fires as soon as one is there.',
    (t) => {
      const queue = named(t, 'AWS::SQS::Queue', 'FeedbackQueue');
      const dlq = named(t, 'AWS::SQS::Queue', 'FeedbackDeadLetterQueue');
      const redrive = queue['RedrivePolicy'] as Json;
      assert.equal(target(redrive['deadLetterTargetArn']), dlq.id, 'the feedback queue has no dead-letter queue');
      assert.equal(redrive['maxReceiveCount'], 5);
      assert.equal(dlq['MessageRetentionPeriod'], 14 * 86400, 'the dead-letter queue keeps events less than 14 days');
      const alarm = alarmOn(t, 'ApproximateNumberOfMessagesVisible');
      assert.equal(target((alarm['Dimensions'] as Json[])[0]?.['Value']), dlq.id, 'the alarm does not watch the dead-letter queue');
      assert.equal(alarm['Threshold'], 0);
      assert.equal(alarm['ComparisonOperator'], 'GreaterThanThreshold');
    },
  ),
  claim(
    'backlog-is-watched',
    'An alarm fires when the oldest event in the feedback queue has waited more than 15 minutes, and the queue hides a message in flight for six times the function timeout.',
    (t) => {
      const queue = named(t, 'AWS::SQS::Queue', 'FeedbackQueue');
      const alarm = alarmOn(t, 'ApproximateAgeOfOldestMessage');
      assert.equal(target((alarm['Dimensions'] as Json[])[0]?.['Value']), queue.id);
      assert.equal(alarm['Threshold'], 900);
      const timeout = Number(only(t, 'AWS::Lambda::Function')['Timeout']);
      assert.equal(queue['VisibilityTimeout'], 6 * timeout, 'the visibility timeout is not six times the function timeout');
    },
  ),
  claim(
    'ses-suppresses-hard-bounces-and-complaints',
    'The configuration set has SES suppress addresses that hard-bounced or complained, and the domain uses the set by default, so every message from the domain is covered even when the sender names no set.',
    (t) => {
      const set = only(t, 'AWS::SES::ConfigurationSet');
      assert.deepEqual([...((set['SuppressionOptions'] as Json)['SuppressedReasons'] as string[])].sort(), ['BOUNCE', 'COMPLAINT']);
      assert.deepEqual(set['SendingOptions'], { SendingEnabled: true });
      const identity = only(t, 'AWS::SES::EmailIdentity');
      assert.equal(target((identity['ConfigurationSetAttributes'] as Json)['ConfigurationSetName']), set.id, 'the domain has no default configuration set');
    },
  ),
  claim(
    'reputation-alarms-fire-below-review-rates',
    "Alarms watch the account's Reputation.BounceRate and Reputation.ComplaintRate at the parameters' rates, which are below SES's review rates of 5 and 0.1 percent, and notify alarmTopicArn; the set publishes its own reputation metrics.",
    (t) => {
      const bounce = alarmOn(t, 'Reputation.BounceRate');
      const complaint = alarmOn(t, 'Reputation.ComplaintRate');
      for (const a of [bounce, complaint]) {
        assert.equal(a['Namespace'], 'AWS/SES');
        assert.equal(a['Dimensions'], undefined, 'the alarm watches a part of the account, not the rate SES enforces');
        assert.equal(a['ComparisonOperator'], 'GreaterThanThreshold');
        assert.equal(a['TreatMissingData'], 'notBreaching');
      }
      assert.equal(bounce['Threshold'], Number(t.parameters['bounceRateAlarmPercent']) / 100);
      assert.ok(bounce['Threshold'] < 0.05, 'the bounce alarm fires only after SES reviews the account');
      assert.equal(complaint['Threshold'], Number(t.parameters['complaintRateAlarmPercent']) / 100);
      assert.ok(complaint['Threshold'] < 0.001, 'the complaint alarm fires only after SES reviews the account');
      const set = only(t, 'AWS::SES::ConfigurationSet');
      assert.deepEqual(set['ReputationOptions'], { ReputationMetricsEnabled: true });
    },
  ),
  claim(
    'delivery-attempts-are-bounded',
    'SES stops retrying a deferred message after maxDeliveryMinutes and delivers under tlsPolicy.',
    (t) => {
      const delivery = only(t, 'AWS::SES::ConfigurationSet')['DeliveryOptions'] as Json;
      assert.equal(delivery['MaxDeliverySeconds'], Number(t.parameters['maxDeliveryMinutes']) * 60);
      assert.equal(delivery['TlsPolicy'], t.parameters['tlsPolicy']);
    },
  ),
  claim(
    'soft-bounces-are-suppressed-after-the-limit',
    "The function counts mailbox soft bounces per address over softBounceWindowDays and, at softBounceLimit, suppresses the address in the table and in SES's account-level suppression list, which its role may call; it may only update its own table.",
    (t) => {
      const fn = only(t, 'AWS::Lambda::Function');
      const env = ((fn['Environment'] as Json)['Variables'] ?? {}) as Json;
      assert.equal(env['SOFT_BOUNCE_LIMIT'], String(t.parameters['softBounceLimit']));
      assert.equal(env['SOFT_BOUNCE_WINDOW_DAYS'], String(t.parameters['softBounceWindowDays']));
      assert.equal(target(env['TABLE_NAME']), only(t, 'AWS::DynamoDB::Table').id);
      const code = functionShipsTheHandler(t);
      assert.match(code, /PutSuppressedDestinationCommand\(\{ EmailAddress: address, Reason: 'BOUNCE' \}\)/u);
      assert.match(code, /MAILBOX_SUBTYPES = \['General', 'MailboxFull'\]/u);
      const policy = only(t, 'AWS::IAM::Policy');
      const statements = statementsOf(policy['PolicyDocument']);
      const table = statements.find((s) => s.Sid === 'SuppressionTable');
      assert.deepEqual(actionsOf(table as Statement), ['dynamodb:UpdateItem']);
      assert.equal(target(asList(table?.Resource)[0]), only(t, 'AWS::DynamoDB::Table').id);
      const suppression = statements.find((s) => s.Sid === 'AccountLevelSuppressionList');
      assert.deepEqual(actionsOf(suppression as Statement), ['ses:PutSuppressedDestination']);
    },
  ),
  claim(
    'only-ses-publishes-feedback',
    'Only SES, in this account and for this configuration set, may publish to the feedback topic and use its key; publishing without TLS is denied.',
    (t) => {
      const topicPolicy = statementsOf(only(t, 'AWS::SNS::TopicPolicy')['PolicyDocument']);
      const allows = topicPolicy.filter((s) => s.Effect === 'Allow');
      assert.equal(allows.length, 1, 'the topic policy allows more than SES');
      onlySesForTheSet(t, allows[0], 'the topic policy');
      assert.ok(topicPolicy.some((s) => s.Effect === 'Deny' && flatten(s.Condition).includes('aws:SecureTransport')));
      const key = named(t, 'AWS::KMS::Key', 'FeedbackKey');
      const keyStatements = statementsOf(key['KeyPolicy']);
      onlySesForTheSet(t, keyStatements.find((s) => flatten(s.Principal).includes('ses.amazonaws.com')), 'the key policy');
      const sns = keyStatements.find((s) => flatten(s.Principal).includes('sns.amazonaws.com'));
      assert.ok(flatten(sns?.Condition?.['ArnEquals']?.['aws:SourceArn']).includes('-ses-feedback'), 'SNS may use the key for any topic');
    },
  ),
  claim(
    'feedback-is-encrypted',
    'The topic and both queues are encrypted with the feedback key, which rotates yearly, and the queues refuse requests without TLS.',
    (t) => {
      const key = named(t, 'AWS::KMS::Key', 'FeedbackKey');
      assert.equal(key['EnableKeyRotation'], true);
      assert.equal(target(only(t, 'AWS::SNS::Topic')['KmsMasterKeyId']), key.id);
      for (const q of all(t, 'AWS::SQS::Queue')) assert.equal(target(q['KmsMasterKeyId']), key.id, `${q.id} is not encrypted with the key`);
      const queuePolicies = all(t, 'AWS::SQS::QueuePolicy');
      assert.equal(queuePolicies.length, 2);
      for (const p of queuePolicies) {
        assert.ok(statementsOf(p['PolicyDocument']).some((s) => s.Effect === 'Deny' && flatten(s.Condition).includes('aws:SecureTransport')));
      }
    },
  ),
  claim(
    'senders-are-limited-to-the-domain-and-set',
    'The sender policy allows ses:SendEmail only for the domain identity, the configuration set and the template, only from addresses of the domain, and reading the suppression table; nothing else.',
    (t) => {
      const policy = only(t, 'AWS::IAM::ManagedPolicy');
      const statements = statementsOf(policy['PolicyDocument']);
      assert.equal(statements.length, 2);
      const send = statements.find((s) => s.Sid === 'SendAsTheDomainThroughTheSet') as Statement;
      assert.deepEqual(actionsOf(send), ['ses:SendEmail']);
      const resources = asList(send.Resource).map(flatten);
      assert.equal(resources.length, 3);
      assert.ok(resources.some((r) => r.includes(`:identity/${String(t.parameters['domainName'])}`)));
      assert.ok(resources.some((r) => r.includes(':configuration-set/')));
      assert.ok(resources.some((r) => r.includes(':template/')));
      assert.ok(!resources.some((r) => r.endsWith('*"') || r.endsWith('*')), 'a resource is a wildcard');
      assert.deepEqual(send.Condition, { StringLike: { 'ses:FromAddress': `*@${String(t.parameters['domainName'])}` } });
      const read = statements.find((s) => s.Sid === 'CheckTheSuppressionTable') as Statement;
      assert.deepEqual(actionsOf(read), ['dynamodb:GetItem', 'dynamodb:BatchGetItem']);
    },
  ),
  claim(
    'table-is-protected-and-recoverable',
    'The suppression table has point-in-time recovery over 35 days and, with retainTable, deletion protection and a Retain policy.',
    (t) => {
      const [table] = t.resources('AWS::DynamoDB::Table');
      const props = table?.Properties ?? {};
      assert.deepEqual(props['PointInTimeRecoverySpecification'], { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 });
      assert.deepEqual(props['TimeToLiveSpecification'], { AttributeName: 'expiresAt', Enabled: true });
      const retain = t.parameters['retainTable'] === true;
      assert.equal(props['DeletionProtectionEnabled'], retain);
      assert.equal((table as unknown as Json)['DeletionPolicy'], retain ? 'Retain' : 'Delete');
    },
  ),
  claim(
    'domain-is-authenticated',
    'The domain signs with Easy DKIM at 2048 bits, its MAIL FROM domain is a subdomain of it, and with hostedZoneId the stack publishes the three DKIM CNAMEs from the identity, the MAIL FROM MX and SPF records, and DMARC unless dmarcPolicy is off.',
    (t) => {
      const identity = only(t, 'AWS::SES::EmailIdentity');
      const domain = String(t.parameters['domainName']);
      assert.equal(identity['EmailIdentity'], domain);
      assert.deepEqual(identity['DkimAttributes'], { SigningEnabled: true });
      assert.deepEqual(identity['DkimSigningAttributes'], { NextSigningKeyLength: 'RSA_2048_BIT' });
      const mailFrom = String((identity['MailFromAttributes'] as Json)['MailFromDomain']);
      assert.equal(mailFrom, `${String(t.parameters['mailFromSubdomain'])}.${domain}`);
      const records = all(t, 'AWS::Route53::RecordSet');
      if (t.parameters['hostedZoneId'] === '') {
        assert.deepEqual(records, [], 'records are written without a hosted zone');
        return;
      }
      for (const r of records) assert.equal(r['HostedZoneId'], t.parameters['hostedZoneId']);
      const cnames = records.filter((r) => r['Type'] === 'CNAME');
      assert.equal(cnames.length, 3);
      for (const i of [1, 2, 3]) {
        assert.ok(
          cnames.some(
            (r) =>
              flatten(r['Name']) === flatten({ 'Fn::GetAtt': [identity.id, `DkimDNSTokenName${i}`] }) &&
              flatten(r['ResourceRecords']) === flatten([{ 'Fn::GetAtt': [identity.id, `DkimDNSTokenValue${i}`] }]),
          ),
          `DKIM record ${i} is not the identity's token name and value as they are`,
        );
      }
      const mx = records.find((r) => r['Type'] === 'MX');
      assert.ok(mx, 'there is no MX record for the MAIL FROM domain');
      assert.equal(mx['Name'], `${mailFrom}.`);
      assert.match(flatten(mx['ResourceRecords']), /10 feedback-smtp\..*amazonses\.com/u);
      const spf = records.find((r) => r['Type'] === 'TXT' && r['Name'] === `${mailFrom}.`);
      assert.deepEqual(spf?.['ResourceRecords'], ['"v=spf1 include:amazonses.com ~all"']);
      const dmarc = records.find((r) => r['Name'] === `_dmarc.${domain}.`);
      if (t.parameters['dmarcPolicy'] === 'off') assert.equal(dmarc, undefined);
      else assert.match(flatten(dmarc?.['ResourceRecords']), new RegExp(`v=DMARC1; p=${String(t.parameters['dmarcPolicy'])}`, 'u'));
    },
  ),
];
