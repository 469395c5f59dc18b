import { createInterface } from 'node:readline/promises';
import type { DeployUi } from '../../../generators/deploy/deploy-entry.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { CommandContext } from '../context.ts';

interface DeployFlags {
  env: string;
  param: string[];
  region?: string;
  yes?: true;
  bootstrap?: true;
  executionPolicy: string[];
  method: 'change-set' | 'direct';
  smokeTests: boolean;
  json?: true;
}

/** `oar deploy <id> --env <name>`: synth, diff, confirm, deploy, outputs, smoke tests; 1 when a smoke test fails. */
export async function deploy(id: string, opts: DeployFlags, ctx: CommandContext): Promise<number> {
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

/** `oar destroy <id> --env <name>`: confirm, then delete the environment's stack. */
export async function destroy(
  id: string,
  opts: { env: string; param: string[]; region?: string; yes?: true; json?: true },
  ctx: CommandContext,
): Promise<number> {
  const entry = requireEntry(openForReading(ctx), id);
  useRegion(opts.region);
  const { destroyEntry } = await import('../../../generators/deploy/destroy-entry.ts');
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

/** --region overrides the SDK's region chain for this process only. */
function useRegion(region: string | undefined): void {
  if (region === undefined) return;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/u.test(region)) {
    throw new OarError(
      'OAR303',
      `--region ${JSON.stringify(region)} is not an AWS region name; write e.g. --region eu-west-1`,
    );
  }
  process.env['AWS_REGION'] = region;
}

function terminalUi(ctx: CommandContext): DeployUi {
  return {
    print: (line) => {
      ctx.io.err(line);
    },
    interactive: ctx.io.interactive,
    verbose: ctx.verbose,
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/iu.test((await rl.question(`${question} [y/N] `)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
