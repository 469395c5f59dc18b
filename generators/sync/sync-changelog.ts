import { markdownLines, readChangelog } from '../../lib/resolve/changelog.ts';

/** What one sync did, for its CHANGELOG line. */
export interface SyncSummary {
  readonly parent: string;
  readonly from: string;
  readonly to: string;
  readonly commit: string;
  /** Files merged, added or deleted, conflicts included. */
  readonly files: number;
  readonly conflicts: number;
}

/** The line that records a sync, e.g. "Synced with tiny-web 1.3.0 (from 1.2.0, commit 0123456789ab): 3 files merged, 0 with conflicts." */
export function syncNote(s: SyncSummary): string {
  const files = `${String(s.files)} file${s.files === 1 ? '' : 's'}`;
  return `Synced with ${s.parent} ${s.to} (from ${s.from}, commit ${s.commit.slice(0, 12)}): ${files} merged, ${String(s.conflicts)} with conflicts.`;
}

const UNRELEASED = /^## +Unreleased\s*$/iu;

/**
 * The fork's CHANGELOG.md with `note` under `## Unreleased` at the top, made when missing. The
 * sync is not a release: the newest release heading must stay the version in architecture.yaml
 * (OAR211), and an Unreleased section is no release heading, so the file still validates; the
 * maintainer turns it into the next release.
 */
export function recordInChangelog(text: string, note: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = markdownLines(text);
  const firstRelease = (readChangelog(text).headings[0]?.line ?? lines.length + 1) - 1;
  const heading = lines.slice(0, firstRelease).findIndex((line) => UNRELEASED.test(line));
  if (heading === -1) {
    const at = Math.min(firstRelease, lines.length);
    const section = ['## Unreleased', '', `- ${note}`, ''];
    if (at > 0 && lines[at - 1] !== '') section.unshift('');
    lines.splice(at, 0, ...section);
  } else {
    let at = heading + 1;
    while (lines[at] === '') at++;
    const bullet = [`- ${note}`];
    if (at === heading + 1) bullet.unshift('');
    if (!/^\s*[-*]\s/u.test(lines[at] ?? '')) bullet.push('');
    lines.splice(at, 0, ...bullet);
  }
  return lines.join(eol);
}
