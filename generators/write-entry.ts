import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OarError } from '../lib/diagnostics.ts';
import { ENTRIES_DIR } from '../lib/load/read-catalogue.ts';

/** Files of an entry, by path inside its folder. */
export type EntryFiles = ReadonlyMap<string, string | Uint8Array>;

/**
 * Writes a new entry folder all at once: files go to a hidden staging folder that
 * is renamed into place, so a failure never leaves half an entry, and an existing
 * folder is never touched.
 */
export function writeNewEntry(root: string, id: string, files: EntryFiles): string {
  const target = join(root, ENTRIES_DIR, id);
  if (existsSync(target)) {
    throw new OarError(
      'OAR302',
      `${ENTRIES_DIR}/${id} already exists; choose another id, or delete or rename that folder first`,
    );
  }
  const staging = join(root, ENTRIES_DIR, `.staging-${id}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [rel, content] of files) {
      const abs = join(staging, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return `${ENTRIES_DIR}/${id}`;
}
