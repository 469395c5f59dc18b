import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { DeployOptions } from '../commands/deploy.ts';
import type { CommandContext } from '../context.ts';
import { terminalUi, useRegion } from '../terminal-ui.ts';

/** `oar deploy <id> --env <name>`: synth, diff, confirm, deploy, outputs, smoke tests; 1 when a smoke test fails. */
export async function deploy(id: string, opts: DeployOptions, ctx: CommandContext): Promise<number> {
  const entry = requireEntry(openForReading(ctx), id);
  useRegion(opts.region);
  const { deployEntry } = await import('../../../generators/deploy/deploy-entry.ts');
  const report = await deployEntry(
    ctx.root,
    entry,
    {
      env: opts.env,
      params: opts.param,
      yes: Boolean(opts.yes),
      bootstrap: Boolean(opts.bootstrap),
      executionPolicies: opts.executionPolicy,
      method: opts.method,
      smokeTests: opts.smokeTests,
    },
    terminalUi(ctx),
  );
  if (!report) return 1;
  if (opts.json) ctx.io.out(JSON.stringify(report, null, 2));
  const { requireSmokePassed } = await import('../../../generators/deploy/smoke-tests.ts');
  requireSmokePassed(report.stackName, report.smoke);
  return 0;
}
