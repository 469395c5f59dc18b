import { retarget, TEST_FILE } from '../fork/fork-files.ts';
import { PARAMETERS_FILE } from '../scaffold/parameters-file.ts';
import { isBinary, mergeFile, type MergeLabels } from './merge-file.ts';
import type { TreeFile } from './parent-tree.ts';
import { moveForkPoint, type NewForkPoint } from './move-fork-point.ts';
import { alignedParents } from './sync-metadata.ts';

/** The fork's file at a path the parent has or had: its bytes, or a link or folder that is never written through. */
export type ForkFile = { readonly regular: true; readonly bytes: Buffer } | { readonly regular: false };

/** The three sides of the merge, by path inside the entry folder. */
export interface SyncSources {
  /** The parent's folder at forkedFrom.commit. */
  readonly base: ReadonlyMap<string, TreeFile>;
  /** The parent's folder at HEAD. */
  readonly theirs: ReadonlyMap<string, TreeFile>;
  /** The fork's files at the paths of base and theirs (missing when the fork has none there). */
  readonly ours: ReadonlyMap<string, ForkFile>;
}

/** Who is who, for retargeting tests, labelling markers and moving the fork point. */
export interface SyncNames {
  readonly parentId: string;
  /** The parent's folder, relative to the catalogue root. */
  readonly parentDir: string;
  readonly forkId: string;
  readonly labels: MergeLabels;
  readonly to: NewForkPoint;
}

export type SyncAction = 'merge' | 'add' | 'delete' | 'conflict' | 'unchanged';

/** What sync does to one file of the fork. */
export interface FileStep {
  /** Path inside the entry folder. */
  readonly path: string;
  readonly action: SyncAction;
  /** Why, for a conflict or a file that is kept. */
  readonly note?: string;
  /** The new content; absent when the file is left as it is; null to delete it. */
  readonly write?: Buffer | null;
}

export interface SyncPlan {
  /** Every path the parent has or had, sorted. */
  readonly steps: readonly FileStep[];
  /** forkedFrom.advisories handlings dropped because they do not apply to the new base. */
  readonly dropped: readonly string[];
  /** False when the parent's folder is the same at the fork point and now: there is nothing to sync. */
  readonly parentChanged: boolean;
}

/** The fork's own changelog, never merged with the parent's; sync adds a line to it instead. */
export const CHANGELOG = 'CHANGELOG.md';

/**
 * Files never merged from the parent: the fork's CHANGELOG, and what is derived from the fork's own
 * stack and metadata (its template snapshots, which its tests rewrite with -u, and its parameter
 * types, which sync derives again from the merged architecture.yaml). A merge of the parent's copies
 * would be wrong, or a conflict, where deriving them again is always right.
 */
export function isForkOwn(path: string): boolean {
  return path === CHANGELOG || path === PARAMETERS_FILE || path.startsWith('cdk/__snapshots__/');
}
const METADATA = 'architecture.yaml';

/** Plans the sync of every file: the three-way decision, with git merge-file for text both sides changed. */
export function planSync(sources: SyncSources, names: SyncNames): SyncPlan {
  const paths = [...new Set([...sources.base.keys(), ...sources.theirs.keys()])].filter((p) => !isForkOwn(p)).sort();
  let dropped: string[] = [];
  const steps = paths.map((path): FileStep => {
    const base = sources.base.get(path);
    const theirs = sources.theirs.get(path);
    const ours = sources.ours.get(path);
    if ((base && !base.regular) || (theirs && !theirs.regular))
      return conflict(path, 'the parent has a link or submodule here, which an entry cannot hold; not synced');
    if (ours && !ours.regular) return conflict(path, 'the fork has a link or folder here; not synced');
    const sides = { base: base?.bytes, ours: ours?.bytes, theirs: theirs?.bytes };
    if (path === METADATA && sides.ours && sides.base && sides.theirs) {
      const moved = moveForkPoint(sides.ours.toString('utf8'), names.to);
      dropped = moved.dropped;
      const aligned = alignedParents(sides.base.toString('utf8'), sides.theirs.toString('utf8'), moved.text);
      return decide(path, { base: aligned.base, ours: moved.text, theirs: aligned.theirs }, sides.ours, names);
    }
    const retargeted = (b: Buffer | undefined) =>
      b && TEST_FILE.test(path) && !isBinary(b)
        ? Buffer.from(retarget(b.toString('utf8'), names.parentId, names.forkId))
        : b;
    return decide(
      path,
      { base: retargeted(sides.base), ours: sides.ours, theirs: retargeted(sides.theirs) },
      sides.ours,
      names,
    );
  });
  const parentChanged = [...new Set([...sources.base.keys(), ...sources.theirs.keys()])].some(
    (p) => !same(sources.base.get(p)?.bytes, sources.theirs.get(p)?.bytes),
  );
  return { steps, dropped, parentChanged };
}

type Side = Buffer | string | undefined;

const bytesOf = (s: Side): Buffer | undefined => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
const same = (a: Buffer | undefined, b: Buffer | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.equals(b);

function conflict(path: string, note: string, write?: Buffer): FileStep {
  return write === undefined ? { path, action: 'conflict', note } : { path, action: 'conflict', note, write };
}

/** The result `result` for a fork file now `disk`: unchanged when they are equal, else `action`. */
function outcome(path: string, action: 'merge' | 'add', result: Buffer, disk: Buffer | undefined): FileStep {
  return same(result, disk) ? { path, action: 'unchanged' } : { path, action, write: result };
}

/**
 * One file's three-way decision. `ours` is the fork's side as merged (its architecture.yaml with the
 * fork point moved), `disk` the fork's file as it is. Nothing of the fork is dropped: a file the fork
 * changed is kept when the parent deleted it, and a conflict keeps both sides between markers.
 */
function decide(
  path: string,
  sides: { base: Side; ours: Side; theirs: Side },
  disk: Buffer | undefined,
  names: SyncNames,
): FileStep {
  const base = bytesOf(sides.base);
  const ours = bytesOf(sides.ours);
  const theirs = bytesOf(sides.theirs);
  if (!theirs) {
    if (!ours) return { path, action: 'unchanged' };
    if (same(ours, base)) return { path, action: 'delete', write: null };
    return conflict(path, "the parent deleted it and the fork changed it; the fork's file is kept");
  }
  if (!ours) {
    if (!base) return { path, action: 'add', write: theirs };
    return same(base, theirs)
      ? { path, action: 'unchanged' }
      : conflict(path, 'the fork deleted it and the parent changed it; still deleted (oar upstream shows the change)');
  }
  if (same(base, theirs) || same(ours, theirs)) return outcome(path, 'merge', ours, disk);
  if (same(ours, base)) return outcome(path, 'merge', theirs, disk);
  if (isBinary(ours) || isBinary(theirs) || (base && isBinary(base)))
    return conflict(
      path,
      `a binary file both changed; the fork's file is kept, the parent's is ${names.parentDir}/${path}`,
    );
  // A file both added is merged against an empty base, as git does: what differs stands between markers.
  const merged = mergeFile(ours, base ?? Buffer.alloc(0), theirs, names.labels);
  if (merged.conflicts === 0) return outcome(path, 'merge', merged.bytes, disk);
  const what = base ? 'both changed the same lines' : 'both added it, with different text';
  return conflict(
    path,
    `${what}: ${String(merged.conflicts)} conflict${merged.conflicts === 1 ? '' : 's'} left between markers`,
    merged.bytes,
  );
}
