import { tryGit } from '../git.ts';

/** Someone who committed to an entry's folder, by the name git records. */
export interface Contributor {
  readonly name: string;
  readonly commits: number;
}

/** What git says about one entry folder. */
export interface EntryHistory {
  /** Date (YYYY-MM-DD) of the oldest commit that touched the folder; in a shallow clone, the oldest one present. */
  readonly created: string;
  /** Date of the newest commit that touched the folder. */
  readonly updated: string;
  readonly commits: number;
  /** Most commits first. */
  readonly contributors: readonly Contributor[];
}

/**
 * Where the history came from: a full clone, a shallow one (dates and counts
 * cover only the commits present), or none (a tarball, or git missing).
 */
export type HistorySource = 'git' | 'shallow' | 'none';

/** The history of every entry folder, with how complete it is and, when it is not, why. */
export interface CatalogueHistory {
  readonly source: HistorySource;
  readonly note?: string;
  readonly byDir: ReadonlyMap<string, EntryHistory>;
}

const RECORD = '\u001e';
const FIELD = '\u001f';

/**
 * Reads created/updated dates and contributors for every folder under
 * `architectures/` with one `git log`, so the cost does not grow with a
 * process per entry. Outside git it returns no history and says why.
 */
export function readGitHistory(root: string): CatalogueHistory {
  if (tryGit(root, ['rev-parse', '--show-prefix']) === undefined) {
    return { source: 'none', note: 'not built from a git clone, so entries show no history', byDir: new Map() };
  }
  // A catalogue copied into an ignored folder of another clone (a build's staging copy) has no history of its own.
  if (tryGit(root, ['check-ignore', '-q', 'architectures']) !== undefined) {
    return {
      source: 'none',
      note: 'the catalogue folder is ignored by git here, so entries show no history',
      byDir: new Map(),
    };
  }
  const shallow = tryGit(root, ['rev-parse', '--is-shallow-repository']) === 'true';
  const log = tryGit(
    root,
    ['log', '--no-renames', `--format=${RECORD}%aI${FIELD}%aN`, '--name-only', '--relative', '--', 'architectures'],
    { raw: true },
  );
  if (log === undefined)
    return { source: 'none', note: 'git log failed, so entries show no history', byDir: new Map() };
  const byDir = historyFromLog(log);
  return shallow
    ? {
        source: 'shallow',
        note: 'built from a shallow clone: dates and contributors cover only the commits it holds; run git fetch --unshallow for the full history',
        byDir,
      }
    : { source: 'git', byDir };
}

/** Folds `git log --name-only` output (newest first) into one history per entry folder. */
export function historyFromLog(out: string): Map<string, EntryHistory> {
  const acc = new Map<string, { created: string; updated: string; commits: number; people: Map<string, number> }>();
  for (const record of out.split(RECORD)) {
    const [head = '', ...files] = record.split('\n');
    const [when = '', name = ''] = head.split(FIELD);
    if (when === '') continue;
    const day = when.slice(0, 10);
    const dirs = new Set(
      files.flatMap((f) => {
        const m = /^(architectures\/[^/]+)\//u.exec(f.trim());
        return m?.[1] ? [m[1]] : [];
      }),
    );
    for (const dir of dirs) {
      const h = acc.get(dir) ?? { created: day, updated: day, commits: 0, people: new Map<string, number>() };
      // Newest first: every later record is older.
      h.created = day;
      h.commits += 1;
      h.people.set(name, (h.people.get(name) ?? 0) + 1);
      acc.set(dir, h);
    }
  }
  return new Map(
    [...acc].map(([dir, h]) => [
      dir,
      {
        created: h.created,
        updated: h.updated,
        commits: h.commits,
        contributors: [...h.people]
          .map(([name, commits]) => ({ name, commits }))
          .sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name)),
      },
    ]),
  );
}
