import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { FileStep } from './plan-sync.ts';

/**
 * Writes a sync's files into the fork's folder: each new file goes to a temporary name beside it
 * and is renamed into place, so a file is never left half written; a deleted file's folders go
 * too when they end up empty (git keeps no empty folders). The tree was clean before, so
 * `git checkout HEAD -- <fork>/` and `git clean -fd -- <fork>/` undo the whole sync.
 */
export function applySync(forkAbs: string, steps: readonly FileStep[]): void {
  for (const step of steps) {
    if (step.write === undefined) continue;
    const abs = join(forkAbs, step.path);
    if (step.write === null) {
      rmSync(abs, { force: true });
      removeEmptyFolders(forkAbs, dirname(abs));
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    const temporary = `${abs}.oar-sync-${String(process.pid)}`;
    writeFileSync(temporary, step.write);
    renameSync(temporary, abs);
  }
}

function removeEmptyFolders(top: string, dir: string): void {
  for (let d = dir; d.startsWith(top + sep) && readdirSync(d).length === 0; d = dirname(d)) rmdirSync(d);
}
