import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { DestroyOptions } from '../commands/destroy.ts';
import type { CommandContext } from '../context.ts';
import { terminalUi, useRegion } from '../terminal-ui.ts';

/** `oar destroy <id> --env <name>`: confirm, then delete the environment's stack. */
export async function destroy(id: string, opts: DestroyOptions, ctx: CommandContext): Promise<number> {
  const entry = requireEntry(openForReading(ctx), id);
  useRegion(opts.region);
  const { destroyEntry } = await import('../../../generators/destroy/destroy-entry.ts');
  const report = await destroyEntry(
    ctx.root,
    entry,
    { env: opts.env, params: opts.param, yes: Boolean(opts.yes) },
    terminalUi(ctx),
  );
  if (!report) return 1;
  if (opts.json) ctx.io.out(JSON.stringify(report, null, 2));
  return 0;
}
