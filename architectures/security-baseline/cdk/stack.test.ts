import { expect, test } from 'vitest';
import { checkConfigurations, expectClaimsHold, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { packTemplate } from './compliance.ts';

const ID = 'security-baseline';
// Every parameter changed.
const WIDE = [
  'securityHubStandards=nist,pci',
  'guardDutyRuntimeMonitoring=false',
  'minGuardDutySeverity=4',
  'maxAccessKeyAgeDays=45',
  'excludedAccountIds=111122223333,444455556666',
  'configRetentionDays=2555',
  'alertEmail=security@example.org',
];
const runs = await synthConfigs(ID, { wide: WIDE });
const wide = runs.ok('wide');

checkConfigurations(ID, { wide });

test('every claim holds with the wide parameters', async () => {
  await expectClaimsHold(ID, 'wide', wide, WIDE, 7);
});

test('the conformance pack template is valid YAML of AWS managed rules', () => {
  const body = packTemplate(90);
  expect(body.startsWith('Resources:\n')).toBe(true);
  expect(body.match(/Type: AWS::Config::ConfigRule/gu)).toHaveLength(10);
  expect(body).toContain("maxAccessKeyAge: '90'");
  expect(body).not.toMatch(/\t/u);
});
