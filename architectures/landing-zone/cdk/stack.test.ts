import { expect, test } from 'vitest';
import { checkConfigurations, expectClaimsHold, synthConfigs } from '../../../test/helpers/synth-entry.ts';

const ID = 'landing-zone';
// Every parameter changed: an existing organization, existing accounts, other Regions, another role and retention.
const WIDE = [
  'organizationRootId=r-ab12',
  'logArchiveAccountId=111122223333',
  'auditAccountId=444455556666',
  'allowedRegions=eu-central-1,eu-west-1',
  'breakGlassRoleName=OrgBreakGlass',
  'logRetentionDays=2555',
];
const runs = await synthConfigs(ID, {
  wide: WIDE,
  idsAndCreate: ['createAccounts=true', 'logArchiveAccountId=111122223333', 'logArchiveEmail=a@example.org', 'auditEmail=b@example.org'],
  createWithoutEmail: ['createAccounts=true', 'logArchiveEmail=a@example.org'],
});
const wide = runs.ok('wide');

checkConfigurations(ID, { wide });

test('every claim holds with the wide parameters', async () => {
  await expectClaimsHold(ID, 'wide', wide, WIDE, 14);
});

test('creating accounts and naming existing ones is refused', () => {
  expect(runs.error('idsAndCreate')).toMatch(/leave logArchiveAccountId and auditAccountId empty/u);
});

test('creating accounts without a root email for each is refused', () => {
  expect(runs.error('createWithoutEmail')).toMatch(/needs logArchiveEmail and auditEmail/u);
});
