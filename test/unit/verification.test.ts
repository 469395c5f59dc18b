import { describe, expect, it } from 'vitest';
import { verificationOf, type CheckReportData } from '../../lib/resolve/verification.ts';

const report: CheckReportData = {
  checkedAt: '2026-11-26T07:00:00.000Z',
  cdkVersion: '2.276.0',
  entries: [
    { id: 'whole', version: '1.0.0', status: 'passed', unemulated: [], findings: [] },
    { id: 'partial', version: '1.0.0', status: 'passed', unemulated: ['AWS::CloudFront::Distribution'], findings: [] },
    {
      id: 'broken',
      version: '1.0.0',
      status: 'failed',
      findings: [
        { severity: 'warning', source: 'cfn-lint', message: 'a warning' },
        { severity: 'error', source: 'cdk-nag', message: 'The S3 Bucket has server access logs disabled.' },
      ],
    },
    { id: 'old', version: '1.0.0', status: 'passed', unemulated: [], findings: [] },
  ],
};

describe('verification status from the last oar check', () => {
  it('is verified when the entry passed and deploys whole to the emulator', () => {
    expect(verificationOf('whole', '1.0.0', report)).toEqual({
      status: 'verified',
      checkedAt: '2026-11-26',
      cdkVersion: '2.276.0',
    });
  });

  it('is synth-only when the emulator cannot create some of it, and says which types', () => {
    expect(verificationOf('partial', '1.0.0', report)).toMatchObject({
      status: 'synth-only',
      detail: 'the emulator cannot create AWS::CloudFront::Distribution',
    });
  });

  it('is failing with the first error', () => {
    expect(verificationOf('broken', '1.0.0', report)).toMatchObject({
      status: 'failing',
      detail: 'The S3 Bucket has server access logs disabled.',
    });
  });

  it('is unchecked without a report, for an entry the report lacks, or for another version', () => {
    expect(verificationOf('whole', '1.0.0', undefined).status).toBe('unchecked');
    expect(verificationOf('missing', '1.0.0', report).status).toBe('unchecked');
    expect(verificationOf('old', '1.1.0', report)).toMatchObject({
      status: 'unchecked',
      detail: 'the last check ran on version 1.0.0, not 1.1.0',
    });
  });
});
