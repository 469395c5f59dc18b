import { escapeControls } from '../../lib/control-chars.ts';

/**
 * A plain-text table with columns padded to their widest cell; the last column is not padded.
 * Cells come from entries, so each stays on its row: a newline in a title shows as `\n`.
 */
export function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const rows = body.map((r) => r.map(escapeControls));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
