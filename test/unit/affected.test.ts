import { spawnSync } from 'node:child_process';
import { openCatalogue } from '../../lib/catalogue.ts';
import { describe, expect, test } from 'vitest';
import { affectedEntries, ENTRIES_PER_SHARD, planLines, shardsFor } from '../../scripts/tasks/affected.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

const entry = (id: string, descendants: string[] = []) => ({ id, lineage: { descendants } });
const catalogue = [
  entry('web', ['web-fork', 'web-fork-fork']),
  entry('web-fork', ['web-fork-fork']),
  entry('web-fork-fork'),
  entry('queue'),
  entry('network'),
];

describe('affectedEntries', () => {
  test.each([
    ['one file of one entry', ['architectures/queue/cdk/stack.ts'], ['queue']],
    ['an entry and its forks, at any depth', ['architectures/web/README.mdx'], ['web', 'web-fork', 'web-fork-fork']],
    ['a fork alone', ['architectures/web-fork-fork/architecture.yaml'], ['web-fork-fork']],
    [
      'several entries, each once, sorted',
      ['architectures/queue/a', 'architectures/network/b', 'architectures/queue/c'],
      ['network', 'queue'],
    ],
    ['a deleted entry', ['architectures/gone/architecture.yaml'], []],
    ['nothing', [], []],
  ])('%s', (_, paths, ids) => {
    expect(affectedEntries(paths, catalogue)).toEqual({ all: false, ids });
  });

  test.each([
    ['tooling', 'generators/check/check-entries.ts'],
    ['the schema', 'schema/architecture.schema.json'],
    ['a workflow', '.github/workflows/pr.yml'],
    ['a file directly in architectures/', 'architectures/README.md'],
    ['the lock file', 'package-lock.json'],
  ])('a change to %s means every entry', (_, path) => {
    expect(affectedEntries(['architectures/queue/cdk/stack.ts', path], catalogue)).toEqual({ all: true });
  });
});

describe('the plan', () => {
  test('one shard per ENTRIES_PER_SHARD entries, none for none', () => {
    expect(shardsFor(0)).toEqual([]);
    expect(shardsFor(1)).toEqual(['1/1']);
    expect(shardsFor(ENTRIES_PER_SHARD)).toEqual(['1/1']);
    expect(shardsFor(ENTRIES_PER_SHARD + 1)).toEqual(['1/2', '2/2']);
    expect(shardsFor(45)).toHaveLength(Math.ceil(45 / ENTRIES_PER_SHARD));
  });

  test('writes $GITHUB_OUTPUT lines', () => {
    expect(planLines({ all: false, ids: ['network', 'queue'] }, 45)).toEqual([
      'all=false',
      'entries=network queue',
      'shards=["1/1"]',
      'shardCount=1',
    ]);
    expect(planLines({ all: true }, 45)).toEqual([
      'all=true',
      'entries=',
      `shards=${JSON.stringify(shardsFor(45))}`,
      `shardCount=${shardsFor(45).length}`,
    ]);
    expect(planLines({ all: false, ids: [] }, 45)).toEqual(['all=false', 'entries=', 'shards=[]', 'shardCount=0']);
  });

  test('the task reads NUL-separated paths from git and plans on the real catalogue', () => {
    const run = (input: string, ...args: string[]) =>
      spawnSync(process.execPath, ['scripts/tasks/affected.ts', ...args], { cwd: REPO_ROOT, input, encoding: 'utf8' });
    const parent = 'java-web-tier-ebs';
    const one = run(`architectures/${parent}/cdk/stack.ts\0architectures/${parent}/README.mdx\0`);
    expect(one.stderr).toBe('');
    // java-web-tier-instance-store is forked from java-web-tier-ebs, throwaway-release-environments from it.
    expect(one.stdout).toBe(
      `all=false\nentries=${parent} java-web-tier-instance-store throwaway-release-environments\nshards=["1/1"]\nshardCount=1\n`,
    );
    const everything = shardsFor(openCatalogue(REPO_ROOT).entries.length);
    expect(run('lib/catalogue.ts\n').stdout).toBe(
      `all=true\nentries=\nshards=${JSON.stringify(everything)}\nshardCount=${String(everything.length)}\n`,
    );
    expect(run('', '--all').stdout).toMatch(/^all=true\n/u);
  });
});
