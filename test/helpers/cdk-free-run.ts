import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** What one `oar` run in a fresh process printed, how it exited, and which CDK modules it imported. */
export interface CdkFreeRun {
  readonly code: number;
  readonly loaded: readonly string[];
  readonly out: string;
}

/**
 * Runs `oar` with `argv` in a fresh Node process at the repository root, recording every import of
 * aws-cdk-lib, constructs or @aws-cdk: for commands that read committed snapshots and must never load the CDK.
 */
export function runOarRecordingCdk(argv: readonly string[]): CdkFreeRun {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = [];
    registerHooks({ resolve(specifier, context, next) {
      if (/^(aws-cdk-lib|constructs|@aws-cdk)/.test(specifier)) loaded.push(specifier);
      return next(specifier, context);
    } });
    const { runCli } = await import('./scripts/cli/main.ts');
    const out = [];
    const io = { out: (t) => out.push(t), err: (t) => out.push(t), cwd: process.cwd(), interactive: false };
    const code = await runCli(${JSON.stringify(argv)}, io);
    console.log(JSON.stringify({ code, loaded, out: out.join('\\n') }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' });
  return JSON.parse(r.stdout) as CdkFreeRun;
}
