import { lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { imageTypeOfFile } from '../../../lib/load/image-type.ts';
import { leavesEntry, rasterTypeOf } from '../../../lib/notes/policy.ts';

/** Where an entry page finds a README image: beside it, in media/ (site/pages/architectures/[id]/media/). */
export function mediaUrl(rel: string): string {
  return `media/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Whether the site may publish the file `rel` of the entry folder `dir` (under `root`)
 * as an image: a regular file inside the entry, not a link, named as a raster format
 * that its first bytes confirm. Returns its content type, or why not. The renderer and
 * the media route both ask, each for itself, whatever validation said.
 */
export function publishableImage(
  root: string,
  dir: string,
  rel: string,
): { readonly type: string } | { readonly refused: string } {
  const claimed = rasterTypeOf(rel);
  if (leavesEntry(rel) || rel.startsWith('/')) return { refused: 'it is outside the entry folder' };
  if (claimed === undefined) return { refused: 'it is not a PNG, JPEG, GIF, WebP or AVIF file' };
  const entry = join(root, dir);
  const file = join(entry, rel);
  try {
    if (!lstatSync(file).isFile()) return { refused: 'it is not a regular file' };
    if (!realpathSync(file).startsWith(realpathSync(entry) + sep)) return { refused: 'it is outside the entry folder' };
    return imageTypeOfFile(file) === claimed ? { type: claimed } : { refused: 'its content is not what its name says' };
  } catch {
    return { refused: 'it does not exist' };
  }
}
