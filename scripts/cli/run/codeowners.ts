import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CODEOWNERS_FILE, renderCodeowners } from '../../../generators/contribute/codeowners.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { hasErrors } from '../../../lib/diagnostics.ts';
import { formatDiagnostics, summarize } from '../../../lib/report/format-diagnostics.ts';
import type { CodeownersOptions } from '../commands/codeowners.ts';
import type { CommandContext } from '../context.ts';

/** `oar codeowners [--check]`: writes .github/CODEOWNERS from entry authors, or says whether it is up to date. */
export function codeowners(opts: CodeownersOptions, ctx: CommandContext): number {
  const catalogue = openCatalogue(ctx.root);
  // Owners of a partly valid catalogue would drop the broken entries' authors: refuse instead.
  if (hasErrors(catalogue.diagnostics)) {
    ctx.io.err(formatDiagnostics(catalogue.diagnostics));
    ctx.io.err(summarize(catalogue.diagnostics, catalogue.entries.length));
    ctx.io.err(`${CODEOWNERS_FILE} was not ${opts.check ? 'checked' : 'written'}; fix the errors above first`);
    return 1;
  }
  const text = renderCodeowners(catalogue.entries);
  const file = join(ctx.root, CODEOWNERS_FILE);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (opts.check) {
    if (current === text) {
      ctx.io.out(`${CODEOWNERS_FILE} is up to date (${catalogue.entries.length} entries)`);
      return 0;
    }
    ctx.io.err(
      `${CODEOWNERS_FILE} is ${current === undefined ? 'missing' : 'out of date'}; run \`npx oar codeowners\` and commit the result`,
    );
    return 1;
  }
  if (current === text) {
    ctx.io.out(`${CODEOWNERS_FILE} is already up to date`);
    return 0;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  ctx.io.out(`wrote ${CODEOWNERS_FILE} (${catalogue.entries.length} entries)`);
  return 0;
}
