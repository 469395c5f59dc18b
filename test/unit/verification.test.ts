import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  CHECK_REPORT_FILE,
  readCheckReport,
  verificationOf,
  type CheckReportData,
} from '../../lib/resolve/verification.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const report: CheckReportData = {
  checkedAt: '2026-11-26T07:00:00.000Z',
  cdkVersion: '2.276.0',
  entries: [
    { id: 'whole', version: '1.0.0', status: 'passed', unemulated: [], diagnostics: [] },
    {
      id: 'partial',
      version: '1.0.0',
      status: 'passed',
      unemulated: ['AWS::CloudFront::Distribution'],
      diagnostics: [],
    },
    {
      id: 'broken',
      version: '1.0.0',
      status: 'failed',
      diagnostics: [
        { severity: 'warning', file: 'architectures/broken/cdk/stack.ts', message: 'W1 at Stack/Queue: a warning' },
        {
          severity: 'error',
          file: 'architectures/broken/cdk/stack.ts',
          line: 9,
          col: 5,
          message: 'AwsSolutions-S1 at oar-broken/Bucket/Resource: The S3 Bucket has server access logs disabled.',
        },
      ],
    },
    { id: 'old', version: '1.0.0', status: 'passed', unemulated: [], diagnostics: [] },
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

  it('is failing with the first error and where it is', () => {
    expect(verificationOf('broken', '1.0.0', report)).toMatchObject({
      status: 'failing',
      detail:
        'architectures/broken/cdk/stack.ts:9:5: AwsSolutions-S1 at oar-broken/Bucket/Resource: The S3 Bucket has server access logs disabled.',
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

describe('reading the check report', () => {
  const root = mkdtempSync(join(tmpdir(), 'oar-verification-'));
  mkdirSync(join(root, 'cdk.out'));
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(root, { recursive: true, force: true });
  });
  const real = readFileSync(fixture('reports/check-report.json'), 'utf8');
  const write = (text: string) => {
    writeFileSync(join(root, CHECK_REPORT_FILE), text);
  };

  it('reads what oar check writes, from cdk.out/ or from OAR_CHECK_REPORT', () => {
    vi.stubEnv('OAR_CHECK_REPORT', undefined);
    write(real);
    expect(verificationOf('sns-sqs-fanout', '1.0.0', readCheckReport(root)).status).toBe('synth-only');
    vi.stubEnv('OAR_CHECK_REPORT', join(root, 'elsewhere.json'));
    expect(readCheckReport(root)).toBeUndefined();
    vi.stubEnv('OAR_CHECK_REPORT', fixture('reports/check-report.json'));
    expect(readCheckReport(root)?.entries).toHaveLength(2);
  });

  it('ignores a report that fails the strict check, as a hand-made one would', () => {
    vi.stubEnv('OAR_CHECK_REPORT', undefined);
    const report = JSON.parse(real) as { entries: { verified?: boolean; status: string; diagnostics: unknown[] }[] };
    write(JSON.stringify({ checkedAt: '2026-01-01T00:00:00Z', entries: [{ id: 'sns-sqs-fanout', status: 'passed' }] }));
    expect(readCheckReport(root)).toBeUndefined();
    report.entries[0] = { ...report.entries[0], status: 'passed', diagnostics: [{ severity: 'error' }] };
    write(JSON.stringify(report));
    expect(readCheckReport(root)).toBeUndefined();
    write('{"half": ');
    expect(readCheckReport(root)).toBeUndefined();
  });
});
