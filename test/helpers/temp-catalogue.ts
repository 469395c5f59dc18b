import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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
