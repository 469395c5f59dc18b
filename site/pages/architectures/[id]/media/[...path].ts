import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueRoot } from '../../../../lib/catalogue-loader.ts';
import { allEntries } from '../../../../lib/entries.ts';

const TYPES: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

/** The local images an entry's notes show (validation rule OAR208 checked that each exists inside the entry). */
export async function getStaticPaths() {
  const root = catalogueRoot();
  return (await allEntries()).flatMap((e) =>
    (e.notes?.media ?? []).map((rel) => ({ params: { id: e.id, path: rel }, props: { file: join(root, e.dir, rel) } })),
  );
}

/** The image as committed, copied into the site. */
export const GET: APIRoute = ({ props }) => {
  const file = (props as { file: string }).file;
  const type = TYPES[file.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
  return new Response(readFileSync(file), { headers: { 'Content-Type': type } });
};
