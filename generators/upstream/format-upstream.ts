import { plural } from '../../lib/plural.ts';
import type { UpstreamReport } from './upstream-report.ts';

/** `oar upstream` as text: where the fork stands, then releases, advisories and the diff of the parent's folder. */
export function formatUpstream(r: UpstreamReport): string {
  const at = r.commit === null ? '' : ` (commit ${r.commit.slice(0, 12)})`;
  const lines = [
    `${r.fork} ${r.forkVersion} is a fork of ${r.parent} ${r.base}${at}; ${r.parent} is now at ${r.parentVersion}.`,
    `State: ${r.state}: ${plural(r.newer.length, 'newer release')}, ${plural(r.open, 'advisory', 'advisories')} not handled.`,
    '',
    ...releases(r),
    '',
    ...advisories(r),
    '',
    ...changes(r),
  ];
  const moved = r.newer.length > 0 || ('files' in r.changes && r.changes.files.length > 0);
  if (moved) {
    lines.push(
      '',
      `Next: oar sync ${r.fork} --dry-run shows how these changes merge into the fork; oar sync ${r.fork} merges them.`,
    );
  }
  return lines.join('\n');
}

function releases(r: UpstreamReport): string[] {
  if (r.newer.length === 0) return [`No release of ${r.parent} since ${r.base}.`];
  return [
    `Releases of ${r.parent} since ${r.base}:`,
    ...r.newer.flatMap((release) => [
      `  ${release.version}${release.date === null ? '' : ` - ${release.date}`}`,
      ...release.notes.map((note) => `    - ${note}`),
    ]),
  ];
}

function advisories(r: UpstreamReport): string[] {
  if (r.advisories.length === 0) return [`No advisory of ${r.parent} applies to ${r.base}.`];
  return [
    `Advisories of ${r.parent} that apply to ${r.base}:`,
    ...r.advisories.flatMap(({ advisory: a, handling: h }) => [
      `  ${a.id} (${a.severity}) ${a.title}`,
      `    affected ${a.affected}, ${a.fixedIn === undefined ? 'not fixed yet' : `fixed in ${a.fixedIn}`}; ${
        h === null
          ? 'not handled by the fork'
          : `handled by the fork as ${h.status}${h.reason === undefined ? '' : `: ${h.reason}`}`
      }`,
      `    impact: ${a.impact}`,
      ...(a.upgrade === undefined ? [] : [`    upgrade: ${a.upgrade}`]),
      ...(a.mitigation === undefined ? [] : [`    mitigation: ${a.mitigation}`]),
    ]),
  ];
}

function changes(r: UpstreamReport): string[] {
  const c = r.changes;
  if ('unknown' in c) return [`Files changed: unknown; ${c.unknown}.`];
  const since = (r.commit ?? '').slice(0, 12);
  if (c.files.length === 0) return [`No file of ${r.parent} changed since ${since}.`];
  return [
    `Files of ${r.parent} changed since ${since}:`,
    ...c.files.map((f) => `  ${f.status} ${f.path}`),
    '',
    c.diff.trimEnd(),
  ];
}
