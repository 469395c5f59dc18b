import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntryFiles } from '../write-entry.ts';
import { listEntryFiles } from '../../lib/load/entry-files.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { forkChangelog, forkMetadata, type ForkOptions } from './fork-entry.ts';

/**
 * Every file of the fork: the parent's files as they are (stack, bootstrap,
 * notes, diagrams), with architecture.yaml rewritten, a new CHANGELOG, and the
 * entry's own tests pointed at the fork.
 */
export function forkFiles(root: string, parent: ResolvedEntry, o: ForkOptions): EntryFiles {
  const { files } = listEntryFiles(join(root, parent.dir), parent.dir);
  const out = new Map<string, string | Uint8Array>();
  for (const f of files) {
    const bytes = readFileSync(f.abs);
    out.set(f.rel, TEST_FILE.test(f.rel) ? retarget(bytes.toString('utf8'), parent.id, o.newId) : bytes);
  }
  const yaml = readFileSync(join(root, parent.dir, 'architecture.yaml'), 'utf8');
  out.set('architecture.yaml', forkMetadata(yaml, parent, o));
  out.set('CHANGELOG.md', forkChangelog(parent, o));
  return out;
}

/** An entry's own tests, which name the entry they test (`const ID = '<id>'`). */
export const TEST_FILE = /^cdk\/.*\.test\.ts$/u;

/**
 * The test with the parent's id replaced by the fork's wherever it stands alone as a string, so the fork's tests test
 * the fork's template (copied as they were, they tested the parent's and passed). Ids inside longer names or other
 * entries' ids are left alone.
 */
export function retarget(source: string, parentId: string, forkId: string): string {
  return source.replace(new RegExp(`(['"\`])${parentId}\\1`, 'gu'), `$1${forkId}$1`);
}
