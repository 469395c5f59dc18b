import { diag } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';

const HEADING = /^##\s+\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?/;

/** OAR211: the newest CHANGELOG.md heading is the version in architecture.yaml, so users see what changed. */
export const changelogVersion: EntryRule = ({ loaded, meta }) => {
  const changelog = loaded.changelog;
  if (!changelog) return [];
  const lines = changelog.text.split(/\r?\n/);
  const index = lines.findIndex((l) => HEADING.test(l));
  if (index === -1) {
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
  const newest = HEADING.exec(lines[index] ?? '')?.[1];
  if (newest === meta.version) return [];
  return [
    diag(
      'OAR211',
      changelog.file,
      `newest CHANGELOG.md heading is ${String(newest)}, but architecture.yaml has version ${meta.version}; add a \`## ${meta.version}\` section at the top or fix the version`,
      { line: index + 1, col: 1 },
    ),
  ];
};
