import { closeSync, openSync, readSync } from 'node:fs';

// Signatures of the raster formats the site publishes (lib/notes/policy.ts RASTER_TYPES).
const SIGNATURES: readonly { readonly type: string; readonly at: number; readonly bytes: readonly number[] }[] = [
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', at: 0, bytes: [...Buffer.from('GIF87a')] },
  { type: 'image/gif', at: 0, bytes: [...Buffer.from('GIF89a')] },
  { type: 'image/webp', at: 8, bytes: [...Buffer.from('WEBP')] },
  { type: 'image/avif', at: 4, bytes: [...Buffer.from('ftypavif')] },
  { type: 'image/avif', at: 4, bytes: [...Buffer.from('ftypavis')] },
];

/** The raster image type that a file's first bytes show, or undefined when they show none of them. */
function sniffImageType(head: Uint8Array): string | undefined {
  const riff = head[0] === 0x52 && head[1] === 0x49 && head[2] === 0x46 && head[3] === 0x46;
  for (const s of SIGNATURES) {
    if (s.type === 'image/webp' && !riff) continue;
    if (s.bytes.every((b, i) => head[s.at + i] === b)) return s.type;
  }
  return undefined;
}

/** The raster image type of the file at `path`, from its first bytes (see sniffImageType). */
export function imageTypeOfFile(path: string): string | undefined {
  const head = new Uint8Array(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return sniffImageType(head);
}
