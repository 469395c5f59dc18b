import { describe, expect, it } from 'vitest';
import { planSync, type ForkFile, type SyncNames } from '../../generators/sync/plan-sync.ts';
import type { TreeFile } from '../../generators/sync/parent-tree.ts';

const names: SyncNames = {
  parentId: 'tiny-web',
  parentDir: 'architectures/tiny-web',
  forkId: 'tiny-lite',
  labels: {
    ours: 'tiny-lite 0.1.0 (fork)',
    base: 'tiny-web 1.2.0 (fork point)',
    theirs: 'tiny-web 1.3.0 (parent now)',
  },
  to: { version: '1.3.0', commit: 'b'.repeat(40), applies: () => false },
};

type Files = Record<string, string | Buffer>;
const tree = (files: Files) =>
  new Map(
    Object.entries(files).map(([rel, text]): [string, TreeFile] => [
      rel,
      { rel, regular: true, bytes: Buffer.from(text) },
    ]),
  );
const fork = (files: Files) =>
  new Map(
    Object.entries(files).map(([rel, text]): [string, ForkFile] => [rel, { regular: true, bytes: Buffer.from(text) }]),
  );

/** One file's plan, from its three sides (undefined: the side has no such file). */
function planOne(base?: string | Buffer, ours?: string | Buffer, theirs?: string | Buffer) {
  const at = (s: string | Buffer | undefined): Files => (s === undefined ? {} : { 'notes.md': s });
  const plan = planSync({ base: tree(at(base)), theirs: tree(at(theirs)), ours: fork(at(ours)) }, names);
  const [step] = plan.steps;
  return { action: step?.action, note: step?.note, write: step?.write === null ? null : step?.write?.toString('utf8') };
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);

describe('oar sync: the decision for each file', () => {
  it.each([
    {
      description: 'parent changed, fork did not: the parent’s file',
      base: 'a\n',
      ours: 'a\n',
      theirs: 'b\n',
      action: 'merge',
      write: 'b\n',
    },
    {
      description: 'fork changed, parent did not: untouched',
      base: 'a\n',
      ours: 'f\n',
      theirs: 'a\n',
      action: 'unchanged',
    },
    { description: 'both made the same change', base: 'a\n', ours: 'b\n', theirs: 'b\n', action: 'unchanged' },
    {
      description: 'both changed different lines: merged',
      base: lines('1', '2', '3', '4', '5'),
      ours: lines('one', '2', '3', '4', '5'),
      theirs: lines('1', '2', '3', '4', 'five'),
      action: 'merge',
      write: lines('one', '2', '3', '4', 'five'),
    },
    {
      description: 'parent added, fork has none: added',
      ours: undefined,
      theirs: 'new\n',
      action: 'add',
      write: 'new\n',
    },
    { description: 'parent added what the fork has: unchanged', ours: 'same\n', theirs: 'same\n', action: 'unchanged' },
    {
      description: 'parent deleted, fork never changed it: deleted',
      base: 'a\n',
      ours: 'a\n',
      action: 'delete',
      write: null,
    },
    { description: 'parent deleted, fork already has none: unchanged', base: 'a\n', action: 'unchanged' },
    {
      description: 'fork deleted, parent did not change it: unchanged',
      base: 'a\n',
      theirs: 'a\n',
      action: 'unchanged',
    },
  ])('$description', ({ base, ours, theirs, action, write }) => {
    const step = planOne(base, ours, theirs);
    expect(step.action).toBe(action);
    if (write !== undefined) expect(step.write).toBe(write);
    else expect(step.write).toBeUndefined();
  });

  it('keeps a file the fork changed and the parent deleted, as a listed conflict', () => {
    expect(planOne('a\n', 'fork\n', undefined)).toEqual({
      action: 'conflict',
      note: "the parent deleted it and the fork changed it; the fork's file is kept",
      write: undefined,
    });
  });

  it('keeps a file the fork deleted and the parent changed deleted, as a listed conflict', () => {
    expect(planOne('a\n', undefined, 'b\n')).toMatchObject({ action: 'conflict', write: undefined });
  });

  it('leaves git’s markers, labelled with fork, fork point and parent, where both changed a line', () => {
    const step = planOne('a\n', 'fork\n', 'parent\n');
    expect(step.action).toBe('conflict');
    expect(step.note).toBe('both changed the same lines: 1 conflict left between markers');
    expect(step.write).toBe(
      lines(
        '<<<<<<< tiny-lite 0.1.0 (fork)',
        'fork',
        '||||||| tiny-web 1.2.0 (fork point)',
        'a',
        '=======',
        'parent',
        '>>>>>>> tiny-web 1.3.0 (parent now)',
      ),
    );
  });

  it('merges a file both added against an empty base, so both texts stay', () => {
    const step = planOne(undefined, 'fork\n', 'parent\n');
    expect(step.action).toBe('conflict');
    expect(step.note).toBe('both added it, with different text: 1 conflict left between markers');
    expect(step.write).toContain('fork\n');
    expect(step.write).toContain('parent\n');
  });

  it('never merges a binary file as text: the fork’s stays, listed, when both changed it', () => {
    const changed = Buffer.concat([BINARY, Buffer.from('p')]);
    const step = planOne(BINARY, Buffer.concat([BINARY, Buffer.from('f')]), changed);
    expect(step.action).toBe('conflict');
    expect(step.write).toBeUndefined();
    expect(step.note).toContain('architectures/tiny-web/notes.md');
    expect(planOne(BINARY, BINARY, changed).action).toBe('merge');
  });

  it('retargets the entry’s own tests at the fork before merging, so the ids do not conflict', () => {
    const test = (id: string, extra = '') => `const ID = '${id}';\nit('synthesizes');\n${extra}`;
    const plan = planSync(
      {
        base: tree({ 'cdk/stack.test.ts': test('tiny-web') }),
        theirs: tree({ 'cdk/stack.test.ts': test('tiny-web', "it('checks health');\n") }),
        ours: fork({ 'cdk/stack.test.ts': test('tiny-lite') }),
      },
      names,
    );
    expect(plan.steps[0]).toMatchObject({ action: 'merge' });
    expect(plan.steps[0]?.write?.toString()).toBe(test('tiny-lite', "it('checks health');\n"));
  });

  it('never merges the CHANGELOG or what is derived, and does not write through a link of the fork', () => {
    const own = (text: string) => ({
      'CHANGELOG.md': text,
      'cdk/__snapshots__/stack.template.json': text,
      'cdk/parameters.generated.ts': text,
    });
    const plan = planSync(
      {
        base: tree({ ...own('a'), 'README.mdx': 'a' }),
        theirs: tree({ ...own('b'), 'README.mdx': 'b' }),
        ours: new Map([['README.mdx', { regular: false }]]),
      },
      names,
    );
    expect(plan.steps).toEqual([
      { path: 'README.mdx', action: 'conflict', note: 'the fork has a link or folder here; not synced' },
    ]);
    expect(plan.parentChanged).toBe(true);
  });
});
