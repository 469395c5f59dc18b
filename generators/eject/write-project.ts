import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OarError } from '../../lib/diagnostics.ts';
import type { EntryFiles } from '../write-entry.ts';

/**
 * Writes an ejected project into `out`. An empty or missing folder is filled
 * through a staging folder renamed into place, so a failure leaves nothing half
 * written; a non-empty one is refused unless `force`, and then only the
 * generated files are overwritten, never anything else in it.
 */
export function writeProject(out: string, files: EntryFiles, force: boolean): void {
  const nonEmpty = existsSync(out) && readdirSync(out).length > 0;
  if (nonEmpty && !force) {
    throw new OarError(
      'OAR310',
      `${out} is not empty; choose an empty folder, or add --force to overwrite the generated files in it`,
    );
  }
  const target = nonEmpty ? out : `${out}.oar-staging-${process.pid}`;
  try {
    for (const [rel, content] of files) {
      const abs = join(target, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    if (!nonEmpty) {
      rmSync(out, { recursive: true, force: true });
      renameSync(target, out);
    }
  } catch (error) {
    if (!nonEmpty) rmSync(target, { recursive: true, force: true });
    throw error;
  }
}
