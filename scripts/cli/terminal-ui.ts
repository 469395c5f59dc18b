import { createInterface } from 'node:readline/promises';
import type { DeployUi } from '../../generators/deploy/deploy-entry.ts';
import { OarError } from '../../lib/diagnostics.ts';
import type { CommandContext } from './context.ts';

/** --region as given, or OAR303 when it is not an AWS region name. */
export function checkRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/u.test(region)) {
    throw new OarError(
      'OAR303',
      `--region ${JSON.stringify(region)} is not an AWS region name; write e.g. --region eu-west-1`,
    );
  }
  return region;
}

/** --region overrides the SDK's region chain for this process only. */
export function useRegion(region: string | undefined): void {
  if (region === undefined) return;
  process.env['AWS_REGION'] = checkRegion(region);
}

/** The deploy and destroy stages' terminal: progress on stderr, confirmations from stdin. */
export function terminalUi(ctx: CommandContext): DeployUi {
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
