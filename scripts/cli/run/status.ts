import { listStacks } from '../../../generators/status/list-stacks.ts';
import { parseFailOn, requireNoneAtOrAbove, stackStatuses } from '../../../generators/status/stack-status.ts';
import { openForReading } from '../catalogue-access.ts';
import type { StatusOptions } from '../commands/status.ts';
import type { CommandContext } from '../context.ts';
import { statusJson, statusText } from '../status-report.ts';
import { checkRegion } from '../terminal-ui.ts';

/**
 * `oar status`: the stacks in the account and region whose tags name a catalogue entry, each with
 * the advisories that apply to its deployed version; 1 (OAR341) when one is at or above --fail-on.
 * It reads CloudFormation only, and never loads the CDK.
 */
export async function status(opts: StatusOptions, ctx: CommandContext): Promise<number> {
  const failOn = parseFailOn(opts.failOn);
  const region = opts.region === undefined ? undefined : checkRegion(opts.region);
  const listed = await listStacks({ region, profile: opts.profile });
  const stacks = stackStatuses(listed.stacks, openForReading(ctx).byId);
  const report = { region: listed.region, failOn, stacks };
  ctx.io.out(opts.json ? JSON.stringify(statusJson(report), null, 2) : statusText(report));
  if (failOn !== undefined) requireNoneAtOrAbove(stacks, failOn);
  return 0;
}
