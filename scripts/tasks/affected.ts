import { readFileSync } from 'node:fs';
import { openCatalogue } from '../../lib/catalogue.ts';
import { ENTRIES_DIR } from '../../lib/load/read-catalogue.ts';

/**
 * How many entries one CI job checks, deploy-tests and runs the entry tests of.
 * An entry adds about 3 s to the entry tests and 0.5 s to `oar check` on two cores
 * (docs/decisions/entry-harness.md), so 15 keep a job's entry work near a minute
 * beside its fixed cost, and a run's wall time stays flat as the catalogue grows:
 * a larger catalogue gets more jobs, not longer ones.
 */
export const ENTRIES_PER_SHARD = 15;

/** What a change asks CI to check: every entry, or these (sorted) ids. */
export type Affected = { readonly all: true } | { readonly all: false; readonly ids: readonly string[] };

/** What the planner needs of an entry: its id and every entry forked from it, at any depth. */
export interface Forkable {
  readonly id: string;
  readonly lineage: { readonly descendants: readonly string[] };
}

/**
 * The entries a change touches, from the paths `git diff --name-only` lists,
 * with every fork of each. A path outside an entry folder (tooling, schema,
 * site, workflows, a file directly in architectures/) can change how any entry
 * is checked, so it means all of them. A deleted entry affects nothing: its
 * forks would fail validation, which always covers everything.
 */
export function affectedEntries(paths: readonly string[], entries: readonly Forkable[]): Affected {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const ids = new Set<string>();
  for (const path of paths) {
    const [top, id, ...rest] = path.split('/');
    if (top !== ENTRIES_DIR || id === undefined || rest.length === 0) return { all: true };
    const entry = byId.get(id);
    if (!entry) continue;
    ids.add(id);
    for (const d of entry.lineage.descendants) ids.add(d);
  }
  return { all: false, ids: [...ids].sort() };
}

/** The `i/n` shards a job matrix runs for `entries` entries: none for none, else one per ENTRIES_PER_SHARD. */
export function shardsFor(entries: number): string[] {
  const count = Math.ceil(entries / ENTRIES_PER_SHARD);
  return Array.from({ length: count }, (_, i) => `${i + 1}/${count}`);
}

/**
 * The lines for $GITHUB_OUTPUT: `all`, `entries` (space-separated ids, empty when all), `shards` (JSON, the
 * job matrix) and `shardCount` (how many shard reports the report job must merge).
 */
export function planLines(affected: Affected, catalogueSize: number): string[] {
  const ids = affected.all ? [] : affected.ids;
  const shards = shardsFor(affected.all ? catalogueSize : ids.length);
  return [
    `all=${String(affected.all)}`,
    `entries=${ids.join(' ')}`,
    `shards=${JSON.stringify(shards)}`,
    `shardCount=${shards.length}`,
  ];
}

// `git diff --name-only -z origin/<base>...HEAD | node scripts/tasks/affected.ts`: the plan of a pull request's
// run. `node scripts/tasks/affected.ts --all`: every entry (the weekly check). Output ids are catalogue ids,
// which the schema limits to lowercase letters, digits and hyphens, so they are safe in a shell word.
if (import.meta.main) {
  const all = process.argv[2] === '--all';
  const paths = all ? [] : readFileSync(0, 'utf8').split(/\0|\n/u).filter(Boolean);
  const { entries } = openCatalogue(process.cwd());
  const affected: Affected = all ? { all: true } : affectedEntries(paths, entries);
  console.log(planLines(affected, entries.length).join('\n'));
}
