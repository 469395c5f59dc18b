import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
/** What a folder name must look like to be an entry id (the schema's entryId pattern). */
export const FOLDER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The `load` stage: reads every folder under `<root>/architectures/`.
 * Never throws on bad content; problems become diagnostics.
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
  const listing = readdirSync(base, { withFileTypes: true }).filter((d) => !d.name.startsWith('.'));
  for (const link of listing.filter((d) => d.isSymbolicLink())) {
    diagnostics.push(
      diag(
        'OAR003',
        `${ENTRIES_DIR}/${link.name}`,
        'entry folder is a symbolic link; move the real folder into architectures/',
      ),
    );
  }
  const folders = listing
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const entries: LoadedEntry[] = [];
  for (const folder of folders) {
    const dir = `${ENTRIES_DIR}/${folder}`;
    if (!FOLDER_ID.test(folder)) {
      diagnostics.push(
        diag(
          'OAR006',
          dir,
          `folder name ${JSON.stringify(folder)} is not a valid entry id; rename it to lowercase letters and digits joined by hyphens`,
        ),
      );
    }
    const loaded = readEntry(join(base, folder), dir, folder);
    entries.push(loaded.entry);
    diagnostics.push(...loaded.diagnostics);
  }
  if (folders.length === 0) {
    diagnostics.push(diag('OAR005', ENTRIES_DIR, `${ENTRIES_DIR}/ holds no entry; add one with \`oar new <id>\``));
  }
  return { root: absRoot, entries, diagnostics };
}
