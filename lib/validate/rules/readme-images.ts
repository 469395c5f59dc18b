import { posix } from 'node:path';
import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { FileRule } from '../rule.ts';
import { proseLines } from './mdx-prose.ts';

const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)/g;

/** The file inside the entry folder that an image target in README.mdx names; undefined for a URL. */
export function entryImagePath(target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined;
  return posix.normalize(decodeURI(target.split(/[?#]/)[0] ?? '').replace(/^\/+/, ''));
}

/**
 * OAR208: the site build imports every local image a README shows, so an image
 * that is missing, or outside the entry folder, would break the whole build.
 */
export const readmeImages: FileRule = (entry) => {
  const readme = entry.readme;
  if (!readme) return [];
  const out: Diagnostic[] = [];
  for (const { line, prose } of proseLines(readme.text)) {
    for (const match of prose.matchAll(IMAGE)) {
      const target = match[1] ?? '';
      const rel = entryImagePath(target);
      if (rel === undefined) continue; // a URL, not a file
      const where = { line, col: match.index + 1 };
      if (rel.startsWith('../') || rel === '..') {
        out.push(
          diag(
            'OAR208',
            readme.file,
            `README.mdx shows the image ${target}, which is outside the entry folder; copy it into the entry`,
            where,
          ),
        );
      } else if (!entry.files.has(rel)) {
        out.push(
          diag(
            'OAR208',
            readme.file,
            `README.mdx shows the image ${target}, which does not exist in ${entry.dir}/; add the file or remove the image`,
            where,
          ),
        );
      }
    }
  }
  return out;
};
