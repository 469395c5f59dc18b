import { Template } from 'aws-cdk-lib/assertions';
import { expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import {
  ACKNOWLEDGEMENTS_SNAPSHOT,
  TEMPLATE_SNAPSHOT,
  toShownAcknowledgements,
} from '../../lib/load/entry-snapshots.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import { synthRequestFor } from '../../generators/synth/request.ts';
import { synthEntry, type SynthResult } from '../../generators/synth/synth-entry.ts';

/** The repository root, which holds the real catalogue. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Synthesizes a real catalogue entry with cdk-nag, as `oar synth` does, for an
 * entry's own assertions test. `params` are `name=value` strings like --param.
 */
export async function synthForTest(
  id: string,
  params: readonly string[] = [],
  root: string = REPO_ROOT,
): Promise<{ result: SynthResult; template: Template }> {
  const entry = openCatalogue(root).byId.get(id);
  if (!entry) throw new Error(`no valid entry ${id} under ${root}; run oar validate`);
  // A temporary cloud assembly, so tests never overwrite the cdk.out/ a developer is looking at.
  const result = await synthEntry({
    ...synthRequestFor(root, entry, params, { cfnValidation: false }),
    outdir: mkdtempSync(join(tmpdir(), `oar-synth-${id}-`)),
  });
  return { result, template: Template.fromJSON(result.template) };
}

/** The cdk-nag findings that were neither fixed nor acknowledged, as readable lines. */
export function nagErrors(result: SynthResult): string[] {
  return result.findings.filter((d) => d.code === 'OAR308' && d.severity === 'error').map(formatDiagnostic);
}

/**
 * Registers the snapshot tests every entry has: its template with default
 * parameters, and the findings its code acknowledges with their reasons. The
 * site offers the first as a download and shows the second on the entry page.
 */
export function snapshotTests(result: SynthResult): void {
  const dir = join(REPO_ROOT, 'architectures', result.id);
  test('the template matches the snapshot', async () => {
    await expect(JSON.stringify(result.template, null, 2) + '\n').toMatchFileSnapshot(join(dir, TEMPLATE_SNAPSHOT));
  });
  test('the acknowledged findings match the snapshot', async () => {
    const shown = toShownAcknowledgements(result.stackName, result.acknowledged);
    await expect(JSON.stringify(shown, null, 2) + '\n').toMatchFileSnapshot(join(dir, ACKNOWLEDGEMENTS_SNAPSHOT));
  });
}
