import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { ACKNOWLEDGEMENTS_SNAPSHOT, readAcknowledgements, TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

const entries = openCatalogue(REPO_ROOT).entries;

// The site offers the template and shows the acknowledgements from these files; test/entries.test.ts keeps them
// equal to each entry's synth.
describe.each(entries.map((e) => [e.id, e.dir] as const))('%s', (_id, dir) => {
  it('has both snapshots committed', () => {
    expect(existsSync(join(REPO_ROOT, dir, TEMPLATE_SNAPSHOT)), TEMPLATE_SNAPSHOT).toBe(true);
    expect(existsSync(join(REPO_ROOT, dir, ACKNOWLEDGEMENTS_SNAPSHOT)), ACKNOWLEDGEMENTS_SNAPSHOT).toBe(true);
  });

  it('gives a reason a reader can judge for every acknowledged finding', () => {
    const short = (readAcknowledgements(REPO_ROOT, dir) ?? []).filter((a) => a.reason.trim().length < 40);
    expect(short).toEqual([]);
  });
});
