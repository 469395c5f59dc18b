import { escapeControls } from '../control-chars.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.ts';

/**
 * One diagnostic as `file:line:col  CODE  message` (a warning says so), always on one
 * line: a newline or escape in a file name or a quoted value is shown as `\n` or `\x1b`,
 * so an entry cannot forge diagnostic lines in a terminal or a CI log.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = escapeControls(locationOf(d));
  const level = d.severity === 'warning' ? 'warning ' : '';
  return `${where}  ${d.code}  ${level}${escapeControls(d.message)}`;
}

/** Where a diagnostic points: `file:line:col`, or the file alone when it has no line. */
export function locationOf(d: Pick<Diagnostic, 'file' | 'line' | 'col'>): string {
  return d.line === undefined ? d.file : `${d.file}:${d.line}:${d.col ?? 1}`;
}

/** Every diagnostic, sorted, one per line. */
export function formatDiagnostics(list: readonly Diagnostic[]): string {
  return sortDiagnostics(list).map(formatDiagnostic).join('\n');
}

/** The closing line of a validation: counts of entries, errors and warnings. */
export function summarize(list: readonly Diagnostic[], entryCount: number): string {
  const errors = list.filter((d) => d.severity === 'error');
  const warnings = list.length - errors.length;
  const entries = `${entryCount} entr${entryCount === 1 ? 'y' : 'ies'}`;
  const w = `${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (!hasErrors(list)) return `ok: ${entries} valid, ${w}`;
  if (entryCount === 0) return `failed: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${w}`;
  const files = new Set(errors.map((d) => d.file.split('/').slice(0, 2).join('/'))).size;
  return `failed: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${files} of ${entries}, ${w}`;
}
