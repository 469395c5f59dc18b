import { GitError, gitBytes } from '../../lib/git.ts';

/** One file of the parent's folder at a commit. */
export interface TreeFile {
  /** Path inside the entry folder. */
  readonly rel: string;
  /** True for a regular file (mode 100644 or 100755); a link or submodule is never synced. */
  readonly regular: boolean;
  readonly bytes: Buffer;
}

/**
 * The files of `dir` at `rev`, by path inside the folder, read in two git calls
 * (`ls-tree`, then `cat-file --batch` for every blob) whatever the entry's size.
 */
export function readTree(root: string, rev: string, dir: string): Map<string, TreeFile> {
  const listing = gitBytes(root, ['ls-tree', '-r', '-z', rev, '--', `${dir}/`]).stdout.toString('utf8');
  const rows = listing
    .split('\0')
    .filter((row) => row !== '')
    .map((row) => {
      const tab = row.indexOf('\t');
      const [mode = '', type = '', id = ''] = row.slice(0, tab).split(' ');
      return { mode, type, id, rel: row.slice(tab + 1).slice(dir.length + 1) };
    });
  const blobs = rows.filter((r) => r.type === 'blob');
  const contents = readBlobs(
    root,
    blobs.map((r) => r.id),
  );
  const files = new Map<string, TreeFile>();
  for (const r of rows) {
    const regular = r.type === 'blob' && (r.mode === '100644' || r.mode === '100755');
    files.set(r.rel, { rel: r.rel, regular, bytes: contents.get(r.id) ?? Buffer.alloc(0) });
  }
  return files;
}

/** Blob contents by object id, from one `git cat-file --batch`. */
function readBlobs(root: string, ids: readonly string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (ids.length === 0) return out;
  const batch = gitBytes(root, ['cat-file', '--batch'], { input: `${ids.join('\n')}\n` }).stdout;
  // Each object: "<id> <type> <size>\n<size bytes>\n".
  let at = 0;
  while (at < batch.length) {
    const eol = batch.indexOf(0x0a, at);
    const [id = '', type = '', size = '0'] = batch.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing') throw new GitError('cat-file', `object ${id} is missing from the repository`);
    const start = eol + 1;
    const end = start + Number(size);
    out.set(id, batch.subarray(start, end));
    at = end + 1;
  }
  return out;
}
