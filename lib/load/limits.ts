/**
 * Size limits per file, in bytes. They keep a single bad file from slowing every
 * build, and a catalogue of thousands of entries from growing without bound.
 */
export const FILE_LIMITS = {
  'architecture.yaml': 64 * 1024,
  'README.mdx': 256 * 1024,
  'CHANGELOG.md': 128 * 1024,
  diagram: 64 * 1024,
  other: 1024 * 1024,
} as const;

/** How deep inside an entry folder files are looked for. */
export const MAX_DEPTH = 8;

/** The limit that applies to a file at `rel` (path inside the entry folder). */
export function limitFor(rel: string): number {
  if (rel === 'architecture.yaml' || rel === 'README.mdx' || rel === 'CHANGELOG.md') return FILE_LIMITS[rel];
  if (rel.endsWith('.mmd')) return FILE_LIMITS.diagram;
  return FILE_LIMITS.other;
}

/** Formats a byte count for messages, e.g. 65.2 KiB. */
export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
