import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OarError } from '../../lib/diagnostics.ts';
import type { SynthRequest, SynthResult } from './synth-entry.ts';
import type { ReplyTo, SynthReply, WorkerReply, WorkerRequest } from './synth-worker.ts';
import { workerEnv } from './worker-env.ts';

const WORKER = fileURLToPath(new URL('./synth-worker.ts', import.meta.url));

/** How many synth workers to run: one per core, at most one per entry. */
export function defaultJobs(entries: number): number {
  return Math.max(1, Math.min(entries, availableParallelism()));
}

/** How long one entry may take to synthesize before its worker is stopped (OAR_SYNTH_TIMEOUT, in seconds). */
export function synthTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env['OAR_SYNTH_TIMEOUT'] ?? 300);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000;
}

/**
 * Synthesizes every request in `jobs` worker processes, calling `onReply` as
 * each finishes; replies keep the order of `requests`. Synth is CPU-bound, so
 * more workers than cores only adds each worker's start-up cost. Entry code runs
 * only in these workers, with a scrubbed environment (worker-env.ts): `oar check`,
 * `synth`, `deploy`, `destroy` and `propose` all synthesize here. A worker that
 * dies or passes the time limit fails its entry and is replaced for the next.
 */
export async function synthAll(
  requests: readonly SynthRequest[],
  jobs: number,
  onReply: (reply: SynthReply, done: number) => void = () => undefined,
): Promise<SynthReply[]> {
  const pool = openSynthPool(Math.min(jobs, requests.length));
  try {
    return await pool.run(requests, onReply);
  } finally {
    pool.close();
  }
}

/** Synth workers kept between runs, for a process that synthesizes again and again (the test suite's service). */
export interface SynthPool {
  /** As synthAll, on this pool's workers; runs may overlap, and share the workers. */
  run<R extends WorkerRequest>(
    requests: readonly R[],
    onReply?: (reply: ReplyTo<R>, done: number) => void,
  ): Promise<ReplyTo<R>[]>;
  /** Stops every worker and removes their home folder. */
  close(): void;
}

/** A pool of at most `jobs` synth workers, started as requests need them. */
export function openSynthPool(jobs: number): SynthPool {
  const home = mkdtempSync(join(tmpdir(), 'oar-synth-home-'));
  const env = workerEnv(process.env, home);
  const timeoutMs = synthTimeoutMs();
  const all = new Set<Worker>();
  const idle: Worker[] = [];
  const waiting: ((worker: Worker | undefined) => void)[] = [];
  const acquire = async (): Promise<Worker> => {
    const ready = idle.pop();
    if (ready) return ready;
    if (all.size < Math.max(1, jobs)) return track(startWorker(env));
    // A released worker, or none when it died, so a new one may start in its place.
    return (await new Promise<Worker | undefined>((wake) => waiting.push(wake))) ?? acquire();
  };
  const track = (worker: Worker) => {
    all.add(worker);
    return worker;
  };
  const release = (worker: Worker) => {
    const alive = worker.child.connected;
    if (!alive) all.delete(worker);
    const next = waiting.shift();
    if (next) next(alive ? worker : undefined);
    else if (alive) idle.push(worker);
  };
  return {
    async run<R extends WorkerRequest>(
      requests: readonly R[],
      onReply: (reply: ReplyTo<R>, done: number) => void = () => undefined,
    ) {
      // By position, not id: a test may synthesize one entry with several sets of parameters.
      const replies: ReplyTo<R>[] = [];
      let done = 0;
      await Promise.all(
        requests.map(async (req, at) => {
          const worker = await acquire();
          try {
            replies[at] = (await ask(worker, req, timeoutMs)) as ReplyTo<R>;
          } finally {
            release(worker);
          }
          onReply(replies[at], ++done);
        }),
      );
      return replies;
    },
    close() {
      for (const w of all) w.child.kill();
      all.clear();
      idle.length = 0;
      rmSync(home, { recursive: true, force: true });
    },
  };
}

interface Worker {
  readonly child: ChildProcess;
  /** The end of what it wrote to stderr. */
  stderr: string;
}

function startWorker(env: Record<string, string>): Worker {
  // CDK prints its own copy of every finding, and oar reports them, so worker output is not shown:
  // entry code writes there too, escape sequences included. The last line of stderr explains a crash.
  const child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [], env });
  const worker: Worker = { child, stderr: '' };
  child.stderr?.on('data', (chunk: Buffer) => {
    worker.stderr = (worker.stderr + chunk.toString('utf8')).slice(-2000);
  });
  return worker;
}

/** Synthesizes requests on workers that are already running, as the test suite's shared pool does. */
export type LentSynth = (requests: readonly SynthRequest[]) => Promise<SynthReply[]>;

let lent: LentSynth | undefined;

/**
 * Makes synthOne use `pool` until the returned function is called: a process that deploys entry after entry
 * (the emulator suite) then pays for loading aws-cdk-lib once per worker, not once per deploy. The workers are
 * the same scrubbed synth workers. Returns the function that takes the loan back.
 */
export function lendSynthPool(pool: LentSynth): () => void {
  lent = pool;
  return () => {
    if (lent === pool) lent = undefined;
  };
}

/**
 * Synthesizes one request in a worker, for `oar synth`, `deploy` and `destroy`.
 * Where the assembly is and what the stack is called come from the request, not
 * from the worker, which runs the entry's code and so may say anything.
 */
export async function synthOne(req: SynthRequest): Promise<SynthResult> {
  const [reply] = lent ? await lent([req]) : await synthAll([req], 1);
  if (!reply || !('ok' in reply)) {
    // synthEntry throws only these two; anything else the worker claims is its own failure.
    const code = reply?.error.code === 'OAR305' ? 'OAR305' : 'OAR306';
    const d = reply?.error.diagnostic;
    throw new OarError(code, reply?.error.message ?? req.id, d?.code === code ? [d] : []);
  }
  return { ...reply.ok, id: req.id, stackName: req.stackName, outdir: req.outdir };
}

/** The last line a dead worker wrote to stderr, as printable text. */
function lastLine(stderr: string): string {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  return line.replace(/\p{Cc}/gu, '?').slice(0, 300);
}

function ask(worker: Worker, req: WorkerRequest, timeoutMs: number): Promise<WorkerReply> {
  const { child } = worker;
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      resolve(reply);
    };
    const onClose = (code: number | null, signal: string | null) => {
      cleanup();
      const last = lastLine(worker.stderr);
      const why = timedOut
        ? `did not finish in ${timeoutMs / 1000} s (an endless loop in the stack?), so its synth worker was stopped`
        : `stopped its synth worker, which ${signal ? `was killed by ${signal}` : `exited with code ${String(code)}`}`;
      const message = `${'kind' in req ? 'checking the claims of' : 'synthesizing'} ${req.id} ${why}${last ? ` (its last words: ${last})` : ''}`;
      resolve(
        'kind' in req
          ? { id: req.id, claims: { declared: [], results: [], problem: message } }
          : { id: req.id, error: { code: 'OAR306', message } },
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('close', onClose);
    };
    child.on('message', onMessage);
    // 'close', not 'exit': it comes after the worker's stderr is read to the end.
    child.on('close', onClose);
    child.send(req);
  });
}
