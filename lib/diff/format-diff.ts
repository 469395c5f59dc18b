import type { Change } from './entry-diff.ts';

/** A change list for the terminal: `+` added, `-` removed, `~` changed, one per line. */
export function formatChanges(changes: readonly Change[]): string {
  return changes
    .map((c) => {
      if (c.kind === 'added') return `+ ${c.path}: ${showValue(c.after)}`;
      if (c.kind === 'removed') return `- ${c.path}: ${showValue(c.before)}`;
      return `~ ${c.path}: ${showValue(c.before)} -> ${showValue(c.after)}`;
    })
    .join('\n');
}

/** A value on one line, as JSON, cut at 100 characters. */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 100 ? JSON.stringify(`${value.slice(0, 97)}...`) : JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
