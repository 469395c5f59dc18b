import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

// One entry's load throws, as an unforeseen bug or file-system error would.
vi.mock('../../lib/load/read-entry.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/load/read-entry.ts')>();
  return {
    ...real,
    readEntry: (absDir: string, dir: string, folder: string) => {
      if (folder === 'tiny-web') throw new Error('EIO: i/o error, read');
      return real.readEntry(absDir, dir, folder);
    },
  };
});

let cat: ReturnType<typeof tempCatalogue>;
beforeEach(() => {
  cat = tempCatalogue('valid');
});
afterEach(() => {
  cat.dispose();
});

describe('an entry that cannot be read', () => {
  it('is that entry’s diagnostic, and validate reads and counts the others', async () => {
    const run = await runOar(['validate', '--root', cat.root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "architectures/tiny-web  OAR900  this entry could not be read (EIO: i/o error, read); the other entries were read. Please report this as a bug in oar
      failed: 1 error in 1 of 2 entries, 0 warnings"
    `);
  });

  it('leaves list, show and search working for the other entries', async () => {
    const list = await runOar(['list', '--root', cat.root]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('tiny-web-fork');
    expect(list.stderr).toContain('warning: the catalogue has 1 error');
    expect((await runOar(['show', 'tiny-web-fork', '--root', cat.root])).code).toBe(0);
    expect((await runOar(['search', 'tiny', '--root', cat.root])).stdout).toContain('tiny-web-fork');
  });
});
