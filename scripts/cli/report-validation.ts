import { diag, hasErrors, OarError, sortDiagnostics, type Diagnostic } from '../../lib/diagnostics.ts';
import { ENTRIES_DIR, loadCatalogue } from '../../lib/load/read-catalogue.ts';
import { withTrackedOutputs } from '../../lib/load/tracked-outputs.ts';
import { formatDiagnostics, summarize } from '../../lib/report/format-diagnostics.ts';
import type { CheckedEntry } from '../../lib/validate/rule.ts';
import { validateCatalogue } from '../../lib/validate/validate-catalogue.ts';
import type { ValidateOptions } from './commands/validate.ts';
import type { CommandContext } from './context.ts';

/**
 * `oar validate [ids...]`, and the last step of `oar new` and `oar fork`: every problem at once,
 * as file:line:col CODE message; 1 when any is an error.
 */
export async function reportValidation(
  ids: readonly string[],
  opts: ValidateOptions,
  ctx: CommandContext,
): Promise<number> {
  const loaded = withTrackedOutputs(loadCatalogue(ctx.root));
  const result = validateCatalogue(loaded);
  // Files the cheap type check already rejected are not drawn again: one error per problem.
  const rejected = new Set(
    result.diagnostics.filter((d) => d.code === 'OAR209' || d.code === 'OAR229').map((d) => d.file),
  );
  const all = opts.diagrams
    ? [...result.diagnostics, ...(await drawDiagrams(result.entries, rejected))]
    : result.diagnostics;
  const folders = new Set(loaded.entries.map((e) => e.folder));
  const unknown = ids.filter((id) => !folders.has(id));
  if (unknown.length > 0) {
    throw new OarError(
      'OAR301',
      `no entry folder for ${unknown.map((id) => JSON.stringify(id)).join(', ')} in architectures/; run oar list to see the ids`,
    );
  }
  const inScope = (file: string) =>
    ids.length === 0 || ids.some((id) => file === `architectures/${id}` || file.startsWith(`architectures/${id}/`));
  const diagnostics = sortDiagnostics(all.filter((d) => inScope(d.file) || d.file === ENTRIES_DIR));
  const entryCount = ids.length === 0 ? loaded.entries.length : ids.length;
  if (opts.json) {
    ctx.io.out(JSON.stringify({ ok: !hasErrors(diagnostics), entries: entryCount, diagnostics }, null, 2));
  } else {
    if (diagnostics.length > 0) ctx.io.out(formatDiagnostics(diagnostics));
    ctx.io.out(summarize(diagnostics, entryCount));
  }
  return hasErrors(diagnostics) ? 1 : 0;
}

/** Draws every listed diagram (the full mermaid parser needs a browser); syntax errors come back as OAR209. */
async function drawDiagrams(entries: readonly CheckedEntry[], skip: ReadonlySet<string>): Promise<Diagnostic[]> {
  const { renderDiagrams } = await import('../../lib/render/diagrams.ts');
  const items = entries.flatMap((e) =>
    e.meta.diagrams.flatMap((d) => {
      const source = e.loaded.diagrams.get(d.file);
      return source && !skip.has(source.file) ? [{ file: source.file, source: source.text }] : [];
    }),
  );
  const renders = await renderDiagrams(items);
  if (renders.browser) return [...renders.diagnostics];
  return [
    diag(
      'OAR218',
      ENTRIES_DIR,
      'no browser could start, so diagrams were only checked for a known type; install Chromium or set OAR_CHROMIUM',
      {
        severity: 'warning',
      },
    ),
  ];
}
