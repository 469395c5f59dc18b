import { describe, expect, it } from 'vitest';
import { upstreamStatus } from '../../lib/resolve/upstream.ts';
import type { Advisory, ForkedFrom } from '../../schema/architecture.ts';
import { upstreamHeadline } from '../../lib/resolve/upstream.ts';
import { FORK_STATE_LABELS, handlingText } from '../../site/data/fork-status.ts';
import { forkTree, type ForkNode, type TreeEntry } from '../../site/data/fork-tree.ts';

const release = (version: string) => ({ version, notes: [`Release ${version}.`], line: 1 });
const advisory = (id: string, affected: string): Advisory => ({
  id,
  date: '2026-12-01',
  severity: 'high',
  title: `Flaw ${id}`,
  affected,
  fixedIn: '1.1.0',
  impact: 'Something breaks.',
});
const forked = (id: string, version: string, extra: Partial<ForkedFrom> = {}): ForkedFrom => ({
  id,
  version,
  reason: `Why it left ${id}.`,
  changes: [{ change: `What it changed from ${id}.` }],
  ...extra,
});
/** The status of a fork of `parent` 1.0.0, with the parent now at its newest release. */
const status = (releases: string[], advisories: Advisory[] = [], handled?: ForkedFrom['advisories']) =>
  upstreamStatus(forked('parent', '1.0.0', handled ? { advisories: handled } : {}), {
    meta: { id: 'parent', version: releases[0] ?? '1.0.0', advisories },
    releases: releases.map(release),
  });

describe('upstreamHeadline', () => {
  it.for([
    { description: 'nothing new', u: status(['1.0.0']), text: 'Up to date with parent 1.0.0' },
    {
      description: 'one release ahead',
      u: status(['1.1.0', '1.0.0']),
      text: 'Parent parent is 1 version ahead; 0 advisories open',
    },
    {
      description: 'two releases ahead, one advisory open',
      u: status(['1.2.0', '1.1.0', '1.0.0'], [advisory('A-1', '<1.1.0')]),
      text: 'Parent parent is 2 versions ahead; 1 advisory open',
    },
    {
      description: 'an advisory handled is not open',
      u: status(['1.1.0', '1.0.0'], [advisory('A-1', '<1.1.0')], [{ id: 'A-1', status: 'fixed' }]),
      text: 'Parent parent is 1 version ahead; 0 advisories open',
    },
    {
      description: 'an open advisory on a parent that has not moved',
      u: status(['1.0.0'], [advisory('A-1', '1.0.0'), advisory('A-2', '<=1.0.0')]),
      text: 'Up to date with parent 1.0.0; 2 advisories open',
    },
    {
      description: 'a parent version without a CHANGELOG release after the base',
      u: upstreamStatus(forked('parent', '1.0.0'), { meta: { id: 'parent', version: '1.0.1' }, releases: [] }),
      text: 'Parent parent is at 1.0.1, ahead of 1.0.0; 0 advisories open',
    },
  ])('$description', ({ u, text }) => {
    expect(upstreamHeadline(u)).toBe(text);
  });

  it('names each state in words for its badge', () => {
    expect(
      [status(['1.0.0']), status(['1.1.0', '1.0.0']), status(['1.0.0'], [advisory('A-1', '*')])].map(
        (u) => FORK_STATE_LABELS[u.state],
      ),
    ).toEqual(['up to date', 'behind', 'affected']);
  });
});

describe('handlingText', () => {
  it('says how the fork handled an advisory, with its reason, or that it is open', () => {
    expect(handlingText(undefined)).toBe('open');
    expect(handlingText({ id: 'A-1', status: 'fixed' })).toBe('fixed');
    expect(handlingText({ id: 'A-1', status: 'fixed', reason: 'Took 1.1.0.' })).toBe('fixed: Took 1.1.0.');
    expect(handlingText({ id: 'A-1', status: 'not-affected', reason: 'No EBS.' })).toBe('not affected: No EBS.');
    expect(handlingText({ id: 'A-1', status: 'accepted', reason: 'Dev only.' })).toBe('accepted: Dev only.');
  });
});

describe('forkTree', () => {
  const entry = (id: string, parent: string, state?: 'behind'): TreeEntry => ({
    id,
    meta: { title: id.toUpperCase(), version: '0.1.0', forkedFrom: forked(parent, '1.0.0') },
    ...(state && { upstream: { state } }),
  });

  it('nests forks under their own parent, in lineage order, with state, reason and changes', () => {
    // Lineage.descendants is breadth first: root's forks, then theirs.
    const tree = forkTree('root', [
      entry('a', 'root'),
      entry('b', 'root', 'behind'),
      entry('a1', 'a'),
      entry('b1', 'b'),
    ]);
    const shape = (nodes: readonly ForkNode[]): unknown[] =>
      nodes.map((n) => [n.id, n.state ?? 'no parent status', n.children.length > 0 ? shape(n.children) : []]);
    expect(shape(tree)).toEqual([
      ['a', 'no parent status', [['a1', 'no parent status', []]]],
      ['b', 'behind', [['b1', 'no parent status', []]]],
    ]);
    expect(tree[1]).toMatchObject({
      title: 'B',
      version: '0.1.0',
      forkedFrom: {
        id: 'root',
        version: '1.0.0',
        reason: 'Why it left root.',
        changes: [{ change: 'What it changed from root.' }],
      },
    });
  });

  it('shows each fork once and never loops, whatever it is given', () => {
    const tree = forkTree('root', [
      entry('a', 'root'),
      entry('root', 'a'),
      entry('a', 'root'),
      entry('stray', 'elsewhere'),
    ]);
    expect(tree.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([['a', []]]);
  });
});
