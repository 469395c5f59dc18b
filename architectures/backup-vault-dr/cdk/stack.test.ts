import { expect, test } from 'vitest';
import { checkConfigurations, expectClaimsHold, synthConfigs } from '../../../test/helpers/synth-entry.ts';

const ID = 'backup-vault-dr';
// Every parameter changed.
const WIDE = [
  'selectionTagKey=backup',
  'selectionTagValue=gold',
  'dailyRetentionDays=60',
  'monthlyRetentionDays=730',
  'lockMode=governance',
  'lockMinRetentionDays=14',
  'lockMaxRetentionDays=1000',
  'airGappedMinRetentionDays=14',
  'airGappedRetentionDays=60',
  'drRegion=eu-west-1',
  'drVaultName=dr-vault',
  'crossAccountVaultArn=arn:aws:backup:eu-central-1:444455556666:backup-vault:central',
  'restoreTestResourceTypes=RDS,EFS,S3',
  'restoreValidationHours=6',
  'alertEmail=backup@example.org',
];
const runs = await synthConfigs(ID, {
  wide: WIDE,
  lockTooShort: ['lockMinRetentionDays=60', 'dailyRetentionDays=35'],
  lockTooLong: ['lockMaxRetentionDays=100', 'monthlyRetentionDays=365'],
  airGappedTooShort: ['airGappedMinRetentionDays=30', 'airGappedRetentionDays=14'],
});
const wide = runs.ok('wide');

checkConfigurations(ID, { wide });

test('every claim holds with the wide parameters', async () => {
  await expectClaimsHold(ID, 'wide', wide, WIDE, 9);
});

test('a Vault Lock that would refuse the plan is refused', () => {
  expect(runs.error('lockTooShort')).toMatch(/lockMinRetentionDays <= dailyRetentionDays/u);
  expect(runs.error('lockTooLong')).toMatch(/monthlyRetentionDays <= lockMaxRetentionDays/u);
});

test('air-gapped copies kept shorter than the vault minimum are refused', () => {
  expect(runs.error('airGappedTooShort')).toMatch(/airGappedRetentionDays must be at least airGappedMinRetentionDays/u);
});
