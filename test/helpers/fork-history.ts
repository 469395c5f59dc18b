import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parametersSource, PARAMETERS_FILE } from '../../generators/scaffold/parameters-file.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { git } from '../../lib/git.ts';
import { runOar, type CliRun } from './run-cli.ts';
import { tempCatalogue } from './temp-catalogue.ts';

/**
 * A real git history of a fork and its parent, built step by step in a temporary copy of
 * test/fixtures/valid (issue 18's "Done when"): the parent tiny-web, a fork of it, then the
 * parent moving on. Each step commits, so oar upstream and oar sync read it as they would a clone.
 */
export interface History {
  readonly root: string;
  dispose(): void;
}

/** The parent every step builds on. */
export const PARENT = 'tiny-web';

// Commits name an author without a global git config, and a user's hooks or signing never run here.
const COMMIT = [
  '-c',
  'user.name=Fork History',
  '-c',
  'user.email=fork-history@example.com',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.hooksPath=/dev/null',
];

/** An entry's own test, as the CDK template writes one: it names its entry by id. */
export const ENTRY_TEST = `import { describe, it } from 'vitest';

const ID = '${PARENT}';

describe(ID, () => {
  it('synthesizes', () => {});
});
`;

/** Step 1: the fixture catalogue in a new repository, with the parent at its version (1.2.0) and its own test; committed. */
export function makeHistory(): History {
  const { root, dispose } = tempCatalogue('valid');
  git(root, ['init', '--quiet', '--initial-branch=main']);
  writeFile(root, `architectures/${PARENT}/cdk/entry.test.ts`, ENTRY_TEST);
  // A site build of the catalogue keeps its content cache beside it (astro.config.mjs); it is not part of it.
  writeFile(root, '.gitignore', '.astro-cache/\n');
  deriveParameters(root);
  commitAll({ root, dispose }, `${PARENT} 1.2.0`);
  return { root, dispose };
}

/** The parent's cdk/parameters.generated.ts from its architecture.yaml, as its maintainer's `npm run entries:derive` writes it. */
function deriveParameters(root: string): void {
  const parent = openCatalogue(root).byId.get(PARENT);
  if (!parent) throw new Error(`${PARENT} does not validate in ${root}`);
  writeFile(root, `${parent.dir}/${PARAMETERS_FILE}`, parametersSource(parent.meta.parameters ?? []));
}

/** Commits everything in the working tree; returns the new HEAD. */
export function commitAll(h: History, message: string): string {
  git(h.root, ['add', '--all']);
  git(h.root, [...COMMIT, 'commit', '--quiet', '--message', message]);
  return head(h);
}

/** The commit checked out. */
export function head(h: History): string {
  return git(h.root, ['rev-parse', 'HEAD']);
}

/** Writes `text` to a path under the catalogue root, making its folders; null deletes the file. */
export function writeFile(root: string, path: string, text: string | null): void {
  const abs = join(root, path);
  if (text === null) {
    rmSync(abs);
    return;
  }
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/** Replaces `from` with `to` in a file of the catalogue, failing when `from` is not there (a test that edits nothing proves nothing). */
export function editFile(root: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(root, path), 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(join(root, path), text.replace(from, to));
}

/** Step 2: `oar fork` of the parent, committed; the run says what oar printed. */
export async function forkParent(h: History, forkId: string): Promise<{ run: CliRun; commit: string }> {
  const run = await runOar([
    'fork',
    PARENT,
    '--as',
    forkId,
    '--reason',
    'Spot capacity is cheaper.',
    '--change',
    'Spot instances.',
    '--root',
    h.root,
  ]);
  return { run, commit: commitAll(h, `fork ${PARENT} as ${forkId}`) };
}

/** A release of the parent: its version, the changelog notes, the file edits and an advisory (YAML, indented as a list item). */
export interface ParentRelease {
  readonly version: string;
  readonly date: string;
  readonly notes: readonly string[];
  /** Path inside the parent's folder → [text to find, text to put instead], or a whole new text, or null to delete. */
  readonly edits?: Readonly<Record<string, readonly [string, string] | string | null>>;
  readonly advisory?: string;
}

/** Steps 3 and 6: the parent releases a version with its edits, CHANGELOG section and advisory; committed. Returns HEAD. */
export function moveParent(h: History, release: ParentRelease): string {
  const dir = `architectures/${PARENT}`;
  for (const [path, edit] of Object.entries(release.edits ?? {})) {
    if (Array.isArray(edit)) editFile(h.root, `${dir}/${path}`, edit[0] as string, edit[1] as string);
    else writeFile(h.root, `${dir}/${path}`, edit as string | null);
  }
  const yaml = join(h.root, dir, 'architecture.yaml');
  let meta = readFileSync(yaml, 'utf8').replace(/^version: .*$/mu, `version: ${release.version}`);
  if (release.advisory !== undefined)
    meta = meta.includes('\nadvisories:\n')
      ? meta.replace('\nadvisories:\n', `\nadvisories:\n${release.advisory}`)
      : `${meta}advisories:\n${release.advisory}`;
  writeFileSync(yaml, meta);
  deriveParameters(h.root);
  const notes = release.notes.map((n) => `- ${n}`).join('\n');
  editFile(
    h.root,
    `${dir}/CHANGELOG.md`,
    '# Changelog\n\n',
    `# Changelog\n\n## ${release.version} - ${release.date}\n\n${notes}\n\n`,
  );
  return commitAll(h, `${PARENT} ${release.version}`);
}

/** Step 3: a minor release with a fix in the notes and the entry's test, and an advisory for the versions before it. */
export const FIX: ParentRelease = {
  version: '1.3.0',
  date: '2026-12-01',
  notes: ['Instances take traffic only once their health check passes.'],
  edits: {
    'architecture.yaml': [
      '    description: Most instances.\n',
      '    description: Most instances; two keep both zones serving.\n',
    ],
    'README.mdx': [
      'A load balancer sends requests to instances in two zones.',
      'A load balancer sends requests to instances in two zones, once their health check passes.',
    ],
    'cdk/entry.test.ts': [
      "  it('synthesizes', () => {});\n",
      "  it('synthesizes', () => {});\n  it('waits for health', () => {});\n",
    ],
  },
  advisory: `  - id: 2026-001-early-traffic
    date: "2026-12-01"
    severity: high
    title: Instances take traffic before the application starts
    affected: "<1.3.0"
    fixedIn: 1.3.0
    impact: Requests fail for a minute after each instance starts.
    upgrade: Deploy 1.3.0; the health check grace period changes in place.
`,
};

/** Step 6: a patch release that rewords a line of the notes; a fork that rewords it too conflicts. */
export const REWORD: ParentRelease = {
  version: '1.3.1',
  date: '2026-12-03',
  notes: ['Says which applications fit.'],
  edits: { 'README.mdx': ['For a small Java web application.', 'For a small Java or Kotlin web application.'] },
};
