import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../lib/git.ts';
import {
  commitAll,
  editFile,
  forkParent,
  head,
  makeHistory,
  moveParent,
  FIX,
  PARENT,
  REWORD,
  type History,
} from '../helpers/fork-history.ts';
import { buildSite } from '../helpers/build-site.ts';
import { runOar } from '../helpers/run-cli.ts';

const FORK = 'tiny-web-lite';
const FORK_DIR = `architectures/${FORK}`;

let h: History;
let sites: string;
const commits = new Map<string, string>();
const oar = (...args: string[]) => runOar([...args, '--root', h.root]);
const read = (path: string) => readFileSync(join(h.root, path), 'utf8');

/** Output with each commit id (full or 12-character) named by the step that made it, so snapshots hold across runs. */
function normalised(text: string): string {
  let out = text;
  for (const [name, id] of commits) out = out.replaceAll(id, `<${name}>`).replaceAll(id.slice(0, 12), `<${name}:12>`);
  return out;
}

/** Step 7: builds the site from the history as it stands, and reads the fork's status line as the page shows it. */
function forkStatusOnSite(name: string): string {
  const site = buildSite(h.root, join(sites, name));
  expect(site.code, site.output).toBe(0);
  const page = readFileSync(join(site.dir, 'architectures', FORK, 'index.html'), 'utf8');
  const line = /<p class="fork-status">(.*?)<\/p>/su.exec(page)?.[1] ?? '';
  return line
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Every file under the root but .git (whose index git status may refresh), with its bytes, for "nothing was written". */
function snapshotTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const abs = join(entry.parentPath, entry.name);
    const rel = relative(root, abs);
    if (entry.isFile() && !rel.startsWith('.git/')) files.set(rel, readFileSync(abs, 'base64'));
  }
  return files;
}

beforeAll(() => {
  sites = mkdtempSync(join(tmpdir(), 'oar-sites-'));
  h = makeHistory();
  commits.set('parent-1.2.0', head(h));
});
afterAll(() => {
  rmSync(sites, { recursive: true, force: true });
  h.dispose();
});

describe('a fork follows its parent through a real git history (issue 18)', () => {
  it('1–2: oar fork records the parent’s commit as the fork point', async () => {
    const { run, commit } = await forkParent(h, FORK);
    expect(run.code).toBe(0);
    expect(read(`${FORK_DIR}/architecture.yaml`)).toContain(
      `forkedFrom:\n  id: ${PARENT}\n  version: 1.2.0\n  commit: ${commits.get('parent-1.2.0') ?? ''}\n`,
    );
    expect(read(`${FORK_DIR}/cdk/entry.test.ts`)).toContain(`const ID = '${FORK}';`);
    commits.set('fork', commit);
  });

  it('3–4: oar upstream reports the parent’s new release, its advisory and the diff of its folder', async () => {
    commits.set('parent-1.3.0', moveParent(h, FIX));
    const text = await oar('upstream', FORK);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(normalised(text.stdout)).toMatchSnapshot();
    const json = await oar('upstream', FORK, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { state: string; newer: { version: string }[]; open: number };
    expect([report.state, report.newer.map((r) => r.version), report.open]).toEqual(['affected', ['1.3.0'], 1]);
    expect(normalised(json.stdout)).toMatchSnapshot();
  });

  it('7 (behind): the site shows the fork behind its parent, with the advisory it has not handled', () => {
    expect(forkStatusOnSite('behind')).toBe(
      `affected Parent ${PARENT} is 1 version ahead; 1 advisory open. What changed upstream`,
    );
  });

  it('OAR339: a shallow clone lacks the fork point; upstream still prints the catalogue parts, and says how to fetch it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-shallow-'));
    try {
      git(dir, ['clone', '--quiet', '--depth', '1', `file://${h.root}`, 'clone']);
      const clone = join(dir, 'clone');
      const run = await runOar(['upstream', FORK, '--root', clone]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        '2026-001-early-traffic (high) Instances take traffic before the application starts',
      );
      const short = (commits.get('parent-1.2.0') ?? '').slice(0, 12);
      const why = `the fork point ${short} is not in this clone, which is shallow; run git fetch --unshallow, then run this again`;
      expect(run.stderr).toBe(`error OAR339: ${why}`);
      expect(await runOar(['sync', FORK, '--root', clone])).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `error OAR339: ${why}`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const before = snapshotTree(h.root);
    const status = git(h.root, ['status', '--porcelain']);
    const run = await oar('sync', FORK, '--dry-run');
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(normalised(run.stdout)).toMatchSnapshot();
    expect(snapshotTree(h.root)).toEqual(before);
    expect(git(h.root, ['status', '--porcelain'])).toBe(status);
  });

  it('OAR337: refuses a tree with uncommitted changes in the fork or the parent, or staged anywhere, and names them', async () => {
    writeFileSync(join(h.root, FORK_DIR, 'scratch.md'), 'notes\n');
    editFile(h.root, `architectures/${PARENT}/README.mdx`, '## When to use', '## When to use it');
    editFile(h.root, 'architectures/tiny-web-fork/README.mdx', '## When to use', '## When to use it');
    git(h.root, ['add', 'architectures/tiny-web-fork/README.mdx']);
    try {
      const before = snapshotTree(h.root);
      const run = await oar('sync', FORK);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `error OAR337: oar sync merges into a clean tree, and these files have uncommitted changes: architectures/tiny-web-fork/README.mdx, ${FORK_DIR}/scratch.md, architectures/${PARENT}/README.mdx; commit or stash them (git stash --include-untracked), then run oar sync again`,
      );
      expect(snapshotTree(h.root)).toEqual(before);
    } finally {
      git(h.root, ['stash', '--include-untracked', '--quiet']);
      git(h.root, ['stash', 'drop', '--quiet']);
    }
  });

  it('5: oar sync merges cleanly, moves forkedFrom forward, records a CHANGELOG line, and the fork validates', async () => {
    const run = await oar('sync', FORK);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(normalised(run.stdout)).toMatchSnapshot();
    const meta = read(`${FORK_DIR}/architecture.yaml`);
    expect(meta).toContain(
      `forkedFrom:\n  id: ${PARENT}\n  version: 1.3.0\n  commit: ${commits.get('parent-1.3.0') ?? ''}\n`,
    );
    expect(meta).toMatch(/^version: 0\.1\.0$/mu);
    expect(meta).not.toContain('2026-001-early-traffic'); // the parent's advisory is not the fork's to publish
    expect(read(`${FORK_DIR}/README.mdx`)).toContain('in two zones, once their health check passes.');
    expect(meta).toContain('    description: Most instances; two keep both zones serving.\n');
    // Derived again from the merged metadata, not merged from the parent's copy.
    expect(read(`${FORK_DIR}/cdk/parameters.generated.ts`)).toBe(
      read(`architectures/${PARENT}/cdk/parameters.generated.ts`),
    );
    expect(read(`${FORK_DIR}/cdk/entry.test.ts`)).toBe(
      `import { describe, it } from 'vitest';\n\nconst ID = '${FORK}';\n\ndescribe(ID, () => {\n  it('synthesizes', () => {});\n  it('waits for health', () => {});\n});\n`,
    );
    const short = (commits.get('parent-1.3.0') ?? '').slice(0, 12);
    expect(read(`${FORK_DIR}/CHANGELOG.md`)).toMatch(
      new RegExp(
        `^# Changelog\\n\\n## Unreleased\\n\\n- Synced with ${PARENT} 1\\.3\\.0 \\(from 1\\.2\\.0, commit ${short}\\): 3 files merged, 0 with conflicts\\.\\n\\n## 0\\.1\\.0 - `,
        'u',
      ),
    );
    expect(await oar('validate', FORK)).toMatchObject({ code: 0, stderr: '' });
    commits.set('synced', commitAll(h, `sync ${FORK} with ${PARENT} 1.3.0`));
    const upstream = JSON.parse((await oar('upstream', FORK, '--json')).stdout) as { state: string; changes: unknown };
    expect(upstream).toMatchObject({ state: 'up-to-date', changes: { files: [], diff: '' } });
    expect(await oar('sync', FORK)).toEqual({
      code: 0,
      stdout: `${FORK} is up to date with ${PARENT} 1.3.0: its folder has not changed since ${short}`,
      stderr: '',
    });
  });

  it('7 (up to date): after the sync, the site shows the fork up to date', () => {
    expect(forkStatusOnSite('synced')).toBe(`up to date Up to date with ${PARENT} 1.3.0. What changed upstream`);
  });

  it('6: a parent change that conflicts with the fork’s leaves markers, lists the file, exits with OAR340 and loses nothing', async () => {
    editFile(
      h.root,
      `${FORK_DIR}/README.mdx`,
      'For a small Java web application.',
      'For a small Java web application on Spot capacity.',
    );
    commits.set('fork-edit', commitAll(h, `${FORK}: Spot in the notes`));
    const forkReadme = read(`${FORK_DIR}/README.mdx`);
    commits.set('parent-1.3.1', moveParent(h, REWORD));
    const run = await oar('sync', FORK);
    expect(run.code).toBe(1);
    expect(normalised(run.stdout)).toMatchSnapshot();
    expect(run.stderr).toMatch(
      new RegExp(`^error OAR340: 1 file needs you: ${FORK_DIR}/README\\.mdx\\. Resolve each between`, 'u'),
    );
    const merged = read(`${FORK_DIR}/README.mdx`);
    expect(merged).toContain(
      [
        `<<<<<<< ${FORK} 0.1.0 (fork)`,
        'For a small Java web application on Spot capacity.',
        `||||||| ${PARENT} 1.3.0 (fork point)`,
        'For a small Java web application.',
        '=======',
        'For a small Java or Kotlin web application.',
        `>>>>>>> ${PARENT} 1.3.1 (parent now)`,
      ].join('\n'),
    );
    for (const line of forkReadme.split('\n')) expect(merged.split('\n')).toContain(line);
    expect(read(`${FORK_DIR}/architecture.yaml`)).toContain(
      `  version: 1.3.1\n  commit: ${commits.get('parent-1.3.1') ?? ''}\n`,
    );
    expect(read(`${FORK_DIR}/CHANGELOG.md`)).toContain('(from 1.3.0, commit ');
    expect(read(`${FORK_DIR}/CHANGELOG.md`)).toContain('): 2 files merged, 1 with conflicts.\n');
  });
});

describe('forks oar upstream and oar sync cannot follow', () => {
  let other: History;
  beforeAll(() => {
    other = makeHistory();
  });
  afterAll(() => {
    other.dispose();
  });
  const run = (...args: string[]) => runOar([...args, '--root', other.root]);

  it('OAR338: an entry that is not a fork', async () => {
    const message = 'error OAR338: tiny-web is not a fork; its forks are tiny-web-fork; run it on one of them';
    expect(await run('upstream', 'tiny-web')).toEqual({ code: 1, stdout: '', stderr: message });
    expect(await run('sync', 'tiny-web')).toEqual({ code: 1, stdout: '', stderr: message });
  });

  it('a fork with no recorded commit: upstream prints the catalogue parts and how to set it; sync refuses (OAR339)', async () => {
    const up = await run('upstream', 'tiny-web-fork');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('tiny-web-fork 0.1.0 is a fork of tiny-web 1.2.0; tiny-web is now at 1.2.0.');
    expect(up.stdout).toContain(
      "Files changed: unknown; the diff needs forkedFrom.commit: find the commit whose architectures/tiny-web/ the fork was copied from (tiny-web 1.2.0), e.g. with git log --format='%H %ad %s' --date=short -- architectures/tiny-web/, and add it as forkedFrom.commit (the full 40-character id) in architectures/tiny-web-fork/architecture.yaml.",
    );
    const sync = await run('sync', 'tiny-web-fork');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(
      /^error OAR339: tiny-web-fork records no forkedFrom\.commit, so its fork point is unknown; find the commit /u,
    );
  });

  it('OAR339: a recorded commit this repository lacks', async () => {
    const missing = '0123456789abcdef0123456789abcdef01234567';
    editFile(
      other.root,
      'architectures/tiny-web-fork/architecture.yaml',
      '  version: 1.2.0\n',
      `  version: 1.2.0\n  commit: ${missing}\n`,
    );
    const why =
      "error OAR339: the fork point 0123456789ab is not in this clone; fetch the catalogue's history (git fetch origin), or correct forkedFrom.commit";
    const up = await run('upstream', 'tiny-web-fork');
    expect([up.code, up.stderr]).toEqual([1, why]);
    expect(JSON.parse((await run('upstream', 'tiny-web-fork', '--json')).stdout)).toMatchObject({
      commit: missing,
      changes: { unknown: expect.stringContaining('is not in this clone') as string },
    });
    expect(await run('sync', 'tiny-web-fork')).toMatchObject({ code: 1, stderr: why });
  });
});
