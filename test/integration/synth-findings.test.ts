import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthEntry, type SynthRequest } from '../../generators/synth/synth-entry.ts';
import { OarError } from '../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

// Stacks with problems at known lines: test/fixtures/synth-findings/architectures/<id>/cdk/.
const root = fixture('synth-findings');
const out = mkdtempSync(join(tmpdir(), 'oar-synth-findings-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

const request = (id: string): SynthRequest => ({
  root,
  id,
  version: '1.0.0',
  title: id,
  dir: `architectures/${id}`,
  parameters: {},
  outdir: join(out, id),
  stackName: `oar-${id}`,
});

describe('synth points at the line of the entry code', () => {
  it('a stack that throws: OAR306 at the file, line and column of the throw, from its stack trace', async () => {
    const error = await synthEntry(request('throws-at-line')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OarError);
    const oar = error as OarError;
    expect(oar.code).toBe('OAR306');
    expect(oar.message).toBe(
      'architectures/throws-at-line/cdk/stack.ts:9:13: the stack failed to synthesize: the VPC needs at least two subnets',
    );
    expect(oar.diagnostics).toEqual([
      {
        code: 'OAR306',
        severity: 'error',
        file: 'architectures/throws-at-line/cdk/stack.ts',
        line: 9,
        col: 13,
        message: 'the stack failed to synthesize: the VPC needs at least two subnets',
      },
    ]);
  });

  it('cdk-nag (OAR308) and CloudFormation validation (OAR309) findings: the line that makes the construct, in whichever file', async () => {
    const result = await synthEntry(request('nag-findings'));
    const lines = result.findings.map(formatDiagnostic).sort();
    expect(lines).toEqual([
      'architectures/nag-findings/cdk/queue.ts:6:3  OAR308  AwsSolutions-SQS3 at oar-nag-findings/Queue: The SQS queue is not used as a dead-letter queue (DLQ) and does not have a DLQ enabled.',
      'architectures/nag-findings/cdk/queue.ts:6:3  OAR308  AwsSolutions-SQS4 at oar-nag-findings/Queue: The SQS queue does not require requests to use SSL.',
      'architectures/nag-findings/cdk/queue.ts:6:3  OAR309  F3034 at oar-nag-findings/Queue: VisibilityTimeout: 99999 is greater than the maximum of 43200',
      'architectures/nag-findings/cdk/stack.ts:10:5  OAR308  AwsSolutions-S1 at oar-nag-findings/Bucket/Resource: The S3 Bucket has server access logs disabled.',
    ]);
    expect(result.findings.every((d) => d.severity === 'error')).toBe(true);
    expect(result.findings.find((d) => d.code === 'OAR309')?.path).toBe('oar-nag-findings/Queue');
    // Every resource's logical id maps to its construct path, for findings that name only the id (cfn-lint).
    expect(result.sites.pathById['Queue']).toBe('oar-nag-findings/Queue');
  });
});
