import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { formatBytes, limitFor, MAX_DEPTH } from './limits.ts';

/** A regular file inside an entry folder, safe to read. */
export interface EntryFile {
  /** Path inside the entry folder, with forward slashes. */
  readonly rel: string;
  readonly abs: string;
  readonly size: number;
}

const SKIP_DIRS = new Set(['node_modules', 'cdk.out', '.git']);

/**
 * Lists the files of one entry folder. Symbolic links that leave the folder and
 * files over their size limit are reported and left out, so nothing outside an
 * entry is ever read through it.
 */
export function listEntryFiles(absDir: string, relDir: string): { files: EntryFile[]; diagnostics: Diagnostic[] } {
  const files: EntryFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = realpathSync(absDir);
  const walk = (dir: string, depth: number): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const rel = relative(absDir, abs).split(sep).join('/');
      const shown = `${relDir}/${rel}`;
      let stat = lstatSync(abs);
      if (stat.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(abs);
        } catch {
          diagnostics.push(diag('OAR003', shown, 'symbolic link points to nothing; replace it with the file itself'));
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          diagnostics.push(
            diag(
              'OAR003',
              shown,
              `symbolic link points outside the entry folder (to ${readlinkSync(abs)}); copy the file into the entry instead`,
            ),
          );
          continue;
        }
        stat = statSync(abs);
      }
      if (stat.isDirectory()) {
        if (!SKIP_DIRS.has(name) && depth < MAX_DEPTH) walk(abs, depth + 1);
        continue;
      }
      if (!stat.isFile()) continue;
      const limit = limitFor(rel);
      if (stat.size > limit) {
        diagnostics.push(
          diag(
            'OAR002',
            shown,
            `file is ${formatBytes(stat.size)}, over the ${formatBytes(limit)} limit for this kind of file; split it or move large data out of the entry`,
          ),
        );
        continue;
      }
      files.push({ rel, abs, size: stat.size });
    }
  };
  walk(absDir, 0);
  return { files, diagnostics };
}

const TEST_HARNESS = /(^|\/)(__snapshots__\/|[^/]+\.test\.ts$)/u;

/**
 * True for an entry's tests and their snapshots: they exercise the stack through
 * oar's test helpers, so they are neither shown as the entry's code nor ejected.
 */
export function isTestHarnessFile(rel: string): boolean {
  return TEST_HARNESS.test(rel);
}
