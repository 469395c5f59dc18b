import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntryFiles } from '../write-entry.ts';
import { listEntryFiles } from '../../lib/load/entry-files.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { forkChangelog, forkMetadata, type ForkOptions } from './fork-entry.ts';

/**
 * Every file of the fork: the parent's files as they are (stack, bootstrap,
 * notes, diagrams), with architecture.yaml rewritten and a new CHANGELOG.
 */
export function forkFiles(root: string, parent: ResolvedEntry, o: ForkOptions): EntryFiles {
  const { files } = listEntryFiles(join(root, parent.dir), parent.dir);
  const out = new Map<string, string | Uint8Array>();
  for (const f of files) out.set(f.rel, readFileSync(f.abs));
  const yaml = readFileSync(join(root, parent.dir, 'architecture.yaml'), 'utf8');
  out.set('architecture.yaml', forkMetadata(yaml, parent, o));
  out.set('CHANGELOG.md', forkChangelog(parent, o));
  return out;
}
