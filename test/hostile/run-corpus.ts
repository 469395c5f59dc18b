import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CaseRun } from './run-cases.ts';

const RUNNER = fileURLToPath(new URL('./run-cases.ts', import.meta.url));

/** A case that did not answer within the watchdog's time: its process was killed. */
export interface Hung {
  readonly name: string;
  readonly hung: true;
  readonly ms: number;
}

/**
 * Runs every named case in `workers` child processes, one case at a time each. A case
 * that takes longer than `watchdogMs` is recorded as hung, its process killed and
 * replaced, and the rest go on.
 */
export async function runCorpus(
  names: readonly string[],
  { workers = 2, watchdogMs = 20_000 } = {},
): Promise<Map<string, CaseRun | Hung>> {
  const results = new Map<string, CaseRun | Hung>();
  const queue = [...names];
  const lane = async (): Promise<void> => {
    let child: ChildProcess | undefined;
    try {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        child ??= fork(RUNNER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
        const answer = await ask(child, name, watchdogMs);
        results.set(name, answer);
        if ('hung' in answer) {
          child.kill('SIGKILL');
          child = undefined;
        }
      }
    } finally {
      child?.kill();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, lane));
  return results;
}

function ask(child: ChildProcess, name: string, watchdogMs: number): Promise<CaseRun | Hung> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (value: CaseRun | Hung) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(value);
    };
    const onMessage = (message: CaseRun | { running: string }) => {
      if ('running' in message) {
        clearTimeout(timer);
        timer = setTimeout(hang, watchdogMs);
      } else done(message);
    };
    // A crash of the whole process (a native abort, out of memory) counts as hanging: no answer came.
    const onExit = () => {
      done({ name, hung: true, ms: performance.now() - started });
    };
    const hang = () => {
      done({ name, hung: true, ms: performance.now() - started });
    };
    let timer = setTimeout(hang, watchdogMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(name);
  });
}
