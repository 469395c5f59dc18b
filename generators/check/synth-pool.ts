import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SynthRequest } from '../cdk/synth-entry.ts';
import type { WorkerReply } from './synth-worker.ts';

const WORKER = fileURLToPath(new URL('./synth-worker.ts', import.meta.url));

/** How many synth workers to run: one per core, at most one per entry. */
export function defaultJobs(entries: number): number {
  return Math.max(1, Math.min(entries, availableParallelism()));
}

/**
 * Synthesizes every request in `jobs` worker processes, calling `onReply` as
 * each finishes; replies keep the order of `requests`. Synth is CPU-bound, so
 * more workers than cores only adds each worker's start-up cost.
 */
export async function synthAll(
  requests: readonly SynthRequest[],
  jobs: number,
  onReply: (reply: WorkerReply, done: number) => void = () => undefined,
): Promise<WorkerReply[]> {
  const replies = new Map<string, WorkerReply>();
  const queue = [...requests];
  const workers: ChildProcess[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, requests.length) }, async () => {
        // CDK prints its own copy of every finding; oar reports them, so worker output is dropped.
        const worker = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
        workers.push(worker);
        for (let req = queue.shift(); req; req = queue.shift()) {
          const reply = await ask(worker, req);
          replies.set(req.id, reply);
          onReply(reply, replies.size);
        }
      }),
    );
  } finally {
    for (const w of workers) w.kill();
  }
  return requests.map((r) => replies.get(r.id) as WorkerReply);
}

function ask(worker: ChildProcess, req: SynthRequest): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      resolve(reply);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      const why = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      resolve({
        id: req.id,
        error: { code: 'OAR306', message: `the synth worker ${why} while synthesizing ${req.id}` },
      });
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    worker.send(req);
  });
}
