import { hasErrors, OarError, sortDiagnostics } from '../../../lib/diagnostics.ts';
import { loadCatalogue } from '../../../lib/load/read-catalogue.ts';
import { formatDiagnostics, summarize } from '../../../lib/report/format-diagnostics.ts';
import { validateCatalogue } from '../../../lib/validate/validate-catalogue.ts';
import type { CommandContext } from '../context.ts';

/** `oar validate [ids...]`: every problem at once, as file:line:col CODE message; 1 when any is an error. */
export async function validate(ids: readonly string[], opts: { json?: true }, ctx: CommandContext): Promise<number> {
  const loaded = loadCatalogue(ctx.root);
  const result = validateCatalogue(loaded);
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
  const diagnostics = sortDiagnostics(result.diagnostics.filter((d) => inScope(d.file)));
  const entryCount = ids.length === 0 ? loaded.entries.length : ids.length;
  if (opts.json) {
    ctx.io.out(JSON.stringify({ ok: !hasErrors(diagnostics), entries: entryCount, diagnostics }, null, 2));
  } else {
    if (diagnostics.length > 0) ctx.io.out(formatDiagnostics(diagnostics));
    ctx.io.out(summarize(diagnostics, entryCount));
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
