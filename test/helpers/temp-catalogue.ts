import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/<name> as an absolute path. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** A throwaway copy of a fixture catalogue, for commands that write; remove it with `dispose`. */
export function tempCatalogue(name: string): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'oar-test-'));
  cpSync(fixture(name), root, { recursive: true, verbatimSymlinks: true });
  return {
    root,
    dispose: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway copy of a fixture catalogue whose stacks and claims run: the copy sits at
 * the same depth under a temporary root as in the repository, and that root links to the
 * repository's node_modules and generators, which the stacks and claims import.
 */
export function runnableCatalogue(name: string): { root: string; dispose: () => void } {
  const top = mkdtempSync(join(tmpdir(), 'oar-test-'));
  const root = join(top, 'test', 'fixtures', name);
  cpSync(fixture(name), root, { recursive: true, verbatimSymlinks: true });
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  for (const dir of ['node_modules', 'generators']) symlinkSync(join(repo, dir), join(top, dir), 'dir');
  return {
    root,
    dispose: () => {
      rmSync(top, { recursive: true, force: true });
    },
  };
}
