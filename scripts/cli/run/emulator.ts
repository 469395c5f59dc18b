import { spawn } from 'node:child_process';
import { emulatorArgs, emulatorPython, requireMoto } from '../../../generators/emulator/emulator.ts';
import type { EmulatorOptions } from '../commands/emulator.ts';
import type { CommandContext } from '../context.ts';

/** How to point the AWS CLI and oar at the emulator, printed once it answers. */
export function emulatorHint(endpoint: string): string {
  return [
    `Point oar and the AWS CLI at it, in another shell:`,
    `  export AWS_ENDPOINT_URL=${endpoint} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1`,
    `  oar deploy <id> --env try --bootstrap`,
    `  aws cloudformation describe-stack-resources --stack-name oar-<id>--try`,
    `  oar destroy <id> --env try`,
    `Everything lives in memory: stopping the emulator (Ctrl-C) forgets it.`,
  ].join('\n');
}

/** `oar emulator`: runs moto's server with oar's models until it is stopped. */
export async function emulator(opts: EmulatorOptions, ctx: CommandContext): Promise<number> {
  requireMoto();
  const port = Number(opts.port);
  const endpoint = `http://localhost:${String(port)}`;
  const child = spawn(emulatorPython(), emulatorArgs(port), { stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const ready = (async () => {
    for (let i = 0; i < 150 && child.exitCode === null; i++) {
      try {
        if ((await fetch(`${endpoint}/oar-api/types`)).ok) return true;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  })();
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code) => {
      resolve(code ?? 0);
    });
  });
  if (await Promise.race([ready, exited.then(() => false)])) ctx.io.err(emulatorHint(endpoint));
  const code = await exited;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return code;
}
