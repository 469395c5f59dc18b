/**
 * Size limits per file, in bytes. They keep a single bad file from slowing every
 * build, and a catalogue of thousands of entries from growing without bound.
 */
export const FILE_LIMITS = {
  'architecture.yaml': 64 * 1024,
  // The MDX parser is quadratic on some inputs (inline code full of < or {); the largest README is 23 KiB.
  'README.mdx': 100 * 1024,
  'CHANGELOG.md': 128 * 1024,
  diagram: 64 * 1024,
  other: 1024 * 1024,
} as const;

/** How deep inside an entry folder files are looked for. */
export const MAX_DEPTH = 8;

/**
 * Caps on one entry: files and folders, and the bytes of its files. The largest entry
 * today has 28 files and 190 KiB; the caps keep a PR of 20,000 files or of many files
 * each just under its own limit from slowing every build, fork and site page.
 */
export const MAX_ENTRY_FILES = 2000;
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

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
