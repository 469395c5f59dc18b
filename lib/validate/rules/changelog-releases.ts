import semver from 'semver';
import { diag, type Diagnostic } from '../../diagnostics.ts';
import { shown } from '../../report/shown.ts';
import { isCalendarDate, isSemver, readChangelog, type ReleaseHeading } from '../../resolve/changelog.ts';
import type { FileRule } from '../rule.ts';
import { firstFew } from './changelog-text.ts';

const EXAMPLE = '`## 1.2.0 - 2026-11-25`';
// No release of a cloud architecture predates this; a year 0000 or 1900 is a typo.
const EARLIEST = '1970-01-01';

/**
 * OAR225: every release heading is `## <semantic version> - <YYYY-MM-DD>` with a
 * day that exists and has come (give or take a time zone), newest version first,
 * none twice. A date the site cannot read broke the RSS feed and so the whole
 * site build; a heading that does not parse would silently not be a release.
 * `today` is a parameter so tests need not move with the calendar.
 */
export function checkReleases(changelog: { file: string; text: string }, today: Date): Diagnostic[] {
  const { headings } = readChangelog(changelog.text);
  const latest = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
  const problems: Diagnostic[] = [];
  const report = (h: ReleaseHeading, col: number, message: string) =>
    problems.push(diag('OAR225', changelog.file, message, { line: h.line, col }));
  const seen = new Map<string, number>();
  let previous: ReleaseHeading | undefined;
  for (const h of headings) {
    const version = h.version.text;
    if (!isSemver(version)) {
      report(
        h,
        h.version.col,
        `release heading version ${shown(version)} is not a semantic version; write e.g. ${EXAMPLE}`,
      );
      continue;
    }
    if (h.level !== 2) {
      report(h, 1, `release ${version} has a level-${h.level} heading; release headings have two #, e.g. ${EXAMPLE}`);
    }
    if (h.extra) {
      report(h, h.extra.col, `release ${version} has ${shown(h.extra.text)} after the version; write ${EXAMPLE}`);
    } else if (h.date) {
      const date = h.date.text;
      const problem = !isCalendarDate(date)
        ? `the date ${shown(date)}, which is not a calendar date in the form YYYY-MM-DD`
        : date < EARLIEST
          ? `the date ${date}, before 1970`
          : date > latest
            ? `the date ${date}, which is still to come`
            : undefined;
      if (problem)
        report(h, h.date.col, `release ${version} has ${problem}; give the day it was released, e.g. ${EXAMPLE}`);
    }
    const first = seen.get(version);
    if (first !== undefined) {
      report(
        h,
        h.version.col,
        `release ${version} is listed twice (first at line ${first}); give each release one section`,
      );
    } else if (previous && semver.gt(version, previous.version.text)) {
      report(
        h,
        h.version.col,
        `release ${version} comes after the older ${previous.version.text} (line ${previous.line}); list releases newest first`,
      );
    }
    if (first === undefined) seen.set(version, h.line);
    previous = h;
  }
  return firstFew(problems, changelog.file, 'release headings with problems');
}

/** OAR225 on an entry's CHANGELOG.md, against today's date. */
export const changelogReleases: FileRule = (entry) =>
  entry.changelog ? checkReleases(entry.changelog, new Date()) : [];
