import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EMULATOR_REPORT_FILE, type EmulatorReport, type EmulatorRun } from '../../lib/report/emulator-report.ts';
import {
  CHECK_REPORT_FILE,
  readCheckReport,
  readEmulatorReport,
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

const verifiedRun: EmulatorRun = {
  id: 'whole',
  version: '1.0.0',
  status: 'verified',
  deployedAt: '2026-11-27T08:00:00.000Z',
  ms: 41_000,
  resources: 12,
  readBacks: 3,
  redeployNoOp: true,
  leftovers: [],
  unemulated: [],
  problems: [],
};
const emulator: EmulatorReport = {
  moto: '5.2.1',
  cdkVersion: '2.276.0',
  entries: [
    verifiedRun,
    { ...verifiedRun, id: 'old', version: '0.9.0' },
    {
      ...verifiedRun,
      id: 'leaky',
      status: 'failed',
      leftovers: ['ec2 NetworkInterface eni-1 (us-east-1, in enis)'],
    },
  ],
};
const withEmulator = { check: report, emulator };
const checkOnly = { check: report, emulator: undefined };

describe('verification status from the last oar check and the emulator suite', () => {
  it('is verified only when the entry passed oar check and the emulator suite verified the same version', () => {
    expect(verificationOf('whole', '1.0.0', withEmulator)).toEqual({
      status: 'verified',
      checkedAt: '2026-11-26',
      cdkVersion: '2.276.0',
      deployedAt: '2026-11-27',
      moto: '5.2.1',
    });
  });

  it('is synth-only, never verified, on the check report alone, and says why', () => {
    expect(verificationOf('whole', '1.0.0', checkOnly)).toMatchObject({
      status: 'synth-only',
      detail: 'the emulator suite has not deployed version 1.0.0',
    });
    expect(verificationOf('partial', '1.0.0', checkOnly)).toMatchObject({
      status: 'synth-only',
      detail: 'the emulator cannot create AWS::CloudFront::Distribution',
    });
  });

  it('is not verified by an emulator run of another version', () => {
    const oldCheck = {
      ...report,
      entries: report.entries.map((e) => (e.id === 'old' ? { ...e, version: '1.0.0' } : e)),
    };
    expect(verificationOf('old', '1.0.0', { check: oldCheck, emulator }).status).toBe('synth-only');
  });

  it('is failing when the emulator suite found a problem, and says which', () => {
    const check = {
      ...report,
      entries: [...report.entries, { ...report.entries[0], id: 'leaky' } as CheckReportData['entries'][number]],
    };
    expect(verificationOf('leaky', '1.0.0', { check, emulator })).toMatchObject({
      status: 'failing',
      detail: 'on the emulator, destroy left ec2 NetworkInterface eni-1 (us-east-1, in enis)',
    });
  });

  it('is failing with the first error and where it is', () => {
    expect(verificationOf('broken', '1.0.0', withEmulator)).toMatchObject({
      status: 'failing',
      detail:
        'architectures/broken/cdk/stack.ts:9:5: AwsSolutions-S1 at oar-broken/Bucket/Resource: The S3 Bucket has server access logs disabled.',
    });
  });

  it('is unchecked without a report, for an entry the report lacks, or for another version', () => {
    expect(verificationOf('whole', '1.0.0', { check: undefined, emulator }).status).toBe('unchecked');
    expect(verificationOf('missing', '1.0.0', withEmulator).status).toBe('unchecked');
    expect(verificationOf('old', '1.1.0', withEmulator)).toMatchObject({
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
    expect(
      verificationOf('sns-sqs-fanout', '1.0.0', { check: readCheckReport(root), emulator: undefined }).status,
    ).toBe('synth-only');
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

describe('reading the emulator report', () => {
  const root = mkdtempSync(join(tmpdir(), 'oar-emulator-report-'));
  mkdirSync(join(root, 'cdk.out'));
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(root, { recursive: true, force: true });
  });
  const write = (value: unknown) => {
    writeFileSync(join(root, EMULATOR_REPORT_FILE), JSON.stringify(value));
  };

  it('reads what the emulator suite writes', () => {
    vi.stubEnv('OAR_EMULATOR_REPORT', undefined);
    write(emulator);
    expect(readEmulatorReport(root)?.entries.map((e) => e.id)).toEqual(['whole', 'old', 'leaky']);
  });

  it('refuses a report whose status claims more than its steps show', () => {
    vi.stubEnv('OAR_EMULATOR_REPORT', undefined);
    for (const run of [
      { ...verifiedRun, leftovers: ['s3 FakeBucket b'] },
      { ...verifiedRun, redeployNoOp: false },
      { ...verifiedRun, readBacks: 0 },
      { ...verifiedRun, problems: ['oar deploy failed'] },
      { ...verifiedRun, unemulated: ['AWS::Foo::Bar'] },
    ]) {
      write({ ...emulator, entries: [run] });
      expect(readEmulatorReport(root), JSON.stringify(run)).toBeUndefined();
    }
    write({ ...emulator, entries: [verifiedRun, verifiedRun] });
    expect(readEmulatorReport(root)).toBeUndefined();
    write({ ...emulator, entries: [{ ...verifiedRun, extra: true }] });
    expect(readEmulatorReport(root)).toBeUndefined();
  });
});
