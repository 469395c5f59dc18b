import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeName, hasControlChars, showName } from '../control-chars.ts';
import { entryIdProblem } from '../entry-id.ts';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { readEntry, type LoadedEntry } from './read-entry.ts';

/** The catalogue as read from disk: entries in folder order, plus every problem met while reading. */
export interface LoadResult {
  /** Absolute path of the catalogue root (the folder holding architectures/). */
  readonly root: string;
  readonly entries: readonly LoadedEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

export const ENTRIES_DIR = 'architectures';

/**
 * The `load` stage: reads every folder under `<root>/architectures/`.
 * Never throws on bad content; problems become diagnostics, and an entry that
 * cannot be read at all is reported as such while the others are still read.
 */
export function loadCatalogue(root: string): LoadResult {
  const absRoot = resolve(root);
  const base = join(absRoot, ENTRIES_DIR);
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(base) || !statSync(base).isDirectory()) {
    diagnostics.push(
      diag(
        'OAR005',
        ENTRIES_DIR,
        `no ${ENTRIES_DIR}/ folder in the catalogue root; run oar inside a registry clone, or pass --root <dir>`,
      ),
    );
    return { root: absRoot, entries: [], diagnostics };
  }
  const folders: string[] = [];
  for (const d of readdirSync(base, { withFileTypes: true, encoding: 'buffer' })) {
    const name = decodeName(d.name);
    if (name?.startsWith('.')) continue;
    if (!d.isDirectory() && !d.isSymbolicLink()) continue;
    if (name === undefined || hasControlChars(name)) {
      diagnostics.push(
        diag(
          'OAR008',
          `${ENTRIES_DIR}/${showName(d.name)}`,
          `entry folder name ${name === undefined ? 'is not valid UTF-8' : 'holds control characters'}; rename it to the entry id`,
        ),
      );
    } else if (d.isSymbolicLink()) {
      diagnostics.push(
        diag(
          'OAR003',
          `${ENTRIES_DIR}/${name}`,
          'entry folder is a symbolic link; move the real folder into architectures/',
        ),
      );
    } else folders.push(name);
  }
  folders.sort();
  const entries: LoadedEntry[] = [];
  for (const folder of folders) {
    const dir = `${ENTRIES_DIR}/${folder}`;
    const problem = entryIdProblem(folder);
    if (problem)
      diagnostics.push(diag('OAR006', dir, `folder name ${problem.replace(/; /u, '; rename the folder: ')}`));
    try {
      const loaded = readEntry(join(base, folder), dir, folder);
      entries.push(loaded.entry);
      diagnostics.push(...loaded.diagnostics);
    } catch (error) {
      // A bug or an odd file system must cost this entry only, not list, search or the build for all.
      // The entry stays, empty, so it is still counted and references to it are not called dangling.
      entries.push({
        folder,
        dir,
        diagrams: new Map(),
        files: new Set(),
        images: new Map(),
        refused: new Set(),
        complete: false,
      });
      const why = error instanceof Error ? error.message : String(error);
      diagnostics.push(
        diag(
          'OAR900',
          dir,
          `this entry could not be read (${why}); the other entries were read. Please report this as a bug in oar`,
        ),
      );
    }
  }
  if (folders.length === 0) {
    diagnostics.push(diag('OAR005', ENTRIES_DIR, `${ENTRIES_DIR}/ holds no entry; add one with \`oar new <id>\``));
  }
  return { root: absRoot, entries, diagnostics };
}
