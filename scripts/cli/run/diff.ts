import { comparableEntry } from '../../../lib/diff/comparable-entry.ts';
import { compareEntries } from '../../../lib/diff/compare.ts';
import { diffMetadata, IDENTITY_FIELDS } from '../../../lib/diff/entry-diff.ts';
import { formatComparison } from '../../../lib/diff/format-compare.ts';
import { formatTemplateView } from '../../../lib/diff/format-template.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { DiffOptions } from '../commands/diff.ts';
import type { CommandContext } from '../context.ts';

/** `oar diff <a> <b>`: how b differs from a, e.g. a fork from its parent; templates from their committed snapshots, never a synth. */
export async function diff(a: string, b: string, opts: DiffOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openForReading(ctx);
  const left = requireEntry(catalogue, a);
  const right = requireEntry(catalogue, b);
  const comparison = compareEntries(comparableEntry(ctx.root, left), comparableEntry(ctx.root, right), {
    all: opts.all === true,
  });
  if (opts.json) {
    // `changes` is the flat list earlier versions printed; scripts written against it keep working.
    const changes = diffMetadata(left.meta, right.meta, opts.all ? new Set() : IDENTITY_FIELDS);
    ctx.io.out(JSON.stringify({ from: a, to: b, changes, comparison }, null, 2));
    return 0;
  }
  ctx.io.out(opts.template ? formatTemplateView(comparison) : formatComparison(comparison));
  return 0;
}
