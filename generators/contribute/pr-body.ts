import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import {
  checkMarkdown,
  validateMarkdown,
  type CheckedReport,
  type ValidateJson,
} from '../../scripts/tasks/report/markdown.ts';

/**
 * The checklist of the repository's PR template, ticked where oar has just
 * verified the item: validate, check, and one folder (the branch holds only the entry's).
 */
export function checklist(template: string | undefined, verified: { validate: boolean; check: boolean }): string[] {
  const items = (template ?? '').split('\n').filter((l) => /^- \[[ x]\] /u.test(l));
  return items.map((l) => {
    const done =
      (verified.validate && l.includes('oar validate')) ||
      (verified.check && l.includes('oar check')) ||
      l.includes('touches one entry folder');
    return done ? l.replace('- [ ]', '- [x]') : l;
  });
}

/** The title of the PR that proposes an entry. */
export function prTitle(entry: ResolvedEntry): string {
  const parent = entry.meta.forkedFrom;
  return parent
    ? `${entry.id} ${entry.meta.version}: fork of ${parent.id} ${parent.version}`
    : `${entry.id} ${entry.meta.version}: ${entry.meta.title}`;
}

/**
 * The PR body, generated from the entry: its summary, its lineage with the
 * reason and changes, the validate and check reports, and the template's checklist.
 */
export function prBody(
  entry: ResolvedEntry,
  reports: { validate: ValidateJson; check: CheckedReport },
  template: string | undefined,
): string {
  const m = entry.meta;
  const parent = m.forkedFrom;
  const lineage = parent
    ? [
        `### Forked from ${parent.id} ${parent.version}`,
        '',
        parent.reason,
        '',
        'What changed:',
        ...parent.changes.map((c) => `- ${c.change}`),
      ]
    : ['### A new entry', '', 'This entry has no parent in the catalogue.'];
  const failed = reports.check.entries.some((e) => e.status === 'failed');
  return [
    `## ${m.title}`,
    '',
    m.summary,
    '',
    `\`architectures/${entry.id}/\` · version ${m.version} · ${m.status} · ${m.services.length} services · ${m.failureModes.length} failure modes`,
    '',
    ...lineage,
    '',
    '### Checks run by `oar propose`',
    '',
    validateMarkdown(reports.validate),
    '',
    checkMarkdown(reports.check),
    '',
    '### Checklist',
    '',
    ...checklist(template, { validate: reports.validate.ok, check: !failed }),
    '',
    '<!-- Opened with `oar propose`; running it again updates this PR. -->',
  ].join('\n');
}
