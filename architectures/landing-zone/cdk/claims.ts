// What architecture.yaml promises about the landing zone, checked against the default template and each variant.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, propsOf as props, type Json, type Resource } from '../../../generators/check/claims/template-queries.ts';

type Statement = Json & { Sid?: string; Effect: string; Condition?: Record<string, Record<string, unknown>> };

/** The organization policy whose name ends with the given suffix. */
function policy(t: ClaimContext, suffix: string): Resource & { id: string } {
  const found = t.resources('AWS::Organizations::Policy').find((p) => String(props(p)['Name']).endsWith(`-${suffix}`));
  assert.ok(found, `there is no policy named …-${suffix}`);
  return found;
}
const statementsOf = (p: Resource): Statement[] => (props(p)['Content'] as { Statement: Statement[] }).Statement;
const statement = (p: Resource, sid: string): Statement => {
  const s = statementsOf(p).find((x) => x.Sid === sid);
  assert.ok(s, `the policy has no statement ${sid}`);
  return s;
};

/** Whether a policy target is the organization's root: the parameter, or the created organization's RootId. */
function isRoot(t: ClaimContext, target: unknown): boolean {
  if (t.parameters['organizationRootId'] !== '') return target === t.parameters['organizationRootId'];
  const org = t.only('AWS::Organizations::Organization');
  return JSON.stringify(target) === JSON.stringify({ 'Fn::GetAtt': [org.id, 'RootId'] });
}
const targetsOf = (p: Resource): unknown[] => asList(props(p)['TargetIds'] ?? []);

/** The OU with the given name. */
function ou(t: ClaimContext, name: string): Resource & { id: string } {
  const found = t.resources('AWS::Organizations::OrganizationalUnit').find((o) => props(o)['Name'] === name);
  assert.ok(found, `there is no ${name} OU`);
  return found;
}

const bucketOf = (t: ClaimContext): Resource & { id: string } => {
  const found = t.resources('AWS::S3::Bucket').find((b) => props(b)['ObjectLockEnabled'] === true);
  assert.ok(found, 'there is no log bucket with Object Lock');
  return found;
};
const trailArnOf = (t: ClaimContext): string => `arn:<{"Ref":"AWS::Partition"}>:cloudtrail:<{"Ref":"AWS::Region"}>:<{"Ref":"AWS::AccountId"}>:trail/${String(props(t.only('AWS::CloudTrail::Trail'))['TrailName'])}`;

export default [
  claim('guardrails-on-the-root', 'The guardrails SCP, the region deny SCP and the perimeter RCP are attached to the root, so every member account, present or future, is under them.', (t) => {
    for (const name of ['guardrails', 'region-deny', 'perimeter']) {
      const targets = targetsOf(policy(t, name));
      assert.ok(targets.length === 1 && isRoot(t, targets[0]), `the ${name} policy is not attached to the root alone`);
    }
  }),
  claim('members-cannot-leave-or-act-as-root', 'The guardrails SCP denies organizations:LeaveOrganization, and every action by the root user of a member account.', (t) => {
    const scp = policy(t, 'guardrails');
    assert.equal(props(scp)['Type'], 'SERVICE_CONTROL_POLICY');
    const leave = statement(scp, 'DenyLeavingTheOrganization');
    assert.equal(leave.Effect, 'Deny');
    assert.equal(leave['Action'], 'organizations:LeaveOrganization');
    assert.equal(leave.Condition, undefined, 'leaving is allowed to someone');
    const root = statement(scp, 'DenyRootUser');
    assert.equal(root.Effect, 'Deny');
    assert.equal(root['Action'], '*');
    assert.deepEqual(root.Condition, { ArnLike: { 'aws:PrincipalArn': ['arn:*:iam::*:root'] } });
  }),
  claim('security-tooling-protected', 'Only the break-glass role may stop or delete the trail, Config recorders, GuardDuty detectors, Security Hub or IAM Access Analyzer analyzers in a member account.', (t) => {
    const s = statement(policy(t, 'guardrails'), 'ProtectSecurityTooling');
    assert.equal(s.Effect, 'Deny');
    const actions = asList(s['Action']);
    for (const a of ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'config:StopConfigurationRecorder', 'guardduty:DeleteDetector', 'securityhub:DisableSecurityHub', 'access-analyzer:DeleteAnalyzer']) {
      assert.ok(actions.includes(a), `${a} is not denied`);
    }
    assert.deepEqual(Object.keys(s.Condition ?? {}), ['ArnNotLike'], 'the deny spares more than the break-glass role');
  }),
  claim('break-glass-exempt', 'The guardrails and the region deny spare exactly the break-glass role, so a wrong policy can be undone from inside an account; the root-user and leave denies spare nobody.', (t) => {
    const role = [`arn:*:iam::*:role/${String(t.parameters['breakGlassRoleName'])}`];
    const regions = statement(policy(t, 'region-deny'), 'DenyOutsideAllowedRegions');
    assert.deepEqual(regions.Condition?.['ArnNotLike'], { 'aws:PrincipalARN': role });
    assert.deepEqual(statement(policy(t, 'guardrails'), 'ProtectSecurityTooling').Condition?.['ArnNotLike'], { 'aws:PrincipalARN': role });
    assert.deepEqual(
      asList(statement(policy(t, 'region-deny'), 'DenyOutsideAllowedRegions').Condition?.['StringNotEquals']?.['aws:RequestedRegion']),
      String(t.parameters['allowedRegions']).split(','),
      'the region deny does not allow exactly allowedRegions',
    );
    for (const global of ['iam:*', 'organizations:*', 'sts:*', 'route53:*', 'cloudfront:*', 'support:*']) {
      assert.ok(asList(regions['NotAction']).includes(global), `${global} is not exempt from the region deny`);
    }
  }),
  claim('suspended-only-on-its-ou', 'The deny-everything SCP is attached to the Suspended OU and nowhere else.', (t) => {
    const p = policy(t, 'suspended');
    assert.deepEqual(statementsOf(p).map((s) => [s.Effect, s['Action'], s.Condition]), [['Deny', '*', undefined]]);
    assert.deepEqual(targetsOf(p), [{ 'Fn::GetAtt': [ou(t, 'Suspended').id, 'Id'] }]);
  }),
  claim('perimeter-rcp-on-the-root', 'The RCP on the root refuses plain HTTP to S3, STS, KMS, SQS and Secrets Manager, and refuses principals from outside the organisation unless they are AWS services.', (t) => {
    const p = policy(t, 'perimeter');
    assert.equal(props(p)['Type'], 'RESOURCE_CONTROL_POLICY');
    const tls = statement(p, 'EnforceTls');
    assert.deepEqual(tls.Condition, { BoolIfExists: { 'aws:SecureTransport': 'false' } });
    const orgOnly = statement(p, 'EnforceOrgIdentities');
    assert.equal(orgOnly.Effect, 'Deny');
    assert.deepEqual(orgOnly.Condition, {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
    assert.ok(asList(orgOnly['Action']).includes('s3:*') && !asList(orgOnly['Action']).includes('sts:*'));
  }),
  claim('policies-fit-the-quotas', 'Every SCP and RCP is under 5,120 characters without whitespace, and the root gets at most 4 SCPs and 4 RCPs besides the AWS managed full-access ones.', (t) => {
    const all = t.resources('AWS::Organizations::Policy');
    for (const p of all) {
      assert.ok(JSON.stringify(props(p)['Content']).length <= 5120, `${String(props(p)['Name'])} is over 5,120 characters`);
    }
    for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']) {
      const onRoot = all.filter((p) => props(p)['Type'] === type && targetsOf(p).some((x) => isRoot(t, x)));
      assert.ok(onRoot.length <= 4, `${onRoot.length} ${type}s on the root`);
    }
  }),
  claim('trail-covers-every-region', 'The trail is an organisation trail, multi-Region, with global service events and all management events, and it is logging.', (t) => {
    const trail = props(t.only('AWS::CloudTrail::Trail'));
    assert.equal(trail['IsOrganizationTrail'], true);
    assert.equal(trail['IsMultiRegionTrail'], true);
    assert.equal(trail['IncludeGlobalServiceEvents'], true);
    assert.equal(trail['IsLogging'], true);
    assert.deepEqual(trail['EventSelectors'], [{ IncludeManagementEvents: true, ReadWriteType: 'All' }]);
  }),
  claim('log-file-validation', 'Log file integrity validation is on, so a changed or deleted log file is detected.', (t) => {
    assert.equal(props(t.only('AWS::CloudTrail::Trail'))['EnableLogFileValidation'], true);
  }),
  claim('logs-locked-in-compliance-mode', 'The log bucket has Object Lock in compliance mode for logRetentionDays days, is versioned, and its policy denies deleting any object version to everyone.', (t) => {
    const bucket = bucketOf(t);
    const b = props(bucket);
    assert.deepEqual(b['ObjectLockConfiguration'], {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: Number(t.parameters['logRetentionDays']) } },
    });
    assert.deepEqual(b['VersioningConfiguration'], { Status: 'Enabled' });
    const policyOf = t.resources('AWS::S3::BucketPolicy').find((p) => JSON.stringify(props(p)['Bucket']) === JSON.stringify({ Ref: bucket.id }));
    assert.ok(policyOf, 'the log bucket has no policy');
    const deny = (props(policyOf)['PolicyDocument'] as { Statement: Statement[] }).Statement.find((s) => s.Sid === 'NobodyDeletesLogVersions');
    assert.ok(deny && deny.Effect === 'Deny' && deny['Principal'] !== undefined && deny.Condition === undefined);
  }),
  claim('only-this-trail-writes-the-logs', 'CloudTrail may write to the log bucket only for this trail (aws:SourceArn), the trail writes there, and no other principal may put objects.', (t) => {
    const bucket = bucketOf(t);
    assert.deepEqual(props(t.only('AWS::CloudTrail::Trail'))['S3BucketName'], { Ref: bucket.id });
    const policyOf = t.resources('AWS::S3::BucketPolicy').find((p) => JSON.stringify(props(p)['Bucket']) === JSON.stringify({ Ref: bucket.id }));
    const allows = (props(policyOf)['PolicyDocument'] as { Statement: Statement[] }).Statement.filter((s) => s.Effect === 'Allow');
    const writers = allows.filter((s) => asList(s['Action']).some((a) => String(a).startsWith('s3:Put')));
    const [writer, ...others] = writers;
    assert.ok(writer && others.length === 0, 'not exactly one statement allows writing');
    assert.deepEqual(writer['Principal'], { Service: 'cloudtrail.amazonaws.com' });
    assert.equal(flatten(writer.Condition?.['StringEquals']?.['aws:SourceArn']), trailArnOf(t));
  }),
  claim('trail-key-for-this-trail-only', 'The KMS key rotates, is retained, and lets CloudTrail encrypt only for this trail; the trail uses it.', (t) => {
    const key = t.only('AWS::KMS::Key');
    assert.equal(props(key)['EnableKeyRotation'], true);
    assert.equal(key.DeletionPolicy, 'Retain');
    assert.deepEqual(props(t.only('AWS::CloudTrail::Trail'))['KMSKeyId'], { 'Fn::GetAtt': [key.id, 'Arn'] });
    const statements = (props(key)['KeyPolicy'] as { Statement: Statement[] }).Statement;
    const ct = statements.filter((s) => JSON.stringify(s['Principal']).includes('cloudtrail.amazonaws.com'));
    assert.ok(ct.length > 0);
    for (const s of ct) assert.equal(flatten(s.Condition?.['StringEquals']?.['aws:SourceArn']), trailArnOf(t));
  }),
  claim('logs-outlive-the-stack', 'The log bucket, its access-log bucket and the key are retained when the stack is deleted.', (t) => {
    for (const b of t.resources('AWS::S3::Bucket')) assert.equal(b.DeletionPolicy, 'Retain', `${b.id} is deleted with the stack`);
    assert.equal(t.only('AWS::KMS::Key').DeletionPolicy, 'Retain');
  }),
  claim('accounts-retained', 'Member accounts are created only with createAccounts, in the Security OU, one after the other, and are retained (never closed) when the stack is deleted.', (t) => {
    const accounts = t.resources('AWS::Organizations::Account');
    assert.equal(accounts.length, t.parameters['createAccounts'] === true ? 2 : 0);
    for (const a of accounts) {
      assert.equal(a.DeletionPolicy, 'Retain');
      assert.equal(a.UpdateReplacePolicy, 'Retain');
      assert.deepEqual(props(a)['ParentIds'], [{ 'Fn::GetAtt': [ou(t, 'Security').id, 'Id'] }]);
    }
    const [first, second] = accounts;
    if (first && second) assert.ok(asList(second.DependsOn).includes(first.id), 'the accounts are created at the same time');
  }),
];
