import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allEntries } from '../../../../data/entries.ts';
import { publishableImage } from '../../../../data/notes/media.ts';

/** The local images an entry's notes show: the renderer listed only the entry's own raster files. */
export async function getStaticPaths() {
  return (await allEntries()).flatMap((e) =>
    (e.notes?.media ?? []).map((rel) => ({
      params: { id: e.id, path: rel },
      props: { root: e.root, dir: e.dir, rel },
    })),
  );
}

/**
 * The image as committed, copied into the site. It is checked again here, whatever the
 * renderer and validation said: only a PNG, JPEG, GIF, WebP or AVIF file inside the entry,
 * whose bytes match its name, is ever published, so nothing an entry holds can run
 * script on the site's origin.
 */
export const GET: APIRoute = ({ props }) => {
  const { root, dir, rel } = props as { root: string; dir: string; rel: string };
  const image = publishableImage(root, dir, rel);
  if ('refused' in image) throw new Error(`OAR230 ${dir}/${rel}: the site does not publish this image: ${image.refused}`);
  return new Response(readFileSync(join(root, dir, rel)), { headers: { 'Content-Type': image.type } });
};
