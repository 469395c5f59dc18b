import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';

const valid = fixture('valid');

describe('oar list / show / search / diff', () => {
  it('lists entries as a table and as JSON', async () => {
    const table = await runOar(['list', '--root', valid]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatchInlineSnapshot(`
      "ID             VERSION  STATUS  TITLE
      tiny-web       1.2.0    stable  Tiny web tier
      tiny-web-fork  0.1.0    draft   Tiny web tier without EBS"
    `);
    const json = JSON.parse((await runOar(['list', '--root', valid, '--status', 'draft', '--json'])).stdout) as {
      id: string;
    }[];
    expect(json.map((e) => e.id)).toEqual(['tiny-web-fork']);
  });

  it('lists how each entry keeps its promises, and marks each promise in show', async () => {
    const root = fixture('claims');
    expect((await runOar(['list', '--root', root, '--claims'])).stdout).toBe(
      [
        'ID          STATUS  CLAIMS  PROMISES  CHECKED  OPERATIONAL  NEITHER',
        'tiny-fifo   draft   4       4         4        0            0',
        'tiny-queue  stable  3       3         3        0            0',
        '2 entries           7       7         7        0            0',
      ].join('\n'),
    );
    const shown = (await runOar(['show', 'tiny-fifo', '--root', root])).stdout;
    expect(shown).toContain(
      '- bad-deployment: degraded. A message that fails five times moves to the dead-letter queue. [checked by poison-to-dlq; runbook: redrive-the-dead-letter-queue]',
    );
    expect(shown).toContain('    - Both queues are FIFO queues. [checked by fifo-queues]');
    expect((await runOar(['show', 'tiny-web', '--root', valid])).stdout).toContain('[checked by two-zones]');
    expect((await runOar(['show', 'tiny-web-fork', '--root', valid])).stdout).toContain('[runbook: when-a-zone-fails]');
  });

  it('filters by service', async () => {
    const run = await runOar(['list', '--root', valid, '--service', 'ebs', '--json']);
    expect((JSON.parse(run.stdout) as { id: string }[]).map((e) => e.id)).toEqual(['tiny-web']);
  });

  it('shows an entry with its lineage', async () => {
    const run = await runOar(['show', 'tiny-web-fork', '--root', valid]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('forked from tiny-web 1.2.0: EBS outages stalled the instances.');
    expect(run.stdout).toContain('- ebs-degradation: none. Replace the instances.');
    const parent = JSON.parse((await runOar(['show', 'tiny-web', '--root', valid, '--json'])).stdout) as {
      lineage: { forks: string[] };
    };
    expect(parent.lineage.forks).toEqual(['tiny-web-fork']);
  });

  it('suggests the closest id for an unknown entry', async () => {
    const run = await runOar(['show', 'tiny-wbe', '--root', valid]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error OAR301: no valid entry with id "tiny-wbe"; did you mean tiny-web?');
  });

  it('searches with the site index', async () => {
    const run = await runOar(['search', 'java', 'without', 'ebs', '--root', valid, '--json']);
    const hits = JSON.parse(run.stdout) as { id: string; score: number }[];
    expect(hits[0]?.id).toBe('tiny-web-fork');
    expect(hits.length).toBe(2);
  });

  it('rejects a query with no words and a bad limit', async () => {
    expect((await runOar(['search', '::', '--root', valid])).code).toBe(2);
    expect((await runOar(['search', 'java', '--limit', 'lots', '--root', valid])).stderr).toContain(
      '--limit must be a whole number',
    );
  });

  it('diffs a fork against its parent', async () => {
    const run = await runOar(['diff', 'tiny-web', 'tiny-web-fork', '--root', valid]);
    expect(run.stdout).toMatchInlineSnapshot(`
      "--- tiny-web 1.2.0
      +++ tiny-web-fork 0.1.0
      tiny-web-fork is a fork of tiny-web 1.2.0: EBS outages stalled the instances.

      Failure modes
        ebs-degradation: outage -> none (better)
        az-outage: degraded -> degraded (same)

      What tiny-web-fork changes, and the proof
        1. Instance store instead of EBS. [checked by no-ebs-volumes]

      Metadata
        ~ title: "Tiny web tier" -> "Tiny web tier without EBS"
        ~ version: "1.2.0" -> "0.1.0"
        ~ status: "stable" -> "draft"
        services: +0 -1: -ebs
        related: +1 -0: +tiny-web

      Template: resource types: 1 added, 0 removed, 0 with another count; 2 key properties differ (--template shows them)"
    `);
  });
});

describe('oar new / fork (writing)', () => {
  let cat: { root: string; dispose: () => void };
  beforeEach(() => {
    cat = tempCatalogue('valid');
  });
  afterEach(() => {
    cat.dispose();
  });

  it('scaffolds an entry that validates at once', async () => {
    const run = await runOar(['new', 'queue-workers', '--author', 'Ada', '--github', 'ada', '--root', cat.root]);
    expect(run.stdout).toContain('created architectures/queue-workers/');
    expect(run.stdout).toContain('ok: 1 entry valid, 0 warnings');
    expect(run.code).toBe(0);
    const yaml = readFileSync(join(cat.root, 'architectures/queue-workers/architecture.yaml'), 'utf8');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/architecture.schema.json');
    expect((await runOar(['validate', '--root', cat.root])).code).toBe(0);
  });

  it('refuses a bad id and an existing folder without touching it', async () => {
    expect((await runOar(['new', 'Bad_Id', '--root', cat.root])).stderr).toContain(
      'error OAR303: "Bad_Id" is not a valid entry id',
    );
    const file = join(cat.root, 'architectures/tiny-web/README.mdx');
    const before = readFileSync(file, 'utf8');
    const run = await runOar(['new', 'tiny-web', '--root', cat.root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error OAR302: architectures/tiny-web already exists; choose another id, or delete or rename that folder first',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('forks an entry: lineage recorded, version reset, CHANGELOG started, comments kept', async () => {
    const run = await runOar([
      'fork',
      'tiny-web',
      '--as',
      'tiny-web-spot',
      '--reason',
      'Spot capacity is cheaper.',
      '--change',
      'Spot instances.',
      '--root',
      cat.root,
    ]);
    expect(run.stdout).toContain('forked tiny-web 1.2.0 as architectures/tiny-web-spot/');
    expect(run.code).toBe(0);
    const dir = join(cat.root, 'architectures/tiny-web-spot');
    const yaml = readFileSync(join(dir, 'architecture.yaml'), 'utf8');
    expect(yaml).toContain('# yaml-language-server: $schema=../../../../../schema/architecture.schema.json');
    expect(yaml).toMatch(/^id: tiny-web-spot$/m);
    expect(yaml).toMatch(/^version: 0\.1\.0$/m);
    expect(yaml).toMatch(/^status: draft$/m);
    expect(yaml).toContain(
      'forkedFrom:\n  id: tiny-web\n  version: 1.2.0\n  reason: Spot capacity is cheaper.\n  changes:\n    - change: Spot instances.',
    );
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toMatchInlineSnapshot(`
      "# Changelog

      ## 0.1.0 - ${new Date().toISOString().slice(0, 10)}

      - Forked from tiny-web 1.2.0: Spot capacity is cheaper.
      - Spot instances.
      "
    `);
    expect(existsSync(join(dir, 'diagrams/main.mmd'))).toBe(true);
    const diff = await runOar(['diff', 'tiny-web', 'tiny-web-spot', '--root', cat.root]);
    expect(diff.stdout).toContain('tiny-web-spot is a fork of tiny-web 1.2.0');
  });

  it('refuses to fork over an existing folder, and to fork an unknown entry', async () => {
    const target = join(cat.root, 'architectures/tiny-web-fork/architecture.yaml');
    const before = readFileSync(target, 'utf8');
    const run = await runOar(['fork', 'tiny-web', '--as', 'tiny-web-fork', '--reason', 'Again.', '--root', cat.root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error OAR302: architectures/tiny-web-fork already exists');
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect((await runOar(['fork', 'nope', '--as', 'x-y-z', '--reason', 'Why.', '--root', cat.root])).stderr).toContain(
      'OAR301',
    );
  });

  it('reports validation errors of a named entry only', async () => {
    writeFileSync(join(cat.root, 'architectures/tiny-web-fork/architecture.yaml'), 'id: [\n');
    const scoped = await runOar(['validate', 'tiny-web', '--root', cat.root]);
    expect(scoped.code).toBe(0);
    const all = await runOar(['validate', '--root', cat.root, '--json']);
    expect(all.code).toBe(1);
    const report = JSON.parse(all.stdout) as {
      ok: boolean;
      diagnostics: { code: string; file: string; line: number }[];
    };
    expect(report.ok).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({
      code: 'OAR010',
      file: 'architectures/tiny-web-fork/architecture.yaml',
    });
    expect((await runOar(['validate', 'nope', '--root', cat.root])).stderr).toContain('error OAR301');
  });
});
