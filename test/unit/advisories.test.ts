import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Advisory } from '../../schema/architecture.ts';
import {
  advisoriesAffecting,
  affects,
  blocksFork,
  compareAdvisories,
  forkAdvisories,
  isRange,
  isSeverity,
} from '../../lib/resolve/advisories.ts';
import { upstreamStatus } from '../../lib/resolve/upstream.ts';
import { runOar } from '../helpers/run-cli.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

const advisory = (id: string, over: Partial<Advisory> = {}): Advisory => ({
  id,
  date: '2026-12-01',
  severity: 'medium',
  title: `Advisory ${id}`,
  affected: '<1.1.0',
  fixedIn: '1.1.0',
  impact: 'Something goes wrong.',
  ...over,
});

const forkedFrom = (version: string, advisories?: { id: string; status: 'fixed' }[]) => ({
  id: 'parent',
  version,
  reason: 'Because.',
  changes: [{ change: 'One.' }] as [{ change: string }],
  ...(advisories && { advisories }),
});

describe('advisory ranges', () => {
  it('reads semver ranges, prereleases included, and nothing else', () => {
    expect(isRange('>=1.0.0 <1.1.0')).toBe(true);
    expect(isRange('one point oh')).toBe(false);
    expect(affects(advisory('a'), '1.0.1')).toBe(true);
    expect(affects(advisory('a'), '1.1.0')).toBe(false);
    expect(affects(advisory('a', { affected: '<0.2.0' }), '0.2.0-rc.1')).toBe(true);
    expect(affects(advisory('a', { affected: 'nonsense' }), '1.0.0')).toBe(false);
    expect(isSeverity('critical')).toBe(true);
    expect(isSeverity('urgent')).toBe(false);
  });

  it('orders the worst first, then the newest, then by id', () => {
    const list = [
      advisory('b', { severity: 'low', date: '2026-12-05' }),
      advisory('c', { severity: 'critical', date: '2026-11-01' }),
      advisory('a', { severity: 'low', date: '2026-12-05' }),
      advisory('d', { severity: 'low', date: '2026-12-06' }),
    ];
    expect([...list].sort(compareAdvisories).map((a) => a.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(advisoriesAffecting({ advisories: list }, '1.1.0')).toEqual([]);
    expect(advisoriesAffecting({ advisories: list }, '1.0.0').map((a) => a.id)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('stops a stable fork only at high or critical', () => {
    expect(blocksFork('high', 'stable')).toBe(true);
    expect(blocksFork('critical', 'stable')).toBe(true);
    expect(blocksFork('medium', 'stable')).toBe(false);
    expect(blocksFork('critical', 'draft')).toBe(false);
  });
});

describe('a fork against its parent', () => {
  const parent = {
    meta: {
      id: 'parent',
      version: '1.2.0',
      advisories: [advisory('old'), advisory('new', { affected: '<1.2.0', fixedIn: '1.2.0' })],
    },
    releases: [
      { version: '1.2.0', notes: ['Fix two.'], line: 3 },
      { version: '1.1.0', notes: ['Fix one.'], line: 7 },
      { version: '1.0.0', notes: ['First.'], line: 11 },
    ],
  };

  it('is affected while an applying advisory is unhandled', () => {
    const status = upstreamStatus(forkedFrom('1.0.0', [{ id: 'old', status: 'fixed' }]), parent);
    expect(status.newer.map((r) => r.version)).toEqual(['1.2.0', '1.1.0']);
    expect(status.advisories.map((a) => [a.advisory.id, a.handling?.status])).toEqual([
      ['new', undefined],
      ['old', 'fixed'],
    ]);
    expect(status.open.map((a) => a.advisory.id)).toEqual(['new']);
    expect(status.state).toBe('affected');
  });

  it('is behind once every advisory is handled, and up to date at the parent version', () => {
    const handled = forkedFrom('1.1.0', [{ id: 'new', status: 'fixed' }]);
    expect(forkAdvisories(parent.meta, handled).map((a) => a.advisory.id)).toEqual(['new']);
    expect(upstreamStatus(handled, parent).state).toBe('behind');
    expect(upstreamStatus(forkedFrom('1.2.0'), parent)).toMatchObject({ state: 'up-to-date', newer: [], open: [] });
  });
});

describe('oar show with advisories', () => {
  let cat: ReturnType<typeof tempCatalogue>;
  beforeEach(() => {
    cat = tempCatalogue('valid');
  });
  afterEach(() => {
    cat.dispose();
  });

  it('lists the parent advisories, and the fork says where it stands', async () => {
    const parentYaml = join(cat.root, 'architectures/tiny-web/architecture.yaml');
    writeFileSync(
      parentYaml,
      `${readFileSync(parentYaml, 'utf8')}advisories:
  - id: 2026-001-small-disk
    date: "2026-12-01"
    severity: high
    title: The data volume fills up
    affected: "<1.2.0"
    fixedIn: 1.2.0
    impact: Writes fail when the disk is full.
  - id: 2026-002-open-port
    date: "2026-12-02"
    severity: low
    title: A port is open
    affected: "<=1.2.0"
    mitigation: Close the port in the security group.
    impact: Noise in the logs.
`,
    );
    const shown = (await runOar(['show', 'tiny-web', '--root', cat.root])).stdout;
    expect(shown).toContain(
      [
        'Advisories',
        '  - [high] tiny-web/2026-001-small-disk (2026-12-01; affects <1.2.0; fixed in 1.2.0): The data volume fills up',
        '  - [low] tiny-web/2026-002-open-port (2026-12-02; affects <=1.2.0; no fix yet, INCLUDING THIS VERSION): A port is open',
      ].join('\n'),
    );
    const fork = await runOar(['show', 'tiny-web-fork', '--root', cat.root]);
    expect(fork.stdout).toContain('  Up to date with tiny-web 1.2.0; 1 advisory open: run oar upstream tiny-web-fork');
    const json = JSON.parse((await runOar(['show', 'tiny-web-fork', '--root', cat.root, '--json'])).stdout) as {
      upstream: { state: string; open: { advisory: { id: string } }[] };
    };
    expect([json.upstream.state, json.upstream.open.map((o) => o.advisory.id)]).toEqual([
      'affected',
      ['2026-002-open-port'],
    ]);
  });
});
