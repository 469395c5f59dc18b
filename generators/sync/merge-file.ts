import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBytes } from '../../lib/git.ts';

/** The names git writes on the conflict markers: the fork, the fork point and the parent now. */
export interface MergeLabels {
  readonly ours: string;
  readonly base: string;
  readonly theirs: string;
}

/** A three-way merge of one file: the merged bytes, with git's markers where both sides changed the same lines. */
export interface Merged {
  readonly bytes: Buffer;
  readonly conflicts: number;
}

/**
 * `git merge-file --diff3` on three versions of a text file. The git this project
 * supports (2.39) has no --object-id, so the versions go through a temporary folder;
 * diff3 style shows the base between the markers, so a maintainer sees what each side changed.
 */
export function mergeFile(ours: Buffer, base: Buffer, theirs: Buffer, labels: MergeLabels): Merged {
  const dir = mkdtempSync(join(tmpdir(), 'oar-merge-'));
  try {
    const files = { ours: join(dir, 'ours'), base: join(dir, 'base'), theirs: join(dir, 'theirs') };
    writeFileSync(files.ours, ours);
    writeFileSync(files.base, base);
    writeFileSync(files.theirs, theirs);
    const { stdout, status } = gitBytes(
      dir,
      [
        'merge-file',
        '--stdout',
        '--diff3',
        ...['-L', labels.ours, '-L', labels.base, '-L', labels.theirs],
        files.ours,
        files.base,
        files.theirs,
      ],
      // It exits with the number of conflicts (at most 127); a negative status (255) is a failure.
      { accept: (s) => s > 0 && s < 128 },
    );
    return { bytes: stdout, conflicts: status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Git's test for a binary file: a NUL byte in the first 8000 bytes. Binary files are never merged as text. */
export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}
