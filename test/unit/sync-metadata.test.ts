import { describe, expect, it } from 'vitest';
import { mergeFile } from '../../generators/sync/merge-file.ts';
import { recordInChangelog, syncNote } from '../../generators/sync/sync-changelog.ts';
import { moveForkPoint } from '../../generators/sync/move-fork-point.ts';
import { alignedParents, rendered, withForkFields } from '../../generators/sync/sync-metadata.ts';
import { readChangelog } from '../../lib/resolve/changelog.ts';

const parent = (version: string, extra = '') => `# a comment the parent wrote
id: tiny-web
title: Tiny web tier
summary: >-
  A small web tier
  folded over two lines.
version: ${version}
status: stable
tags: [java, fixture]
related: [tiny-queue]
${extra}`;

const fork = `# a comment the parent wrote
id: tiny-lite
title: Tiny web tier (fork)
summary: >-
  A small web tier folded over two lines.
version: 0.2.0
status: draft
tags: [ java, fixture, spot ]
related:
  - tiny-web
  - tiny-queue
forkedFrom:
  id: tiny-web
  version: 1.2.0
  commit: ${'a'.repeat(40)}
  # why the fork exists
  reason: Spot capacity is cheaper.
  changes:
    - change: Spot instances.
  advisories:
    - id: 2026-001-early
      status: fixed
    - id: 2026-002-still
      status: accepted
      reason: The fork runs no such load.
`;

const ADVISORY = `advisories:
  - id: 2026-003-new
    date: "2026-12-01"
`;

describe('oar sync: architecture.yaml', () => {
  it('gives the parent’s versions the fork’s own fields, so a version bump or a new advisory is no conflict', () => {
    const { base, theirs } = alignedParents(parent('1.2.0'), parent('1.3.0', ADVISORY), fork);
    expect(base).toBe(theirs);
    const merged = mergeFile(Buffer.from(fork), Buffer.from(base), Buffer.from(theirs), {
      ours: 'o',
      base: 'b',
      theirs: 't',
    });
    expect(merged.conflicts).toBe(0);
    expect(merged.bytes.toString()).toBe(fork);
  });

  it('renders the parent as oar fork did when the fork’s file was rendered, and as written when it was copied by hand', () => {
    // The fork above was rendered: its summary on one line, its flow lists padded.
    const reworded = parent('1.3.0').replace('folded over two lines.', 'folded over two short lines.');
    const { base, theirs } = alignedParents(parent('1.2.0'), reworded, fork);
    expect(base).toContain('summary: >-\n  A small web tier folded over two lines.\n');
    const merged = mergeFile(Buffer.from(fork), Buffer.from(base), Buffer.from(theirs), {
      ours: 'o',
      base: 'b',
      theirs: 't',
    });
    // As the parent wrote it, the folded summary would read as changed by both sides: a conflict.
    expect(merged.conflicts).toBe(0);
    expect(merged.bytes.toString()).toBe(fork.replace('folded over two lines.', 'folded over two short lines.'));
    const tagsChanged = parent('1.3.0').replace('[java, fixture]', '[java, fixture, web]');
    const byHand = withForkFields(parent('1.2.0'), fork).replace(
      'tags: [java, fixture]',
      'tags: [java, fixture, spot]',
    );
    expect(alignedParents(parent('1.2.0'), tagsChanged, byHand).base).toContain('summary: >-\n  A small web tier\n');
  });

  it('puts a fork field the parent lacks after the field before it in the fork, and drops one the fork lacks', () => {
    const text = withForkFields(parent('1.2.0', 'replacedBy: tiny-web-2\n'), fork);
    expect(text).not.toContain('replacedBy');
    expect(text.indexOf('forkedFrom:')).toBeGreaterThan(text.indexOf('  - tiny-queue'));
    expect(text.startsWith('# a comment the parent wrote\nid: tiny-lite\ntitle: Tiny web tier (fork)\n')).toBe(true);
  });

  it('leaves text that is not a block mapping as it is', () => {
    expect(withForkFields('id: [\n', fork)).toBe('id: [\n');
    expect(rendered('id: [\n')).toBe('id: [\n');
  });

  it('moves the fork point forward, drops handlings that no longer apply, and keeps every other byte', () => {
    const moved = moveForkPoint(fork, {
      version: '1.3.0',
      commit: 'c'.repeat(40),
      applies: (id) => id === '2026-002-still',
    });
    expect(moved.dropped).toEqual(['2026-001-early']);
    const expected = fork
      .replace('version: 1.2.0', 'version: 1.3.0')
      .replace('a'.repeat(40), 'c'.repeat(40))
      .replace('    - id: 2026-001-early\n      status: fixed\n', '');
    expect(moved.text).toBe(expected);
    const none = moveForkPoint(fork, { version: '2.0.0', commit: 'c'.repeat(40), applies: () => false });
    expect(none.dropped).toEqual(['2026-001-early', '2026-002-still']);
    expect(none.text).not.toContain('advisories');
    expect(none.text).toContain('  # why the fork exists\n');
  });
});

describe('oar sync: the fork point of a fork written by hand', () => {
  const byHand = `forkedFrom:
  id: tiny-web
  version: "1.2.0"
  commit: ${'a'.repeat(40)} # recorded by hand
  reason: >-
    Folded over
    two lines.
  changes:
    - change: Spot instances.
      checks: [spot, no-ebs]
`;

  it('changes only the two values, in their own quoting, and keeps folded text and flow lists', () => {
    const digits = '1234567890'.repeat(4);
    expect(moveForkPoint(byHand, { version: '1.3.0', commit: digits, applies: () => true })).toEqual({
      text: byHand.replace('"1.2.0"', '"1.3.0"').replace('a'.repeat(40), `"${digits}"`),
      dropped: [],
    });
  });
});

describe('oar sync: the CHANGELOG line', () => {
  const note = syncNote({
    parent: 'tiny-web',
    from: '1.2.0',
    to: '1.3.0',
    commit: 'c'.repeat(40),
    files: 1,
    conflicts: 0,
  });
  const log = '# Changelog\n\n## 0.1.0 - 2026-12-01\n\n- Forked from tiny-web 1.2.0.\n';

  it('says what was synced', () => {
    expect(note).toBe('Synced with tiny-web 1.3.0 (from 1.2.0, commit cccccccccccc): 1 file merged, 0 with conflicts.');
  });

  it('goes under ## Unreleased, so the newest release stays the version in architecture.yaml (OAR211)', () => {
    const once = recordInChangelog(log, note);
    expect(once).toBe(
      `# Changelog\n\n## Unreleased\n\n- ${note}\n\n## 0.1.0 - 2026-12-01\n\n- Forked from tiny-web 1.2.0.\n`,
    );
    const { releases, headings } = readChangelog(once);
    expect(headings[0]?.line).toBe(releases[0]?.line);
    expect(releases.map((r) => r.version)).toEqual(['0.1.0']);
    const twice = recordInChangelog(once, 'Second.');
    expect(twice).toBe(
      `# Changelog\n\n## Unreleased\n\n- Second.\n- ${note}\n\n## 0.1.0 - 2026-12-01\n\n- Forked from tiny-web 1.2.0.\n`,
    );
    expect(recordInChangelog(log.replaceAll('\n', '\r\n'), note)).toBe(once.replaceAll('\n', '\r\n'));
  });
});
