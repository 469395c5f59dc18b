/**
 * The child process that runs hostile cases for test/integration/hostile-corpus.test.ts.
 * It takes case names over IPC, one at a time, and answers each with what `oar`
 * printed and returned. A case that hangs is killed with this process by the parent,
 * which then starts a new one for the rest: a hang fails its case, not the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../scripts/cli/main.ts';
import type { Io } from '../../scripts/cli/context.ts';
import { materialize, readCase } from './case.ts';

/** What one case did. */
export interface CaseRun {
  readonly name: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** How long oar took, without making the case's files. */
  readonly ms: number;
  /** The catalogue's temporary folder, which the output may name; the test replaces it with <root>. */
  readonly root: string;
}

process.on('message', (name: string) => {
  void run(name).then((result) => process.send?.(result));
});

async function run(name: string): Promise<CaseRun> {
  const c = readCase(name);
  const root = mkdtempSync(join(tmpdir(), 'oar-hostile-'));
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root, interactive: false };
  let started = performance.now();
  let code: number;
  try {
    materialize(c, root);
    // Making 20,000 files takes a while on a busy machine; the watchdog times oar alone.
    process.send?.({ running: name });
    started = performance.now();
    code = await runCli(['--root', root, ...(c.run ?? ['validate'])], io);
  } catch (error) {
    // Only the harness itself can throw here: runCli turns every error into an exit code.
    err.push(`harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    code = -1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { name, code, stdout: out.join('\n'), stderr: err.join('\n'), ms: performance.now() - started, root };
}
