import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ForkFile } from './plan-sync.ts';

/**
 * The fork's file at `rel` inside `forkAbs`, or undefined when there is none. A link or other
 * non-file on the way (the file itself or a folder above it) is reported as such, so sync never
 * reads or writes through a link out of the entry.
 */
export function forkFileAt(forkAbs: string, rel: string): ForkFile | undefined {
  const parts = rel.split('/');
  let abs = forkAbs;
  for (const [i, part] of parts.entries()) {
    abs = join(abs, part);
    let stat;
    try {
      stat = lstatSync(abs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const last = i === parts.length - 1;
    if (last ? !stat.isFile() : !stat.isDirectory()) return { regular: false };
  }
  return { regular: true, bytes: readFileSync(abs) };
}

/** The fork's files at every path in `paths`. */
export function forkFilesAt(forkAbs: string, paths: Iterable<string>): Map<string, ForkFile> {
  const out = new Map<string, ForkFile>();
  for (const rel of paths) {
    const file = forkFileAt(forkAbs, rel);
    if (file) out.set(rel, file);
  }
  return out;
}
