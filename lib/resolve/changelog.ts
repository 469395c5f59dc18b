/** One release of an entry, as its CHANGELOG.md heading states it. */
export interface Release {
  readonly version: string;
  /** YYYY-MM-DD, when the heading gives one. */
  readonly date?: string;
  /** The bullet points under the heading, without their markers. */
  readonly notes: readonly string[];
  /** 1-based line of the heading, for messages. */
  readonly line: number;
}

const HEADING = /^##\s+\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?(?:\s*[-–—(]\s*(\d{4}-\d{2}-\d{2}))?/;

/** Releases from CHANGELOG.md, newest first, as written. */
export function parseChangelog(text: string): Release[] {
  const releases: { version: string; date?: string; notes: string[]; line: number }[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const heading = HEADING.exec(line);
    if (heading) {
      releases.push({
        version: heading[1] ?? '',
        ...(heading[2] !== undefined && { date: heading[2] }),
        notes: [],
        line: i + 1,
      });
      continue;
    }
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line)?.[1];
    if (bullet !== undefined) releases.at(-1)?.notes.push(bullet.trim());
  }
  return releases;
}
