import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEntries, type EntryCheck } from '../../generators/check/check-entries.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import { runnableCatalogue } from '../helpers/temp-catalogue.ts';

// test/fixtures/claims: tiny-queue (stable, a variant, claims behind its failure modes and a compliance
// constraint) and tiny-fifo (its draft fork, whose change is proven by a claim that must fail on the parent).
const pristine = runnableCatalogue('claims');
const broken = runnableCatalogue('claims');
afterAll(() => {
  pristine.dispose();
  broken.dispose();
});

const edit = (root: string, file: string, from: string, to: string) => {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
};

async function check(root: string): Promise<Map<string, EntryCheck>> {
  const catalogue = openCatalogue(root);
  const report = await checkEntries(root, catalogue.entries, 2, {}, catalogue.byId);
  return new Map(report.entries.map((e) => [e.id, e]));
}

const lines = (e: EntryCheck | undefined) =>
  (e?.diagnostics ?? []).filter((d) => d.code >= 'OAR332' && d.code <= 'OAR334').map(formatDiagnostic);

describe('oar check runs every claim against every configuration', () => {
  it('passes an entry whose claims hold, in the default and each variant, and a fork whose change checks fail on its parent', async () => {
    const checks = await check(pristine.root);
    const queue = checks.get('tiny-queue');
    expect(queue?.status).toBe('passed');
    expect(queue?.variants).toEqual(['default', 'long-retention']);
    expect(queue?.claims?.map((c) => `${c.id} ${c.variant} ${String(c.passed)}`)).toEqual([
      'kept-for-retention default true',
      'poison-to-dlq default true',
      'encrypted-at-rest default true',
      'kept-for-retention long-retention true',
      'poison-to-dlq long-retention true',
      'encrypted-at-rest long-retention true',
    ]);
    expect(checks.get('tiny-fifo')?.status).toBe('passed');
  });

  it('fails a broken claim at the YAML line that relies on it, and a change check that the parent passes too', async () => {
    // The stack no longer keeps the failure mode's promise: no dead-letter queue.
    edit(
      broken.root,
      'architectures/tiny-queue/cdk/stack.ts',
      'deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },',
      'deadLetterQueue: { queue: deadLetters, maxReceiveCount: 9 },',
    );
    // The fork's change check now tests something the parent has as well.
    edit(
      broken.root,
      'architectures/tiny-fifo/cdk/claims.ts',
      "assert.equal(q.Properties?.['FifoQueue'], true, `${q.id} is not FIFO`);",
      "assert.equal(q.Properties?.['SqsManagedSseEnabled'], true, `${q.id} is not encrypted`);",
    );
    // A variant whose parameters the entry refuses is reported, not synthesized, and the rest of the run goes on.
    edit(broken.root, 'architectures/tiny-fifo/architecture.yaml', 'retentionDays: 14', 'retentionDays: 99');
    const checks = await check(broken.root);
    expect(checks.get('tiny-fifo')?.variants).toEqual(['default']);
    expect(
      checks
        .get('tiny-fifo')
        ?.diagnostics.filter((d) => d.code === 'OAR237')
        .map((d) => d.message),
    ).toEqual([
      expect.stringMatching(/^the variant long-retention was not synthesized: .*retentionDays.*; fix its parameters/u),
    ]);
    expect(checks.get('tiny-queue')?.status).toBe('failed');
    expect(lines(checks.get('tiny-queue'))).toEqual([
      'architectures/tiny-queue/architecture.yaml:33:14  OAR332  the claim poison-to-dlq (“A message received five times moves to the dead-letter queue”) does not hold with the default parameters: the work queue has no redrive policy with maxReceiveCount 5; 9 !== 5. Fix the stack so it keeps the claim, or correct the claim and the YAML that relies on it',
      'architectures/tiny-queue/architecture.yaml:33:14  OAR332  the claim poison-to-dlq (“A message received five times moves to the dead-letter queue”) does not hold in the variant long-retention: the work queue has no redrive policy with maxReceiveCount 5; 9 !== 5. Fix the stack so it keeps the claim, or correct the claim and the YAML that relies on it',
    ]);
    expect(lines(checks.get('tiny-fifo'))).toEqual([
      expect.stringMatching(
        /^architectures\/tiny-fifo\/architecture\.yaml:\d+:\d+ {2}OAR333 {2}the change check fifo-queues also passes on tiny-queue's template/u,
      ),
    ]);
  });
});
