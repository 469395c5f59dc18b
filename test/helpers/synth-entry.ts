import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import { parseParamArgs, resolveParameters } from '../../generators/cdk/parameters.ts';
import { stackNameOf } from '../../generators/cdk/stack-name.ts';
import { synthEntry, type SynthResult } from '../../generators/cdk/synth-entry.ts';

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
  const result = await synthEntry({
    root,
    id,
    version: entry.meta.version,
    title: entry.meta.title,
    dir: entry.dir,
    parameters: resolveParameters(id, entry.meta.parameters ?? [], parseParamArgs(params)),
    outdir: mkdtempSync(join(tmpdir(), `oar-synth-${id}-`)),
    stackName: stackNameOf(id),
    cfnValidation: false,
  });
  return { result, template: Template.fromJSON(result.template) };
}

/** The cdk-nag findings that were neither fixed nor acknowledged, as readable lines. */
export function nagErrors(result: SynthResult): string[] {
  return result.findings
    .filter((f) => f.source === 'cdk-nag' && f.severity === 'error')
    .map((f) => `${f.rule} at ${f.where}: ${f.message}`);
}
