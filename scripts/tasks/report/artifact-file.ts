import { lstatSync, readFileSync } from 'node:fs';
import { MAX_REPORT_CHARS } from '../../../lib/report/report-shapes.ts';

/** A file of a downloaded artifact: its text, absent, or why it was not read. */
export type ArtifactFile = string | { readonly unreadable: string } | undefined;

/**
 * Reads one file of an artifact a less trusted job uploaded, without following a
 * link, blocking on a pipe, or reading more than a report may hold.
 */
export function readArtifactFile(file: string): ArtifactFile {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return { unreadable: 'it is not a regular file' };
  if (stat.size > MAX_REPORT_CHARS)
    return { unreadable: `it is ${stat.size} bytes, over the limit of ${MAX_REPORT_CHARS}` };
  return readFileSync(file, 'utf8');
}
