import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, ingressRules, type Json } from '../../../generators/check/claims/template-queries.ts';

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';
const getAtt = (v: unknown): string => (v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] ?? '';

const ENDPOINT_SERVICES = ['ec2messages', 'kms', 'logs', 'ssm', 'ssmmessages'];
/** Actions that read log events, which only auditors should get on the session transcripts. */
const LOG_READS = /^logs:(GetLogEvents|FilterLogEvents|StartQuery|GetQueryResults|StartLiveTail|\*)$|^logs:Get\*$|^\*$/u;

function sessionLogGroup(t: ClaimContext) {
  const group = t.resources('AWS::Logs::LogGroup').find((g) => String(g.Properties?.['LogGroupName']).startsWith('/session-manager/'));
  assert.ok(group, 'there is no session log group');
  return group;
}

function keyId(t: ClaimContext): string {
  const [key, ...more] = t.resources('AWS::KMS::Key');
  assert.ok(key && more.length === 0, 'not exactly one KMS key');
  return key.id;
}

/** Every statement of every IAM policy in the template, inline in roles or standalone. */
function allStatements(t: ClaimContext): Json[] {
  const docs = [
    ...t.resources('AWS::IAM::ManagedPolicy').map((p) => p.Properties?.['PolicyDocument']),
    ...t.resources('AWS::IAM::Policy').map((p) => p.Properties?.['PolicyDocument']),
    ...t.resources('AWS::IAM::Role').flatMap((r) =>
      asList(r.Properties?.['Policies'] ?? []).map((p) => (p as Json)['PolicyDocument']),
    ),
  ];
  return docs.flatMap((d) => asList((d as { Statement?: unknown } | undefined)?.Statement ?? []) as Json[]);
}

function operatorStatements(t: ClaimContext): Json[] {
  const [policy] = t.resources('AWS::IAM::ManagedPolicy');
  assert.ok(policy, 'there is no operator policy');
  return (policy.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
}

export default [
  claim(
    'endpoints-in-every-az',
    'Systems Manager, its message channels, CloudWatch Logs and KMS each have an interface endpoint in every Availability Zone, reachable on 443 from the VPC only',
    (t) => {
      const subnets = t.resources('AWS::EC2::Subnet').map((s) => s.id).sort();
      assert.equal(subnets.length, Number(t.parameters['azCount']), 'not one subnet per Availability Zone');
      const endpoints = t.resources('AWS::EC2::VPCEndpoint').filter((e) => e.Properties?.['VpcEndpointType'] === 'Interface');
      const services = endpoints.map((e) => flatten(e.Properties?.['ServiceName']).split('.').pop()).sort();
      assert.deepEqual(services, ENDPOINT_SERVICES, 'the interface endpoints are not exactly ssm, ssmmessages, ec2messages, logs and kms');
      const rules = ingressRules(t.template);
      for (const endpoint of endpoints) {
        assert.deepEqual(asList(endpoint.Properties?.['SubnetIds']).map(ref).sort(), subnets, `${endpoint.id} is not in every zone`);
        for (const group of asList(endpoint.Properties?.['SecurityGroupIds']).map(getAtt)) {
          const into = rules.filter((r) => r.group === group).map((r) => r.rule);
          assert.deepEqual(
            into.map((r) => [r.IpProtocol, r.FromPort, r.ToPort, r.CidrIp]),
            [['tcp', 443, 443, t.parameters['vpcCidr']]],
            `${endpoint.id} accepts more than HTTPS from the VPC`,
          );
        }
      }
    },
  ),

  claim(
    'private-dns-on',
    'The VPC resolves DNS and every interface endpoint answers under the public service name, so agents find them without any configuration',
    (t) => {
      const [vpc] = t.resources('AWS::EC2::VPC');
      assert.deepEqual(
        [vpc?.Properties?.['EnableDnsSupport'], vpc?.Properties?.['EnableDnsHostnames']],
        [true, true],
        'the VPC has DNS support or DNS host names off',
      );
      for (const endpoint of t.resources('AWS::EC2::VPCEndpoint').filter((e) => e.Properties?.['VpcEndpointType'] === 'Interface')) {
        assert.equal(endpoint.Properties?.['PrivateDnsEnabled'], true, `${endpoint.id} has no private DNS name`);
      }
    },
  ),

  claim(
    'no-inbound-path',
    'Nothing can be reached from outside the VPC: no internet or NAT gateway, no public address, no inbound rule on the instances and no port 22 anywhere',
    (t) => {
      for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::EgressOnlyInternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::Route', 'AWS::EC2::KeyPair']) {
        assert.equal(t.resources(type).length, 0, `the template has an ${type}`);
      }
      for (const subnet of t.resources('AWS::EC2::Subnet')) {
        assert.equal(subnet.Properties?.['MapPublicIpOnLaunch'] ?? false, false, `subnet ${subnet.id} hands out public addresses`);
      }
      const rules = ingressRules(t.template);
      const opens22 = rules.filter(
        ({ rule }) => rule.IpProtocol === '-1' || ((rule.FromPort ?? 0) <= 22 && 22 <= (rule.ToPort ?? 65535)),
      );
      assert.deepEqual(opens22, [], 'a security group opens port 22');
      for (const instance of t.resources('AWS::EC2::Instance')) {
        assert.equal(instance.Properties?.['KeyName'], undefined, `${instance.id} has an SSH key pair`);
        for (const group of asList(instance.Properties?.['SecurityGroupIds']).map(getAtt)) {
          assert.deepEqual(rules.filter((r) => r.group === group), [], `the security group of ${instance.id} accepts inbound traffic`);
        }
      }
    },
  ),

  claim(
    'sessions-logged-encrypted',
    'The session document streams every shell session to the session log group, both encrypted with the stack key, which also encrypts the data channel',
    (t) => {
      const group = sessionLogGroup(t);
      const key = keyId(t);
      assert.equal(getAtt(group.Properties?.['KmsKeyId']), key, 'the session log group is not encrypted with the stack key');
      const [doc] = t.resources('AWS::SSM::Document');
      assert.equal(doc?.Properties?.['DocumentType'], 'Session', 'there is no Session Manager preferences document');
      const inputs = (doc.Properties['Content'] as { inputs: Json }).inputs;
      assert.equal(ref(inputs['cloudWatchLogGroupName']), group.id, 'sessions are not logged to the session log group');
      assert.deepEqual(
        [inputs['cloudWatchEncryptionEnabled'], inputs['cloudWatchStreamingEnabled']],
        [true, true],
        'session logging is not encrypted and streamed',
      );
      assert.equal(ref(inputs['kmsKeyId']), key, 'the session data channel is not encrypted with the stack key');
      const [keyResource] = t.resources('AWS::KMS::Key');
      assert.equal(keyResource?.Properties?.['EnableKeyRotation'], true, 'the stack key does not rotate');
    },
  ),

  claim(
    'operator-policy-scoped',
    'The operator policy starts sessions only through the logged document (and port forwarding when allowed), only on instances tagged for this stack, and lets operators resume or end only their own sessions',
    (t) => {
      const statements = operatorStatements(t);
      const starts = statements.filter((s) => asList(s['Action']).includes('ssm:StartSession'));
      for (const s of starts) {
        assert.equal(
          JSON.stringify(s['Condition']).includes('"ssm:SessionDocumentAccessCheck":"true"'),
          true,
          'a StartSession statement does not force the document check',
        );
      }
      const onInstances = starts.filter((s) => JSON.stringify(s['Resource']).includes(':instance/'));
      assert.equal(onInstances.length, 1, 'not exactly one statement for instances');
      assert.match(JSON.stringify(onInstances[0]?.['Condition']), /"ssm:resourceTag\/SessionManagerAccess":"[^"]+"/u, 'sessions are not limited to tagged instances');
      const documents = starts
        .filter((s) => JSON.stringify(s['Resource']).includes(':document/'))
        .flatMap((s) => asList(s['Resource']).map((r) => flatten(r).replace(/^.*:document\//u, '')))
        .sort();
      const forwarding = t.parameters['allowPortForwarding'] === true ? ['AWS-StartPortForwardingSession', 'AWS-StartPortForwardingSessionToRemoteHost'] : [];
      const [doc] = t.resources('AWS::SSM::Document');
      assert.deepEqual(documents, [String(doc?.Properties?.['Name']), ...forwarding].sort(), 'operators may start sessions with other documents');
      for (const s of statements.filter((x) => asList(x['Action']).some((a) => /^ssm:(Resume|Terminate)Session$/u.test(String(a))))) {
        for (const resource of asList(s['Resource'])) {
          assert.match(flatten(resource), /:session\/\$\{aws:(username|userid)\}-\*$/u, 'operators may resume or end sessions of others');
        }
      }
    },
  ),

  claim(
    'transcripts-need-a-grant',
    'Nothing in the stack can read the session transcripts: no policy grants reading log events, so auditors need a grant of their own',
    (t) => {
      for (const s of allStatements(t)) {
        if (s['Effect'] !== 'Allow') continue;
        for (const action of asList(s['Action'])) {
          assert.doesNotMatch(String(action), LOG_READS, `a policy of the stack grants ${String(action)}`);
        }
      }
      const [key] = t.resources('AWS::KMS::Key');
      const logs = ((key?.Properties?.['KeyPolicy'] as { Statement: Json[] }).Statement).filter((s) =>
        JSON.stringify(s['Principal']).includes('logs.'),
      );
      assert.equal(logs.length, 1, 'the key policy does not have exactly one CloudWatch Logs statement');
      assert.ok(JSON.stringify(logs[0]?.['Condition']).includes('kms:EncryptionContext:aws:logs:arn'), 'CloudWatch Logs may use the key for any log group');
    },
  ),

  claim(
    'session-logs-retained',
    'With retainSessionLogs on, the session log group and its key survive stack deletion',
    (t) => {
      const expected = t.parameters['retainSessionLogs'] === true ? 'Retain' : 'Delete';
      assert.equal(sessionLogGroup(t).DeletionPolicy, expected, `the session log group's deletion policy is not ${expected}`);
      const [key] = t.resources('AWS::KMS::Key');
      assert.equal(key?.DeletionPolicy, expected, `the key's deletion policy is not ${expected}`);
      assert.equal(sessionLogGroup(t).Properties?.['RetentionInDays'], t.parameters['sessionLogRetentionDays'], 'the transcripts are kept for another period');
    },
  ),

  claim(
    'instances-need-no-keys',
    'Every instance is reached only through the agent: no key pair, IMDSv2 required, the access tag, the SSM instance profile, and a place in an isolated subnet',
    (t) => {
      const instances = t.resources('AWS::EC2::Instance');
      assert.equal(instances.length, Number(t.parameters['instanceCount']), 'not instanceCount instances');
      const subnets = t.resources('AWS::EC2::Subnet').map((s) => s.id);
      const [profile] = t.resources('AWS::IAM::InstanceProfile');
      for (const instance of instances) {
        const p = instance.Properties ?? {};
        assert.equal(p['KeyName'], undefined, `${instance.id} has a key pair`);
        assert.equal((p['MetadataOptions'] as Json | undefined)?.['HttpTokens'], 'required', `${instance.id} allows IMDSv1`);
        assert.ok(subnets.includes(ref(p['SubnetId'])), `${instance.id} is not in an isolated subnet of the stack`);
        assert.equal(ref(p['IamInstanceProfile']), profile?.id, `${instance.id} does not have the SSM instance profile`);
        const tags = (p['Tags'] ?? []) as { Key: string }[];
        assert.ok(tags.some((x) => x.Key === 'SessionManagerAccess'), `${instance.id} lacks the SessionManagerAccess tag`);
      }
    },
  ),
];
