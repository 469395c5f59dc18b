import schema from '../../schema/architecture.schema.json' with { type: 'json' };

/** One release of an entry, as its CHANGELOG.md heading states it. */
export interface Release {
  readonly version: string;
  /** YYYY-MM-DD, when the heading gives a real calendar date. */
  readonly date?: string;
  /** The bullet points under the heading, without their markers. */
  readonly notes: readonly string[];
  /** 1-based line of the heading, for messages. */
  readonly line: number;
}

/** A piece of a line as written, with its 1-based column. */
export interface Written {
  readonly text: string;
  readonly col: number;
}

/**
 * A heading that starts like a release (`## 1…`, `## v1…`, `## [1…`), as written,
 * whether or not it is a good one: validation judges these, the site reads `releases`.
 */
export interface ReleaseHeading {
  readonly line: number;
  /** Number of `#`: a release heading has two. */
  readonly level: number;
  readonly version: Written;
  readonly date?: Written;
  /** Text after the version that is not ` - <date>`. */
  readonly extra?: Written;
}

/** A bullet under a release, as the site shows it, with where it starts. */
export interface Note extends Written {
  readonly line: number;
}

/** Everything read from CHANGELOG.md. */
export interface Changelog {
  /** Releases newest first, as written: headings with a semantic version, at level 2. */
  readonly releases: readonly Release[];
  readonly headings: readonly ReleaseHeading[];
  /** Every note of `releases`, in file order. */
  readonly notes: readonly Note[];
}

// The version rule of architecture.yaml, so the newest heading can equal it (OAR211).
const SEMVER = new RegExp(schema.properties.version.pattern, 'u');
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
// CommonMark ATX heading; every part is delimited by a character the part before cannot hold, so nothing backtracks.
// The s flag: `.` must not stop at U+2028, which would hide the rest of a line from the checks.
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*)$/dsu;
const RELEASE_LIKE = /^\[?v?(\d[^\s[\]()]*)\]?[ \t]*(.*)$/dsu;
const DATE_PART = /^(?:[-–—][ \t]*(\S+)|\([ \t]*([^\s()]+)[ \t]*\))$/du;
const BULLET = /^\s*[-*]\s+(.*)$/dsu;

/** The lines of a Markdown text: CommonMark ends a line at LF, CRLF or a lone CR. */
export function markdownLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

/** True for a semantic version as architecture.yaml's `version` accepts it. */
export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** True for YYYY-MM-DD naming a day that exists (no 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!DATE.test(date)) return false;
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
}

/** Reads CHANGELOG.md once: the releases the site shows, and every release-like heading for validation. */
export function readChangelog(text: string): Changelog {
  const releases: Release[] = [];
  const headings: ReleaseHeading[] = [];
  const notes: Note[] = [];
  let current: { notes: string[] } | undefined;
  for (const [i, line] of markdownLines(text).entries()) {
    const heading = HEADING.exec(line.trimEnd());
    if (heading) {
      const level = heading[1]?.length ?? 0;
      const parsed = releaseHeading(heading[2] ?? '', (heading.indices?.[2]?.[0] ?? 0) + 1, i + 1, level);
      if (parsed) headings.push(parsed);
      if (level > 2 && !parsed) continue; // a subsection (### Added) of the release above
      current = undefined;
      if (parsed && parsed.level === 2 && isSemver(parsed.version.text)) {
        const date = parsed.extra === undefined ? parsed.date?.text : undefined;
        current = { notes: [] };
        releases.push({
          version: parsed.version.text,
          ...(date !== undefined && isCalendarDate(date) && { date }),
          notes: current.notes,
          line: i + 1,
        });
      }
      continue;
    }
    const bullet = current && BULLET.exec(line);
    if (current && bullet) {
      const raw = bullet[1] ?? '';
      const text = raw.trim();
      current.notes.push(text);
      notes.push({ text, line: i + 1, col: (bullet.indices?.[1]?.[0] ?? 0) + raw.length - raw.trimStart().length + 1 });
    }
  }
  return { releases, headings, notes };
}

/** Releases from CHANGELOG.md, newest first, as written. */
export function parseChangelog(text: string): Release[] {
  return [...readChangelog(text).releases];
}

function releaseHeading(text: string, col: number, line: number, level: number): ReleaseHeading | undefined {
  const m = RELEASE_LIKE.exec(text);
  if (!m) return undefined;
  const at = (group: number) => col + (m.indices?.[group]?.[0] ?? 0);
  const version = { text: m[1] ?? '', col: at(1) };
  const rest = m[2] ?? '';
  if (rest === '') return { line, level, version };
  const date = DATE_PART.exec(rest);
  if (!date) return { line, level, version, extra: { text: rest, col: at(2) } };
  const group = date[1] === undefined ? 2 : 1;
  const span: readonly number[] = date.indices?.[group] ?? [0];
  return { line, level, version, date: { text: date[group] ?? '', col: at(2) + (span[0] ?? 0) } };
}
