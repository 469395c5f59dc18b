import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OarError } from '../../lib/diagnostics.ts';
import type { SynthRequest, SynthResult } from './synth-entry.ts';
import type { WorkerReply } from './synth-worker.ts';
import { workerEnv } from './worker-env.ts';

const WORKER = fileURLToPath(new URL('./synth-worker.ts', import.meta.url));

/** How many synth workers to run: one per core, at most one per entry. */
export function defaultJobs(entries: number): number {
  return Math.max(1, Math.min(entries, availableParallelism()));
}

/**
 * Synthesizes every request in `jobs` worker processes, calling `onReply` as
 * each finishes; replies keep the order of `requests`. Synth is CPU-bound, so
 * more workers than cores only adds each worker's start-up cost. Entry code runs
 * only in these workers, with a scrubbed environment (worker-env.ts): `oar check`,
 * `synth`, `deploy`, `destroy` and `propose` all synthesize here.
 */
export async function synthAll(
  requests: readonly SynthRequest[],
  jobs: number,
  onReply: (reply: WorkerReply, done: number) => void = () => undefined,
): Promise<WorkerReply[]> {
  const replies = new Map<string, WorkerReply>();
  const queue = [...requests];
  const workers: ChildProcess[] = [];
  const home = mkdtempSync(join(tmpdir(), 'oar-synth-home-'));
  const env = workerEnv(process.env, home);
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, requests.length) }, async () => {
        // CDK prints its own copy of every finding, and oar reports them, so worker output is not shown:
        // entry code writes there too, escape sequences included. The last line of stderr explains a crash.
        const worker = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [], env });
        workers.push(worker);
        let stderr = '';
        worker.stderr?.on('data', (chunk: Buffer) => {
          stderr = (stderr + chunk.toString('utf8')).slice(-2000);
        });
        for (let req = queue.shift(); req; req = queue.shift()) {
          const reply = await ask(worker, req, () => stderr);
          replies.set(req.id, reply);
          onReply(reply, replies.size);
        }
      }),
    );
  } finally {
    for (const w of workers) w.kill();
    rmSync(home, { recursive: true, force: true });
  }
  return requests.map((r) => replies.get(r.id) as WorkerReply);
}

/**
 * Synthesizes one request in a worker, for `oar synth`, `deploy` and `destroy`.
 * Where the assembly is and what the stack is called come from the request, not
 * from the worker, which runs the entry's code and so may say anything.
 */
export async function synthOne(req: SynthRequest): Promise<SynthResult> {
  const [reply] = await synthAll([req], 1);
  if (!reply || !('ok' in reply)) {
    // synthEntry throws only these two; anything else the worker claims is its own failure.
    throw new OarError(reply?.error.code === 'OAR305' ? 'OAR305' : 'OAR306', reply?.error.message ?? req.id);
  }
  return { ...reply.ok, id: req.id, stackName: req.stackName, outdir: req.outdir };
}

/** The last line a dead worker wrote to stderr, as printable text. */
function lastLine(stderr: string): string {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  return line.replace(/\p{Cc}/gu, '?').slice(0, 300);
}

function ask(worker: ChildProcess, req: SynthRequest, stderr: () => string): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      resolve(reply);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      const why = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      const last = lastLine(stderr());
      resolve({
        id: req.id,
        error: {
          code: 'OAR306',
          message: `the synth worker ${why} while synthesizing ${req.id}${last ? ` (its last words: ${last})` : ''}`,
        },
      });
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('close', onExit);
    };
    worker.on('message', onMessage);
    // 'close', not 'exit': it comes after the worker's stderr is read to the end.
    worker.on('close', onExit);
    worker.send(req);
  });
}
