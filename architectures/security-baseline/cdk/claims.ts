// What architecture.yaml promises about the security baseline, checked against the default template and each variant.
import assert from 'node:assert/strict';
import { claim } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, propsOf as props, type Json } from '../../../generators/check/claims/template-queries.ts';
import { PACK_RULES } from './compliance.ts';
import { PROTECTION_PLANS, STANDARDS } from './detection.ts';

export default [
  claim('guardduty-protection-plans', 'The GuardDuty detector is enabled, publishes findings every 15 minutes, and has S3, EKS audit log, EBS malware, RDS login and Lambda network protection on, and Runtime Monitoring as guardDutyRuntimeMonitoring says.', (t) => {
    const d = props(t.only('AWS::GuardDuty::Detector'));
    assert.equal(d['Enable'], true);
    assert.equal(d['FindingPublishingFrequency'], 'FIFTEEN_MINUTES');
    const features = new Map((d['Features'] as Json[]).map((f) => [f['Name'], f]));
    for (const plan of PROTECTION_PLANS) assert.equal(features.get(plan)?.['Status'], 'ENABLED', `${plan} is not enabled`);
    const runtime = features.get('RUNTIME_MONITORING');
    const want = t.parameters['guardDutyRuntimeMonitoring'] === true ? 'ENABLED' : 'DISABLED';
    assert.ok(runtime, 'there is no RUNTIME_MONITORING feature');
    assert.equal(runtime['Status'], want);
    for (const a of runtime['AdditionalConfiguration'] as Json[]) assert.equal(a['Status'], want);
  }),
  claim('standards-subscribed', 'Security Hub is enabled with consolidated control findings and without default standards, and exactly the standards in securityHubStandards are subscribed, each after the hub.', (t) => {
    const hub = t.only('AWS::SecurityHub::Hub');
    assert.equal(props(hub)['EnableDefaultStandards'], false);
    assert.equal(props(hub)['ControlFindingGenerator'], 'SECURITY_CONTROL');
    const standards = t.resources('AWS::SecurityHub::Standard');
    const wanted = String(t.parameters['securityHubStandards']).split(',').map((s) => `::${STANDARDS[s] ?? '?'}`);
    assert.deepEqual(standards.map((s) => flatten(props(s)['StandardsArn']).replace(/^.*(::standards\/)/u, '::standards/')).sort(), wanted.sort());
    for (const s of standards) assert.ok(asList(s.DependsOn).includes(hub.id), `${s.id} may be created before the hub`);
  }),
  claim('config-records-everything', 'AWS Config records every supported resource type, global types included, through a role AWS Config alone assumes.', (t) => {
    const recorder = props(t.only('AWS::Config::ConfigurationRecorder'));
    assert.deepEqual(recorder['RecordingGroup'], { AllSupported: true, IncludeGlobalResourceTypes: true });
    const role = t.resources('AWS::IAM::Role').find((r) => JSON.stringify(recorder['RoleARN']) === JSON.stringify({ 'Fn::GetAtt': [r.id, 'Arn'] }));
    assert.ok(role, 'the recorder does not use a role of this stack');
    const trust = (props(role)['AssumeRolePolicyDocument'] as { Statement: Json[] }).Statement;
    assert.deepEqual(trust.map((s) => s['Principal']), [{ Service: 'config.amazonaws.com' }]);
  }),
  claim('config-delivers-encrypted', 'AWS Config delivers daily snapshots and history to a versioned bucket encrypted with a rotating customer managed key, which refuses plain HTTP.', (t) => {
    const channel = props(t.only('AWS::Config::DeliveryChannel'));
    const bucket = t.only('AWS::S3::Bucket');
    assert.deepEqual(channel['S3BucketName'], { Ref: bucket.id });
    assert.deepEqual(channel['ConfigSnapshotDeliveryProperties'], { DeliveryFrequency: 'TwentyFour_Hours' });
    const key = t.resources('AWS::KMS::Key').find((k) => JSON.stringify(channel['S3KmsKeyArn']) === JSON.stringify({ 'Fn::GetAtt': [k.id, 'Arn'] }));
    assert.ok(key && props(key)['EnableKeyRotation'] === true, 'the delivery is not encrypted with a rotating key of this stack');
    assert.deepEqual(props(bucket)['VersioningConfiguration'], { Status: 'Enabled' });
    const policy = props(t.only('AWS::S3::BucketPolicy'))['PolicyDocument'] as { Statement: Json[] };
    assert.ok(policy.Statement.some((s) => s['Effect'] === 'Deny' && JSON.stringify(s['Condition']).includes('aws:SecureTransport')));
  }),
  claim('config-history-outlives-the-stack', 'The AWS Config bucket and its key are retained when the stack is deleted.', (t) => {
    assert.equal(t.only('AWS::S3::Bucket').DeletionPolicy, 'Retain');
    const channel = props(t.only('AWS::Config::DeliveryChannel'));
    const key = t.resources('AWS::KMS::Key').find((k) => JSON.stringify(channel['S3KmsKeyArn']) === JSON.stringify({ 'Fn::GetAtt': [k.id, 'Arn'] }));
    assert.equal(key?.DeletionPolicy, 'Retain');
  }),
  claim('conformance-pack-rules', 'The organisation conformance pack deploys every baseline rule (root MFA, access key age, CloudTrail, GuardDuty, Security Hub, S3 public access, EBS and RDS encryption, open SSH) with AWS managed sources, skipping only excludedAccountIds.', (t) => {
    const pack = props(t.only('AWS::Config::OrganizationConformancePack'));
    const body = String(pack['TemplateBody']);
    for (const [name, source] of Object.entries(PACK_RULES)) {
      assert.ok(body.includes(`ConfigRuleName: ${name}`) && body.includes(`SourceIdentifier: ${source}`), `${name} is missing`);
    }
    assert.ok(body.includes(`maxAccessKeyAge: '${String(t.parameters['maxAccessKeyAgeDays'])}'`));
    const excluded = String(t.parameters['excludedAccountIds']).split(',').filter((s) => s !== '');
    assert.deepEqual(pack['ExcludedAccounts'] ?? [], excluded);
  }),
  claim('high-severity-findings-alert', 'GuardDuty findings of minGuardDutySeverity or more, and new active CRITICAL or HIGH Security Hub findings, go to the encrypted findings topic.', (t) => {
    const topic = t.only('AWS::SNS::Topic');
    assert.ok(props(topic)['KmsMasterKeyId'] !== undefined, 'the topic is not encrypted');
    const rules = t.resources('AWS::Events::Rule').map(props);
    const target = (r: Json): boolean => asList(r['Targets']).some((x) => JSON.stringify((x as Json)['Arn']) === JSON.stringify({ Ref: topic.id }));
    const gd = rules.find((r) => JSON.stringify((r['EventPattern'] as Json)['source']) === '["aws.guardduty"]');
    assert.ok(gd && target(gd), 'GuardDuty findings do not reach the topic');
    assert.deepEqual(((gd['EventPattern'] as Json)['detail'] as Json)['severity'], [{ numeric: ['>=', t.parameters['minGuardDutySeverity']] }]);
    const sh = rules.find((r) => JSON.stringify((r['EventPattern'] as Json)['source']) === '["aws.securityhub"]');
    assert.ok(sh && target(sh), 'Security Hub findings do not reach the topic');
    const findings = ((sh['EventPattern'] as Json)['detail'] as Json)['findings'] as Json;
    assert.deepEqual(findings['Severity'], { Label: ['CRITICAL', 'HIGH'] });
    assert.deepEqual(findings['Workflow'], { Status: ['NEW'] });
  }),
];
