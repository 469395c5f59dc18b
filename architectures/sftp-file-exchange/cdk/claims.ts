// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. Run: npx oar check sftp-file-exchange
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatOf, flatten, ingressRules, type Json, refTarget } from '../../../generators/check/claims/template-queries.ts';

type Found = Json & { readonly id: string };
interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Json;
  readonly Principal?: unknown;
}

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));
const partnersOf = (t: ClaimContext): string[] => String(t.parameters['partners']).split(',');
const actionsOf = (s: Statement): string[] => asList(s.Action).map(String);
/** Each resource of a statement as text, the bucket's ARN shown as <bucket>. */
const resourcesOf = (s: Statement, bucketId: string): string[] =>
  asList(s.Resource).map((r) => flatten(r).replace(`<${JSON.stringify({ 'Fn::GetAtt': [bucketId, 'Arn'] })}>`, '<bucket>'));

/** The exchange bucket: the one bucket encrypted with a KMS key. */
function exchangeBucket(t: ClaimContext): Found {
  const found = all(t, 'AWS::S3::Bucket').filter((b) =>
    JSON.stringify(b['BucketEncryption'] ?? {}).includes('aws:kms'),
  );
  assert.equal(found.length, 1, `expected one KMS-encrypted bucket, found ${found.length}`);
  return found[0] as Found;
}

/** The statements of the inline policies attached to a role. */
function statementsOf(t: ClaimContext, roleId: string): Statement[] {
  return all(t, 'AWS::IAM::Policy')
    .filter((p) => asList(p['Roles']).some((r) => refTarget(r) === roleId))
    .flatMap((p) => (p['PolicyDocument'] as { Statement: Statement[] }).Statement);
}

/** Every role of the stack with the object prefixes of the exchange bucket it may write to. */
function writersOf(t: ClaimContext, prefix: string): string[] {
  const bucket = exchangeBucket(t).id;
  return all(t, 'AWS::IAM::Role')
    .filter((role) =>
      statementsOf(t, role.id).some(
        (s) =>
          s.Effect === 'Allow' &&
          actionsOf(s).some((a) => a === 's3:PutObject' || a === 's3:*') &&
          resourcesOf(s, bucket).some((r) => r === `<bucket>/${prefix}*` || r === '<bucket>/*' || r === '*'),
      ),
    )
    .map((r) => r.id);
}

function scannerRole(t: ClaimContext): string {
  const fn = only(t, 'AWS::Lambda::Function');
  const id = refTarget(fn['Role']);
  assert.ok(id, 'the scanner function has no role of this stack');
  return id;
}

function server(t: ClaimContext): Found {
  return only(t, 'AWS::Transfer::Server');
}

export default [
  claim(
    'sftp-only-with-ssh-keys',
    'The server speaks SFTP only, and its users are service-managed, which log in with SSH keys only (no passwords).',
    (t) => {
      const s = server(t);
      assert.deepEqual(s['Protocols'], ['SFTP'], 'the server offers more than SFTP');
      assert.equal(s['IdentityProviderType'], 'SERVICE_MANAGED', 'users are not service-managed (key-only)');
      assert.equal(s['IdentityProviderDetails'], undefined, 'the server has a custom identity provider');
      for (const u of all(t, 'AWS::Transfer::User')) {
        assert.equal(u['Policy'], undefined, `${u.id} has a session policy instead of its own role`);
      }
    },
  ),
  claim(
    'pinned-security-policy',
    'The server names a security policy from 2024 or later, never CloudFormation’s default TransferSecurityPolicy-2018-11.',
    (t) => {
      const name = String(server(t)['SecurityPolicyName']);
      assert.equal(name, t.parameters['securityPolicyName'], 'the server does not use securityPolicyName');
      const year = Number(/(\d{4})-\d{2}$/u.exec(name)?.[1]);
      assert.ok(year >= 2024, `${name} is older than 2024`);
    },
  ),
  claim(
    'endpoint-in-every-zone',
    'The endpoint is a VPC endpoint with a subnet in each of azCount zones and, when internet-facing, one Elastic IP per subnet; port 22 is the only port open, from allowedClientCidr.',
    (t) => {
      const s = server(t);
      assert.equal(s['EndpointType'], 'VPC', 'the endpoint is not in the VPC');
      const details = s['EndpointDetails'] as Json;
      const subnets = asList(details['SubnetIds']).map((x) => refTarget(x));
      assert.equal(new Set(subnets).size, Number(t.parameters['azCount']), 'the endpoint is not in every zone');
      const zones = subnets.map((id) => JSON.stringify(t.resources('AWS::EC2::Subnet').find((r) => r.id === id)?.Properties?.['AvailabilityZone']));
      assert.equal(new Set(zones).size, subnets.length, 'two endpoint subnets share a zone');
      const eips = asList(details['AddressAllocationIds'] ?? []).filter((x) => x !== undefined);
      assert.equal(eips.length, t.parameters['internetFacing'] === true ? subnets.length : 0, 'not one Elastic IP per subnet');
      const groups = asList(details['SecurityGroupIds']).map((g) => refTarget(g));
      const rules = ingressRules(t.template).filter((r) => groups.includes(r.group));
      assert.ok(rules.length > 0, 'the endpoint has no ingress rule');
      for (const { rule } of rules) {
        assert.equal(rule.IpProtocol, 'tcp');
        assert.equal(rule.FromPort, 22);
        assert.equal(rule.ToPort, 22);
        assert.equal(rule.CidrIp, t.parameters['allowedClientCidr']);
      }
    },
  ),
  claim(
    'logical-home-per-partner',
    'Each partner has one user whose logical home directory shows only /inbox and /outbox, mapped to its own incoming/ and outbound/ prefixes.',
    (t) => {
      const bucket = exchangeBucket(t).id;
      const users = all(t, 'AWS::Transfer::User');
      assert.deepEqual(users.map((u) => u['UserName']).sort(), [...partnersOf(t)].sort(), 'not one user per partner');
      for (const u of users) {
        const p = String(u['UserName']);
        assert.equal(u['HomeDirectoryType'], 'LOGICAL', `${p} is not chrooted to a logical home directory`);
        const mappings = (u['HomeDirectoryMappings'] as { Entry: string; Target: unknown }[]).map((m) => [
          m.Entry,
          flatten(m.Target).replace(`<${JSON.stringify({ Ref: bucket })}>`, '<bucket>'),
        ]);
        assert.deepEqual(mappings, [
          ['/inbox', `/<bucket>/incoming/${p}`],
          ['/outbox', `/<bucket>/outbound/${p}`],
        ]);
      }
    },
  ),
  claim(
    'partner-roles-isolated',
    'Each partner’s role may upload only below its own incoming/ prefix, read and delete only below its own outbound/ prefix, and list only those two; no partner role reaches clean/, quarantine/ or another partner.',
    (t) => {
      const bucket = exchangeBucket(t).id;
      for (const u of all(t, 'AWS::Transfer::User')) {
        const p = String(u['UserName']);
        const roleId = refTarget(u['Role']) ?? '';
        const roleUsers = all(t, 'AWS::Transfer::User').filter((x) => refTarget(x['Role']) === roleId);
        assert.equal(roleUsers.length, 1, `${p} shares its role with another partner`);
        for (const s of statementsOf(t, roleId)) {
          assert.equal(s.Effect, 'Allow');
          const acts = actionsOf(s);
          assert.ok(!acts.some((a) => a.endsWith('*')), `${p}'s role has a wildcard action`);
          const res = resourcesOf(s, bucket);
          if (acts.some((a) => a.startsWith('kms:'))) continue;
          if (acts.includes('s3:ListBucket')) {
            assert.deepEqual(res, ['<bucket>']);
            const prefixes = asList((s.Condition?.['StringLike'] as Json)['s3:prefix']);
            assert.ok(prefixes.every((x) => String(x).startsWith(`incoming/${p}/`) || String(x).startsWith(`outbound/${p}/`)));
            continue;
          }
          const allowed = acts.every((a) => ['s3:PutObject', 's3:AbortMultipartUpload'].includes(a))
            ? [`<bucket>/incoming/${p}/*`]
            : [`<bucket>/outbound/${p}/*`];
          assert.deepEqual(res, allowed, `${p}'s role reaches ${res.join(', ')}`);
          if (res[0]?.includes('/outbound/')) {
            assert.ok(acts.every((a) => ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject'].includes(a)));
          }
        }
      }
    },
  ),
  claim(
    'bucket-encrypted-with-its-own-key',
    'The exchange bucket encrypts with the stack’s own rotating KMS key, blocks public access, and its policy denies any request without TLS.',
    (t) => {
      const b = exchangeBucket(t);
      const rule = ((b['BucketEncryption'] as Json)['ServerSideEncryptionConfiguration'] as Json[])[0] as Json;
      const sse = rule['ServerSideEncryptionByDefault'] as Json;
      assert.equal(sse['SSEAlgorithm'], 'aws:kms');
      const keyId = refTarget(sse['KMSMasterKeyID']);
      const key = t.resources('AWS::KMS::Key').find((k) => k.id === keyId);
      assert.ok(key, 'the bucket key is not this stack’s key');
      assert.equal(key.Properties?.['EnableKeyRotation'], true, 'the key does not rotate');
      const block = b['PublicAccessBlockConfiguration'] as Json;
      for (const k of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
        assert.equal(block[k], true, `${k} is off`);
      }
      const policy = all(t, 'AWS::S3::BucketPolicy').find((p) => refTarget(p['Bucket']) === b.id);
      const statements = (policy?.['PolicyDocument'] as { Statement: Statement[] }).Statement;
      assert.ok(
        statements.some(
          (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
        ),
        'requests without TLS are not denied',
      );
    },
  ),
  claim(
    'only-the-scanner-releases',
    'Only the scanner’s role may write below clean/ and quarantine/, and it is the only reader of incoming/; the scan rule sends it every object created below incoming/ (or, with GuardDuty, every scan result).',
    (t) => {
      const scanner = scannerRole(t);
      assert.deepEqual(writersOf(t, 'clean/'), [scanner], 'another role can write clean files');
      assert.deepEqual(writersOf(t, 'quarantine/'), [scanner], 'another role can write quarantined files');
      const bucket = exchangeBucket(t).id;
      const readers = all(t, 'AWS::IAM::Role').filter((role) =>
        statementsOf(t, role.id).some(
          (s) => actionsOf(s).includes('s3:GetObject') && resourcesOf(s, bucket).some((r) => r.startsWith('<bucket>/incoming/')),
        ),
      );
      const guardduty = t.parameters['malwareScanner'] === 'guardduty';
      const planRole = guardduty ? refTarget(only(t, 'AWS::GuardDuty::MalwareProtectionPlan')['Role']) : undefined;
      assert.deepEqual(readers.map((r) => r.id).sort(), [scanner, ...(planRole ? [planRole] : [])].sort());
      const rule = only(t, 'AWS::Events::Rule');
      const pattern = rule['EventPattern'] as Json;
      if (guardduty) {
        assert.deepEqual(pattern['detail-type'], ['GuardDuty Malware Protection Object Scan Result']);
      } else {
        assert.deepEqual(pattern['detail-type'], ['Object Created']);
        assert.deepEqual(((pattern['detail'] as Json)['object'] as Json)['key'], [{ prefix: 'incoming/' }]);
        assert.equal(refTarget(((pattern['detail'] as Json)['bucket'] as Json)['name'] ? asList(((pattern['detail'] as Json)['bucket'] as Json)['name'])[0] : undefined), bucket);
        assert.deepEqual(
          exchangeBucket(t)['NotificationConfiguration'],
          { EventBridgeConfiguration: { EventBridgeEnabled: true } },
          'the bucket does not send its events to EventBridge',
        );
      }
      const fn = only(t, 'AWS::Lambda::Function');
      assert.equal(refTarget((rule['Targets'] as Json[])[0]?.['Arn']), fn.id);
      assert.equal(((fn['Environment'] as Json)['Variables'] as Json)['MODE'], t.parameters['malwareScanner']);
      assert.equal((fn['Code'] as Json)['ZipFile'], t.file('scanner/handler.py'), 'the function does not run scanner/handler.py as shipped');
    },
  ),
  claim(
    'quarantine-is-sealed',
    'The bucket policy denies reading quarantine/ to every principal but the scanner’s role and quarantineReaderRoleArn, and quarantined files expire after quarantineRetentionDays.',
    (t) => {
      const b = exchangeBucket(t);
      const policy = all(t, 'AWS::S3::BucketPolicy').find((p) => refTarget(p['Bucket']) === b.id);
      const s = (policy?.['PolicyDocument'] as { Statement: Statement[] }).Statement.find((x) => x.Sid === 'QuarantineIsSealed');
      assert.ok(s, 'no statement seals the quarantine');
      assert.equal(s.Effect, 'Deny');
      assert.deepEqual(s.Principal, { AWS: '*' });
      assert.deepEqual(actionsOf(s).sort(), ['s3:GetObject', 's3:GetObjectVersion']);
      assert.deepEqual(resourcesOf(s, b.id), ['<bucket>/quarantine/*']);
      const except = asList((s.Condition?.['ArnNotEquals'] as Json)['aws:PrincipalArn']);
      const reader = String(t.parameters['quarantineReaderRoleArn']);
      assert.deepEqual(except.map((x) => refTarget(x) ?? x), [scannerRole(t), ...(reader === '' ? [] : [reader])]);
      const rules = ((b['LifecycleConfiguration'] as Json)['Rules'] as Json[]).filter((r) => r['Prefix'] === 'quarantine/');
      assert.equal(rules[0]?.['ExpirationInDays'], t.parameters['quarantineRetentionDays']);
    },
  ),
  claim(
    'scan-delivery-retried-then-dead-lettered',
    'The scan rule retries delivery 8 times over up to 6 hours, then sends the event to an encrypted dead-letter queue, and alarms watch that queue, the scanner’s errors and quarantines.',
    (t) => {
      const target = (only(t, 'AWS::Events::Rule')['Targets'] as Json[])[0] as Json;
      assert.deepEqual(target['RetryPolicy'], { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 });
      const dlq = refTarget((target['DeadLetterConfig'] as Json)['Arn']);
      const queue = all(t, 'AWS::SQS::Queue').find((q) => q.id === dlq);
      assert.ok(queue, 'no dead-letter queue');
      assert.equal(queue['SqsManagedSseEnabled'], true);
      const alarms = all(t, 'AWS::CloudWatch::Alarm');
      const on = (metric: string): Found | undefined => alarms.find((a) => a['MetricName'] === metric);
      const dlqAlarm = on('ApproximateNumberOfMessagesVisible');
      assert.ok(dlqAlarm && JSON.stringify(dlqAlarm['Dimensions']).includes(String(dlq)), 'no alarm on the dead-letter queue');
      assert.ok(on('Errors'), 'no alarm on scanner errors');
      assert.equal(on('Quarantined')?.['Namespace'], 'SftpFileExchange', 'no alarm on quarantines');
      const topic = String(t.parameters['alarmTopicArn']);
      for (const a of alarms) assert.deepEqual(a['AlarmActions'], topic === '' ? undefined : [topic]);
    },
  ),
  claim(
    'server-logs-every-session',
    'The server writes structured JSON logs of every session and file operation to its own encrypted log group, kept logRetentionDays, with a logging role only Transfer Family in this account can assume.',
    (t) => {
      const s = server(t);
      const [dest] = asList(s['StructuredLogDestinations']);
      const group = all(t, 'AWS::Logs::LogGroup').find((g) => g.id === refTarget(dest));
      assert.ok(group, 'the server does not log to a log group of this stack');
      assert.equal(group['RetentionInDays'], t.parameters['logRetentionDays']);
      assert.ok(group['KmsKeyId'], 'the server log group is not encrypted');
      const role = all(t, 'AWS::IAM::Role').find((r) => r.id === refTarget(s['LoggingRole']));
      const trust = JSON.stringify(role?.['AssumeRolePolicyDocument']);
      assert.ok(trust.includes('transfer.amazonaws.com') && trust.includes('aws:SourceAccount'));
    },
  ),
  claim(
    'data-retained-and-versioned',
    'With retainData the exchange bucket and its key are kept when the stack is deleted; the bucket is versioned and keeps noncurrent versions 7 days.',
    (t) => {
      const b = exchangeBucket(t);
      assert.deepEqual(b['VersioningConfiguration'], { Status: 'Enabled' });
      const rules = (b['LifecycleConfiguration'] as Json)['Rules'] as Json[];
      assert.ok(rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === 7));
      const keyId = refTarget(
        (((b['BucketEncryption'] as Json)['ServerSideEncryptionConfiguration'] as Json[])[0]?.['ServerSideEncryptionByDefault'] as Json)['KMSMasterKeyID'],
      );
      const want = t.parameters['retainData'] === true ? 'Retain' : 'Delete';
      const raw = t.json['Resources'] as Record<string, Json>;
      assert.equal(raw[b.id]?.['DeletionPolicy'], want);
      assert.equal(raw[String(keyId)]?.['DeletionPolicy'], want);
    },
  ),
  claim(
    'guardduty-scans-every-upload',
    'With malwareScanner guardduty a GuardDuty Malware Protection plan scans every object below incoming/ of the exchange bucket and tags it with the result.',
    { variants: ['guardduty'] },
    (t) => {
      const plan = only(t, 'AWS::GuardDuty::MalwareProtectionPlan');
      const bucket = (plan['ProtectedResource'] as { S3Bucket: Json }).S3Bucket;
      assert.equal(refTarget(bucket['BucketName']), exchangeBucket(t).id);
      assert.deepEqual(bucket['ObjectPrefixes'], ['incoming/']);
      assert.deepEqual(plan['Actions'], { Tagging: { Status: 'ENABLED' } });
    },
  ),
];
