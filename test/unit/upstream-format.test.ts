import { describe, expect, it } from 'vitest';
import { formatUpstream } from '../../generators/upstream/format-upstream.ts';
import type { UpstreamReport } from '../../generators/upstream/upstream-report.ts';

const report: UpstreamReport = {
  fork: 'tiny-lite',
  forkVersion: '0.2.0',
  parent: 'tiny-web',
  base: '1.2.0',
  commit: null,
  parentVersion: '1.2.0',
  state: 'up-to-date',
  newer: [],
  advisories: [
    {
      advisory: {
        id: '2026-002-no-fix',
        date: '2026-12-02',
        severity: 'medium',
        title: 'Logs are kept for a day',
        affected: '>=1.0.0',
        impact: 'Old logs are gone.',
        mitigation: 'Raise the retention by hand.',
      },
      handling: { id: '2026-002-no-fix', status: 'not-affected', reason: 'The fork ships its logs elsewhere.' },
    },
  ],
  open: 0,
  changes: { unknown: 'the diff needs forkedFrom.commit' },
};

describe('oar upstream as text', () => {
  it('shows a handled advisory with its mitigation, and no next step when the parent has not moved', () => {
    expect(formatUpstream(report)).toBe(
      [
        'tiny-lite 0.2.0 is a fork of tiny-web 1.2.0; tiny-web is now at 1.2.0.',
        'State: up-to-date: 0 newer releases, 0 advisories not handled.',
        '',
        'No release of tiny-web since 1.2.0.',
        '',
        'Advisories of tiny-web that apply to 1.2.0:',
        '  2026-002-no-fix (medium) Logs are kept for a day',
        '    affected >=1.0.0, not fixed yet; handled by the fork as not-affected: The fork ships its logs elsewhere.',
        '    impact: Old logs are gone.',
        '    mitigation: Raise the retention by hand.',
        '',
        'Files changed: unknown; the diff needs forkedFrom.commit.',
      ].join('\n'),
    );
  });

  it('says nothing changed when git finds no file of the parent changed', () => {
    const text = formatUpstream({
      ...report,
      commit: 'c'.repeat(40),
      advisories: [],
      changes: { files: [], diff: '' },
    });
    expect(text).toContain(
      'No advisory of tiny-web applies to 1.2.0.\n\nNo file of tiny-web changed since cccccccccccc.',
    );
    expect(text).not.toContain('Next:');
  });
});
