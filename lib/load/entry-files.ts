import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { decodeName, hasControlChars, showName } from '../control-chars.ts';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { formatBytes, limitFor, MAX_DEPTH, MAX_ENTRY_BYTES, MAX_ENTRY_FILES } from './limits.ts';
import { compareCodePoints } from '../code-point-order.ts';

/** A regular file inside an entry folder, safe to read. */
export interface EntryFile {
  /** Path inside the entry folder, with forward slashes. */
  readonly rel: string;
  readonly abs: string;
  readonly size: number;
}

/** What an entry folder holds: the files that may be read, and what was refused and why. */
export interface EntryListing {
  readonly files: EntryFile[];
  /** Paths inside the entry that exist but were refused (a link, a special file, too large, a bad name). */
  readonly refused: ReadonlySet<string>;
  /** False when a cap stopped the listing, so a file that is not listed may still exist. */
  readonly complete: boolean;
  readonly diagnostics: Diagnostic[];
}

const SKIP_DIRS = new Set(['node_modules', 'cdk.out', '.git']);

/**
 * Lists the files of one entry folder, breadth first, so the entry's own files come before
 * any cap can stop the walk. Only regular files and folders are taken: a symbolic link is
 * refused wherever it points (inside the entry it can loop or repeat files in the site,
 * forks and ejected projects; outside it would read files that are not the entry's), and a
 * FIFO, socket or device is refused from its lstat, never opened (opening a FIFO blocks).
 * Names that are not valid UTF-8 or hold control characters are refused, as are files
 * over their size limit and entries over the caps on files and bytes.
 */
export function listEntryFiles(absDir: string, relDir: string): EntryListing {
  const files: EntryFile[] = [];
  const refused = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  let count = 0;
  let bytes = 0;
  const refuse = (code: 'OAR002' | 'OAR003' | 'OAR008', rel: string, shown: string, message: string) => {
    refused.add(rel);
    diagnostics.push(diag(code, `${relDir}/${shown}`, message));
  };
  const queue = [{ abs: absDir, prefix: '', depth: 0 }];
  for (let dir = queue.shift(); dir; dir = queue.shift()) {
    for (const raw of readdirSync(dir.abs, { encoding: 'buffer' }).sort((a, b) => Buffer.compare(a, b))) {
      count += 1;
      if (count > MAX_ENTRY_FILES) {
        diagnostics.push(
          diag(
            'OAR007',
            relDir,
            `entry holds more than ${MAX_ENTRY_FILES} files and folders; keep only what the entry needs (no build output or data sets)`,
          ),
        );
        return { files, refused, complete: false, diagnostics };
      }
      const name = decodeName(raw);
      if (name === undefined || hasControlChars(name)) {
        const shown = `${dir.prefix}${showName(raw)}`;
        const what = name === undefined ? 'is not valid UTF-8' : 'holds control characters';
        refuse(
          'OAR008',
          name === undefined ? shown : `${dir.prefix}${name}`,
          shown,
          `the name ${what}; rename it with printable UTF-8 characters only`,
        );
        continue;
      }
      const rel = `${dir.prefix}${name}`;
      const abs = join(dir.abs, name);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) {
        refuse(
          'OAR003',
          rel,
          rel,
          `symbolic link to ${JSON.stringify(readlinkSync(abs))}; oar reads no links in an entry (one can leave the folder, loop or repeat files): replace it with the file or folder itself`,
        );
      } else if (stat.isDirectory()) {
        if (!SKIP_DIRS.has(name) && dir.depth < MAX_DEPTH) queue.push({ abs, prefix: `${rel}/`, depth: dir.depth + 1 });
      } else if (!stat.isFile()) {
        refuse('OAR003', rel, rel, `${kindOf(stat)}, not a regular file; remove it from the entry`);
      } else if (stat.size > limitFor(rel)) {
        refuse(
          'OAR002',
          rel,
          rel,
          `file is ${formatBytes(stat.size)}, over the ${formatBytes(limitFor(rel))} limit for this kind of file; split it or move large data out of the entry`,
        );
      } else {
        bytes += stat.size;
        if (bytes > MAX_ENTRY_BYTES) {
          diagnostics.push(
            diag(
              'OAR007',
              relDir,
              `entry files add up to more than ${formatBytes(MAX_ENTRY_BYTES)}; move large data out of the entry`,
            ),
          );
          return { files, refused, complete: false, diagnostics };
        }
        files.push({ rel, abs, size: stat.size });
      }
    }
  }
  return { files: files.sort((a, b) => compareCodePoints(a.rel, b.rel)), refused, complete: true, diagnostics };
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

/** True when `rel` is a path the listing refused, or lies inside a refused folder or link. */
export function wasRefused(listing: Pick<EntryListing, 'refused' | 'complete'>, rel: string): boolean {
  if (!listing.complete) return true;
  for (const r of listing.refused) if (rel === r || rel.startsWith(`${r}/`)) return true;
  return false;
}

const TEST_HARNESS = /(^|\/)(__snapshots__\/|[^/]+\.test\.ts$)/u;

/**
 * True for an entry's tests and their snapshots: they exercise the stack through
 * oar's test helpers, so they are neither shown as the entry's code nor ejected.
 */
export function isTestHarnessFile(rel: string): boolean {
  return TEST_HARNESS.test(rel);
}
