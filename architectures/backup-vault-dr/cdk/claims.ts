// What architecture.yaml promises about the backups, checked against the default template and each variant.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, propsOf as props, type Json, type Resource } from '../../../generators/check/claims/template-queries.ts';

const vault = (t: ClaimContext): Resource & { id: string } => t.only('AWS::Backup::BackupVault');
const airGapped = (t: ClaimContext): Resource & { id: string } => t.only('AWS::Backup::LogicallyAirGappedBackupVault');
const planDoc = (t: ClaimContext): Json => props(t.only('AWS::Backup::BackupPlan'))['BackupPlan'] as Json;
const rule = (t: ClaimContext, name: string): Json => {
  const found = asList(planDoc(t)['BackupPlanRule']).find((r) => (r as Json)['RuleName'] === name) as Json | undefined;
  assert.ok(found, `the plan has no ${name} rule`);
  return found;
};
const copiesOf = (r: Json): Json[] => asList(r['CopyActions'] ?? []) as Json[];
const denyStatement = (r: Resource): Json | undefined =>
  ((props(r)['AccessPolicy'] as { Statement: Json[] } | undefined)?.Statement ?? []).find((s) => s['Effect'] === 'Deny');

export default [
  claim('vault-lock-compliance-mode', 'With lockMode compliance, the primary vault has a Vault Lock with a 3-day grace time (then compliance mode) and the lockMinRetentionDays and lockMaxRetentionDays minimum and maximum; with governance, a lock without grace time.', (t) => {
    const lock = props(vault(t))['LockConfiguration'] as Json;
    assert.equal(lock['MinRetentionDays'], t.parameters['lockMinRetentionDays']);
    assert.equal(lock['MaxRetentionDays'], t.parameters['lockMaxRetentionDays']);
    assert.equal(lock['ChangeableForDays'], t.parameters['lockMode'] === 'compliance' ? 3 : undefined);
    for (const r of asList(planDoc(t)['BackupPlanRule']) as Json[]) {
      const days = Number((r['Lifecycle'] as Json)['DeleteAfterDays']);
      assert.ok(days >= Number(lock['MinRetentionDays']) && days <= Number(lock['MaxRetentionDays']), `rule ${String(r['RuleName'])} keeps points outside the lock's range`);
    }
  }),
  claim('recovery-points-cannot-be-deleted', "Both vaults' access policies deny deleting recovery points, shortening their lifecycle, removing the lock or deleting the vault, to every principal.", (t) => {
    for (const v of [vault(t), airGapped(t)]) {
      const deny = denyStatement(v);
      assert.ok(deny, `${v.id} has no deny statement`);
      assert.deepEqual(deny['Principal'], { AWS: '*' }, 'the deny spares someone');
      assert.equal(deny['Condition'], undefined, 'the deny has a condition');
      for (const a of ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:DeleteBackupVaultLockConfiguration', 'backup:DeleteBackupVault']) {
        assert.ok(asList(deny['Action']).includes(a), `${a} is not denied on ${v.id}`);
      }
    }
  }),
  claim('copies-to-the-air-gapped-vault', 'Every daily recovery point is copied to the logically air-gapped vault of this stack, whose minimum retention the copy respects.', (t) => {
    const lag = airGapped(t);
    const copy = copiesOf(rule(t, 'daily')).find((c) => JSON.stringify(c['DestinationBackupVaultArn']) === JSON.stringify({ 'Fn::GetAtt': [lag.id, 'BackupVaultArn'] }));
    assert.ok(copy, 'no copy goes to the air-gapped vault');
    const days = Number((copy['Lifecycle'] as Json)['DeleteAfterDays']);
    assert.ok(days >= Number(props(lag)['MinRetentionDays']) && days <= Number(props(lag)['MaxRetentionDays']));
  }),
  claim('copies-to-another-region', 'Every daily recovery point is also copied to a vault in drRegion (or crossRegionVaultArn), and to crossAccountVaultArn when given.', (t) => {
    const destinations = copiesOf(rule(t, 'daily')).map((c) => flatten(c['DestinationBackupVaultArn']));
    const dr = String(t.parameters['crossRegionVaultArn']) || `:backup:${String(t.parameters['drRegion'])}:`;
    assert.ok(destinations.some((d) => d.includes(dr)), 'no copy goes to the DR Region');
    if (t.parameters['crossAccountVaultArn'] !== '') assert.ok(destinations.includes(String(t.parameters['crossAccountVaultArn'])), 'no copy goes to the other account');
  }),
  claim('monthly-points-kept-longer', 'A monthly rule keeps a recovery point for monthlyRetentionDays, besides the daily ones kept dailyRetentionDays.', (t) => {
    assert.equal((rule(t, 'daily')['Lifecycle'] as Json)['DeleteAfterDays'], t.parameters['dailyRetentionDays']);
    assert.equal((rule(t, 'monthly')['Lifecycle'] as Json)['DeleteAfterDays'], t.parameters['monthlyRetentionDays']);
    assert.equal(rule(t, 'monthly')['ScheduleExpression'], 'cron(0 6 1 * ? *)');
  }),
  claim('selection-by-tag', 'The plan selects every resource that carries the selection tag with its value, and only those, through a role AWS Backup of this account alone can assume.', (t) => {
    const selection = props(t.only('AWS::Backup::BackupSelection'))['BackupSelection'] as Json;
    assert.deepEqual(selection['Resources'], ['*']);
    assert.deepEqual(selection['Conditions'], {
      StringEquals: [{ ConditionKey: `aws:ResourceTag/${String(t.parameters['selectionTagKey'])}`, ConditionValue: t.parameters['selectionTagValue'] }],
    });
    assert.equal(selection['ListOfTags'], undefined);
    const role = t.resources('AWS::IAM::Role').find((r) => JSON.stringify(selection['IamRoleArn']) === JSON.stringify({ 'Fn::GetAtt': [r.id, 'Arn'] }));
    assert.ok(role, 'the selection does not use a role of this stack');
    const trust = (props(role)['AssumeRolePolicyDocument'] as { Statement: Json[] }).Statement;
    assert.deepEqual(trust.map((s) => [s['Principal'], s['Condition']]), [[{ Service: 'backup.amazonaws.com' }, { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }]]);
  }),
  claim('restore-tests-every-week', 'A restore testing plan restores the latest recovery point of each of restoreTestResourceTypes from the primary vault every week, selected by the same tag, and keeps it restoreValidationHours.', (t) => {
    const plan = props(t.only('AWS::Backup::RestoreTestingPlan'));
    assert.equal(plan['ScheduleExpression'], 'cron(0 8 ? * SAT *)');
    const selection = plan['RecoveryPointSelection'] as Json;
    assert.equal(selection['Algorithm'], 'LATEST_WITHIN_WINDOW');
    assert.deepEqual(selection['IncludeVaults'], [{ 'Fn::GetAtt': [vault(t).id, 'BackupVaultArn'] }]);
    const types = String(t.parameters['restoreTestResourceTypes']).split(',');
    const selections = t.resources('AWS::Backup::RestoreTestingSelection').map(props);
    assert.deepEqual(selections.map((s) => s['ProtectedResourceType']).sort(), [...types].sort());
    for (const s of selections) {
      assert.equal(s['RestoreTestingPlanName'], plan['RestoreTestingPlanName']);
      assert.equal(s['ValidationWindowHours'], t.parameters['restoreValidationHours']);
      assert.deepEqual(s['ProtectedResourceConditions'], { StringEquals: [{ Key: `aws:ResourceTag/${String(t.parameters['selectionTagKey'])}`, Value: t.parameters['selectionTagValue'] }] });
    }
  }),
  claim('failed-jobs-alert', 'Every backup, copy or restore job that fails, aborts or expires is sent to the alert topic by an EventBridge rule, and alarms on the failed-job metrics notify the same topic.', (t) => {
    const topic = t.only('AWS::SNS::Topic');
    const ref = JSON.stringify({ Ref: topic.id });
    const rule = props(t.only('AWS::Events::Rule'));
    const pattern = rule['EventPattern'] as Json;
    assert.deepEqual(pattern['source'], ['aws.backup']);
    assert.deepEqual((pattern['detail-type'] as string[]).sort(), ['Backup Job State Change', 'Copy Job State Change', 'Restore Job State Change']);
    assert.deepEqual(((pattern['detail'] as Json)['state'] as string[]).sort(), ['ABORTED', 'EXPIRED', 'FAILED']);
    assert.ok(asList(rule['Targets']).some((x) => JSON.stringify((x as Json)['Arn']) === ref), 'the rule does not target the topic');
    const alarms = t.resources('AWS::CloudWatch::Alarm').map(props);
    assert.deepEqual(alarms.map((a) => a['MetricName']).sort(), ['NumberOfBackupJobsFailed', 'NumberOfCopyJobsFailed', 'NumberOfRestoreJobsFailed']);
    for (const a of alarms) {
      assert.equal(a['Threshold'], 0);
      assert.equal(a['ComparisonOperator'], 'GreaterThanThreshold');
      assert.ok(asList(a['AlarmActions']).some((x) => JSON.stringify(x) === ref));
    }
  }),
  claim('vaults-outlive-the-stack', 'Both vaults and the vault key are retained when the stack is deleted, so deleting the stack never deletes a recovery point.', (t) => {
    for (const v of [vault(t), airGapped(t)]) assert.equal(v.DeletionPolicy, 'Retain');
    const key = t.resources('AWS::KMS::Key').find((k) => JSON.stringify(props(vault(t))['EncryptionKeyArn']) === JSON.stringify({ 'Fn::GetAtt': [k.id, 'Arn'] }));
    assert.ok(key && key.DeletionPolicy === 'Retain', 'the vault key is deleted with the stack');
  }),
];
