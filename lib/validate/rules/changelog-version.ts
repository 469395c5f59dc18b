import { diag } from '../../diagnostics.ts';
import { readChangelog } from '../../resolve/changelog.ts';
import type { EntryRule } from '../rule.ts';

/** OAR211: the newest CHANGELOG.md heading is the version in architecture.yaml, so users see what changed. */
export const changelogVersion: EntryRule = ({ loaded, meta }) => {
  const changelog = loaded.changelog;
  if (!changelog) return [];
  const { releases, headings } = readChangelog(changelog.text);
  const newest = releases[0];
  // A release heading above it that does not parse is OAR225's to report; "newest is X" would mislead.
  if (headings[0] && headings[0].line !== newest?.line) return [];
  if (!newest) {
    return [
      diag(
        'OAR211',
        changelog.file,
        `CHANGELOG.md has no version heading; add \`## ${meta.version} - YYYY-MM-DD\` with what changed`,
        {
          line: 1,
          col: 1,
        },
      ),
    ];
  }
  if (newest.version === meta.version) return [];
  return [
    diag(
      'OAR211',
      changelog.file,
      `newest CHANGELOG.md heading is ${newest.version}, but architecture.yaml has version ${meta.version}; add a \`## ${meta.version}\` section at the top or fix the version`,
      { line: newest.line, col: 1 },
    ),
  ];
};
