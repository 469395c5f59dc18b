import {
  BackupClient,
  DescribeBackupVaultCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetRestoreTestingPlanCommand,
  ListRestoreTestingSelectionsCommand,
} from '@aws-sdk/client-backup';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const DAILY_DAYS = 35;
const MONTHLY_DAYS = 365;
const LOCK_MIN_DAYS = 7;
const LOCK_MAX_DAYS = 3650;
const AIR_GAPPED_DAYS = 35;
const TAG = { key: 'backup-plan', value: 'daily' };

const out = (stack: DeployedStack, name: string): string => stack.outputs[name] ?? '';

export default [
  readBack(
    'The primary vault is locked with a 7-day minimum and a 3,650-day maximum retention, and encrypted with the stack key',
    async (stack) => {
      const backup = new BackupClient(stack.aws);
      const vault = await backup.send(
        new DescribeBackupVaultCommand({ BackupVaultName: out(stack, 'PrimaryVaultName') }),
      );
      expect(vault.BackupVaultArn).toBe(out(stack, 'PrimaryVaultArn'));
      expect(vault.Locked).toBe(true);
      expect(vault.MinRetentionDays).toBe(LOCK_MIN_DAYS);
      expect(vault.MaxRetentionDays).toBe(LOCK_MAX_DAYS);
      expect(vault.LockDate).toBeDefined();
      expect(vault.EncryptionKeyArn).toBe(out(stack, 'VaultKeyArn'));
    },
    'vault-lock-compliance-mode',
  ),
  readBack(
    'The air-gapped vault is a logically air-gapped vault, locked from creation with a 7 to 35-day retention',
    async (stack) => {
      const backup = new BackupClient(stack.aws);
      const vault = await backup.send(
        new DescribeBackupVaultCommand({ BackupVaultName: out(stack, 'AirGappedVaultName') }),
      );
      expect(vault.BackupVaultArn).toBe(out(stack, 'AirGappedVaultArn'));
      expect(vault.VaultType).toBe('LOGICALLY_AIR_GAPPED_BACKUP_VAULT');
      expect(vault.Locked).toBe(true);
      expect(vault.MinRetentionDays).toBe(7);
      expect(vault.MaxRetentionDays).toBe(AIR_GAPPED_DAYS);
    },
    'copies-to-the-air-gapped-vault',
  ),
  readBack(
    'The daily rule keeps points 35 days and copies each to the air-gapped vault and to the DR-Region vault; the monthly rule keeps points a year',
    async (stack) => {
      const backup = new BackupClient(stack.aws);
      const { BackupPlan } = await backup.send(new GetBackupPlanCommand({ BackupPlanId: out(stack, 'BackupPlanId') }));
      const daily = BackupPlan?.Rules?.find((r) => r.RuleName === 'daily');
      const monthly = BackupPlan?.Rules?.find((r) => r.RuleName === 'monthly');
      expect(daily?.TargetBackupVaultName).toBe(out(stack, 'PrimaryVaultName'));
      expect(daily?.Lifecycle?.DeleteAfterDays).toBe(DAILY_DAYS);
      expect(monthly?.Lifecycle?.DeleteAfterDays).toBe(MONTHLY_DAYS);
      expect(daily?.CopyActions?.map((c) => c.DestinationBackupVaultArn).sort()).toEqual(
        [out(stack, 'AirGappedVaultArn'), out(stack, 'CrossRegionVaultArn')].sort(),
      );
      expect(out(stack, 'CrossRegionVaultArn')).toMatch(/^arn:aws:backup:us-west-2:\d{12}:backup-vault:backup-dr$/u);
    },
    'copies-to-another-region',
  ),
  readBack(
    'The selection backs up every resource tagged backup-plan=daily through the stack backup role',
    async (stack) => {
      const backup = new BackupClient(stack.aws);
      const { BackupSelection } = await backup.send(
        new GetBackupSelectionCommand({
          BackupPlanId: out(stack, 'BackupPlanId'),
          SelectionId: out(stack, 'BackupSelectionId'),
        }),
      );
      expect(BackupSelection?.IamRoleArn).toBe(out(stack, 'BackupRoleArn'));
      expect(BackupSelection?.Resources).toEqual(['*']);
      expect(BackupSelection?.Conditions?.StringEquals).toEqual([
        { ConditionKey: `aws:ResourceTag/${TAG.key}`, ConditionValue: TAG.value },
      ]);
    },
    'selection-by-tag',
  ),
  readBack(
    'The restore testing plan restores the latest recovery point of the primary vault every Saturday, for DynamoDB and EBS resources with the backup tag',
    async (stack) => {
      const backup = new BackupClient(stack.aws);
      const name = out(stack, 'RestoreTestingPlanName');
      const { RestoreTestingPlan } = await backup.send(
        new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: name }),
      );
      expect(RestoreTestingPlan?.ScheduleExpression).toBe('cron(0 8 ? * SAT *)');
      expect(RestoreTestingPlan?.RecoveryPointSelection?.Algorithm).toBe('LATEST_WITHIN_WINDOW');
      expect(RestoreTestingPlan?.RecoveryPointSelection?.IncludeVaults).toEqual([out(stack, 'PrimaryVaultArn')]);
      const { RestoreTestingSelections } = await backup.send(
        new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName: name }),
      );
      expect(RestoreTestingSelections?.map((s) => s.ProtectedResourceType).sort()).toEqual(['DynamoDB', 'EBS']);
      for (const s of RestoreTestingSelections ?? []) expect(s.ValidationWindowHours).toBe(2);
    },
    'restore-tests-every-week',
  ),
  readBack(
    'Failed, aborted or expired backup, copy and restore jobs go to the alert topic, and alarms on the failed-job metrics notify it',
    async (stack) => {
      const events = new EventBridgeClient(stack.aws);
      const rule = await events.send(new DescribeRuleCommand({ Name: out(stack, 'FailedJobsRuleName') }));
      const pattern = JSON.parse(rule.EventPattern ?? '{}') as { source: string[]; detail: { state: string[] } };
      expect(rule.State).toBe('ENABLED');
      expect(pattern.source).toEqual(['aws.backup']);
      expect([...pattern.detail.state].sort()).toEqual(['ABORTED', 'EXPIRED', 'FAILED']);
      const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: out(stack, 'FailedJobsRuleName') }));
      expect(Targets?.map((t) => t.Arn)).toEqual([out(stack, 'AlertTopicArn')]);
      const cloudwatch = new CloudWatchClient(stack.aws);
      const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({}));
      const backupAlarms = (MetricAlarms ?? []).filter((a) => a.Namespace === 'AWS/Backup');
      expect(backupAlarms.map((a) => a.MetricName).sort()).toEqual([
        'NumberOfBackupJobsFailed',
        'NumberOfCopyJobsFailed',
        'NumberOfRestoreJobsFailed',
      ]);
      for (const a of backupAlarms) expect(a.AlarmActions).toEqual([out(stack, 'AlertTopicArn')]);
    },
    'failed-jobs-alert',
  ),
];
