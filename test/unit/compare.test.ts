import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { comparableEntry } from '../../lib/diff/comparable-entry.ts';
import { compareEntries, type Comparison } from '../../lib/diff/compare.ts';
import { compareView } from '../../lib/diff/compare-view.ts';
import { TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function compare(catalogue: Catalogue, a: string, b: string): Comparison {
  const entry = (id: string) => {
    const e = catalogue.byId.get(id);
    if (!e) throw new Error(`no entry ${id}`);
    return comparableEntry(catalogue.root, e);
  };
  return compareEntries(entry(a), entry(b));
}

describe('compareEntries on the fixture fork', () => {
  const c = compare(openCatalogue(fixture('valid')), 'tiny-web', 'tiny-web-fork');

  it('leads with the scenario whose impact moved, and names the relation', () => {
    expect(c.relation).toEqual({
      fork: 'tiny-web-fork',
      parent: 'tiny-web',
      version: '1.2.0',
      reason: 'EBS outages stalled the instances.',
    });
    expect(c.failureModes.map((f) => [f.scenario, f.impact.from, f.impact.to, f.verdict])).toEqual([
      ['ebs-degradation', 'outage', 'none', 'better'],
      ['az-outage', 'degraded', 'degraded', 'same'],
    ]);
    // Each side keeps its own evidence: the parent's claim, the fork's runbook.
    expect(c.failureModes[0]?.from[0]?.evidence?.checks.map((k) => k.id)).toEqual(['unhealthy-replaced']);
    expect(c.failureModes[0]?.to[0]?.evidence?.operational?.runbook).toBe('when-ebs-degrades');
    expect(c.forkChanges.map((e) => [e.label, e.checks.map((k) => k.id)])).toEqual([
      ['Instance store instead of EBS.', ['no-ebs-volumes']],
    ]);
  });

  it('compares the committed templates by type: the added alarm, the data volume swapped for instance store', () => {
    expect(c.template?.types).toEqual([{ type: 'AWS::CloudWatch::Alarm', from: 0, to: 1 }]);
    expect(c.template?.same).toEqual({ types: 4, resources: 4 });
    expect(c.template?.properties.map((p) => [p.type, p.property, p.removed, p.added])).toEqual([
      ['AWS::AutoScaling::AutoScalingGroup', 'health check', ['ELB,EBS, grace 300 s'], ['ELB, grace 300 s']],
      [
        'AWS::EC2::LaunchTemplate',
        'volumes',
        ['/dev/sdf gp3, 20 GiB, encrypted'],
        ['/dev/sdb instance store ephemeral0'],
      ],
    ]);
  });

  it('keeps sections that do not differ empty, and collapses each list field into one row', () => {
    expect(c.cost).toBeUndefined();
    expect(c.parameters).toEqual([]);
    expect(c.constraints).toEqual([]);
    expect(c.metadata.filter((m) => m.kind === 'list')).toEqual([
      { kind: 'list', field: 'services', added: [], removed: ['ebs'], changed: [] },
      { kind: 'list', field: 'related', added: ['tiny-web'], removed: [], changed: [] },
    ]);
    expect(c.metadata.map((m) => m.field)).not.toContain('forkedFrom');
  });

  it('gives every table a caption, column headers and one row header per row', () => {
    const sections = compareView(c, (id, anchor) => `/architectures/${id}/${anchor ? `#${anchor}` : ''}`);
    expect(sections.map((s) => s.id)).toEqual([
      'failure-modes',
      'fork-changes',
      'template',
      'cost-parameters-constraints',
      'metadata',
    ]);
    for (const table of sections.flatMap((s) => s.tables)) {
      expect(table.caption).not.toBe('');
      for (const row of table.rows) {
        expect(row.cells.filter((cell) => cell.header === true)).toHaveLength(1);
        expect(row.cells).toHaveLength(table.columns.length);
      }
    }
  });
});

describe('compareEntries on the instance-store fork and its parent', () => {
  const catalogue = openCatalogue(REPO);
  const parent = 'java-web-tier-ebs';
  const fork = 'java-web-tier-instance-store';
  const c = compare(catalogue, parent, fork);
  const template = (id: string) =>
    JSON.parse(readFileSync(join(REPO, 'architectures', id, TEMPLATE_SNAPSHOT), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
  const launchData = (id: string) => {
    const lt = Object.values(template(id).Resources).find((r) => r.Type === 'AWS::EC2::LaunchTemplate');
    return lt?.Properties['LaunchTemplateData'] as {
      InstanceType: string;
      BlockDeviceMappings: { DeviceName: string; Ebs?: { VolumeType?: string; VolumeSize?: number } }[];
    };
  };

  it('shows ebs-degradation going from outage to degraded, with the fork changes whose claims prove it', () => {
    const row = c.failureModes.find((f) => f.scenario === 'ebs-degradation');
    // The parent lists EBS degraded in one zone and across the Region; the row weighs the worst of each side.
    const yaml = (id: string) =>
      catalogue.byId
        .get(id)
        ?.meta.failureModes.filter((f) => f.scenario === 'ebs-degradation')
        .map((f) => f.impact);
    expect([row?.from.map((s) => s.impact), row?.to.map((s) => s.impact)]).toEqual([yaml(parent), yaml(fork)]);
    expect(yaml(parent)).toContain('outage');
    expect(yaml(fork)).not.toContain('outage');
    expect(row?.impact).toEqual({ from: 'outage', to: 'degraded' });
    expect(row?.verdict).toBe('better');
    expect(c.failureModes[0]).toBe(row);
    // Every change named shares a claim with the fork's ebs-degradation checks, and every change that does is named.
    const named = new Set(row?.to.flatMap((s) => s.evidence?.checks.map((k) => k.id) ?? []));
    const sharing = c.forkChanges.flatMap((e, i) => (e.checks.some((k) => named.has(k.id)) ? [i] : []));
    expect(row?.forkChanges).toEqual(sharing);
    expect(sharing.length).toBeGreaterThan(0);
    expect(c.forkChanges).toHaveLength(catalogue.byId.get(fork)?.meta.forkedFrom?.changes.length ?? -1);
  });

  it('shows the gp3 data volume removed and the instance type changed, as the two templates have them', () => {
    const [before, after] = [launchData(parent), launchData(fork)];
    const kept = new Set(after.BlockDeviceMappings.map((m) => m.DeviceName));
    const dropped = before.BlockDeviceMappings.filter((m) => !kept.has(m.DeviceName));
    expect(dropped.map((m) => m.Ebs?.VolumeType)).toEqual(['gp3']);
    const volumes = c.template?.properties.find(
      (p) => p.type === 'AWS::EC2::LaunchTemplate' && p.property === 'volumes',
    );
    for (const m of dropped) {
      expect(volumes?.removed).toContainEqual(
        expect.stringMatching(new RegExp(`^${m.DeviceName} gp3, ${String(m.Ebs?.VolumeSize)} GiB`, 'u')),
      );
    }
    expect(volumes?.added.some((v) => v.startsWith(`${[...kept][0] ?? ''} `))).toBe(true);
    const type = c.template?.properties.find((p) => p.property === 'instance type');
    expect(type).toMatchObject({ from: [before.InstanceType], to: [after.InstanceType] });
    expect(before.InstanceType).not.toBe(after.InstanceType);
    // The fork's default parameter is the type its template was synthesized with.
    const param = catalogue.byId.get(fork)?.meta.parameters?.find((p) => p.name === 'instanceType');
    expect(param?.default).toBe(after.InstanceType);
  });

  it('shows the parameters that went with the data volume as removed, and the lifetime default as changed', () => {
    const removed = c.parameters.filter((p) => !p.to).map((p) => p.name);
    expect(removed).toContain('dataVolumeSizeGiB');
    expect(c.parameters.find((p) => p.name === 'maxInstanceLifetimeDays')?.fields).toContain('default');
  });

  it('puts the tags into one row, however many moved', () => {
    const tags = c.metadata.filter((m) => m.field === 'tags');
    expect(tags).toHaveLength(1);
    const [row] = tags;
    const parentTags = new Set(catalogue.byId.get(parent)?.meta.tags);
    expect(row?.kind === 'list' && row.added.every((t) => !parentTags.has(t))).toBe(true);
  });
});
