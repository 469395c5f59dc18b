/** What Astro attaches to the errors it throws (AstroError), as far as a report needs it. */
interface AstroErrorShape {
  readonly message: string;
  readonly name?: string;
  readonly hint?: string;
  readonly frame?: string;
  readonly loc?: { readonly file?: string; readonly line?: number; readonly column?: number };
  readonly stack?: string;
}

/**
 * A failed Astro build as `npm run build` reports it: where, what, the code
 * frame and Astro's hint, as the astro CLI would print them. The stack only
 * with --verbose, since the place in the entry is what a contributor needs.
 */
export function formatBuildError(error: unknown, verbose: boolean): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & AstroErrorShape;
  const where = e.loc?.file
    ? `${e.loc.file}${e.loc.line === undefined ? '' : `:${String(e.loc.line)}:${String(e.loc.column ?? 1)}`}  `
    : '';
  const lines = [`${where}${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`];
  if (e.frame) lines.push(e.frame.trimEnd());
  if (e.hint) lines.push(`Hint: ${e.hint}`);
  if (verbose && e.stack) lines.push(e.stack);
  return lines.join('\n');
}
