import { spawnSync } from 'node:child_process';

// Build logs of thousands of pages overflow spawnSync's 1 MB default and would kill the build.
const MAX_BUFFER = 512 * 1024 * 1024;

/** Runs a command to completion and reports its wall-clock time; output is kept only to explain a failure. */
export function timed(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): { ok: boolean; ms: number; tail: string } {
  const t0 = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  const ms = performance.now() - t0;
  const tail = `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`
    .trim()
    .split('\n')
    .slice(-30)
    .join('\n');
  return { ok: r.status === 0, ms, tail };
}
