import { runCli } from '../../scripts/cli/main.ts';
import type { Io } from '../../scripts/cli/context.ts';

/** What one in-process `oar` run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `oar` in this process with captured output, as a user at `cwd` would. */
export async function runOar(argv: readonly string[], cwd = process.cwd()): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, interactive: false };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
