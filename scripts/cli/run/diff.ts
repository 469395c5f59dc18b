import { diffMetadata, IDENTITY_FIELDS } from '../../../lib/diff/entry-diff.ts';
import { formatChanges } from '../../../lib/diff/format-diff.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { DiffOptions } from '../commands/diff.ts';
import type { CommandContext } from '../context.ts';

/** `oar diff <a> <b>`: metadata differences from a to b, e.g. parent to fork. */
export async function diff(a: string, b: string, opts: DiffOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openForReading(ctx);
  const left = requireEntry(catalogue, a);
  const right = requireEntry(catalogue, b);
  const changes = diffMetadata(left.meta, right.meta, opts.all ? new Set() : IDENTITY_FIELDS);
  if (opts.json) {
    ctx.io.out(JSON.stringify({ from: a, to: b, changes }, null, 2));
    return 0;
  }
  const relation =
    right.meta.forkedFrom?.id === a
      ? `${b} is a fork of ${a} ${right.meta.forkedFrom.version}: ${right.meta.forkedFrom.reason}`
      : left.meta.forkedFrom?.id === b
        ? `${a} is a fork of ${b} ${left.meta.forkedFrom.version}: ${left.meta.forkedFrom.reason}`
        : undefined;
  ctx.io.out(`--- ${a} ${left.meta.version}\n+++ ${b} ${right.meta.version}`);
  if (relation) ctx.io.out(relation);
  ctx.io.out(changes.length === 0 ? 'no differences in metadata' : formatChanges(changes));
  ctx.io.out(`${changes.length} change${changes.length === 1 ? '' : 's'}`);
  return 0;
}
