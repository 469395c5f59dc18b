import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('a committed acknowledgements snapshot not in the form its test writes', () => {
  it.for([
    ['not JSON', '[{"rule": \u001b[2J'],
    ['not a list of {rule, resource, reason}', '[{"rule": "AwsSolutions-S1"}]'],
  ])('is an OAR330 error that says how to regenerate it: %s', ([, text]) => {
    const root = mkdtempSync(join(tmpdir(), 'oar-snapshots-'));
    try {
      mkdirSync(join(root, 'architectures/web/cdk/__snapshots__'), { recursive: true });
      writeFileSync(join(root, 'architectures/web', ACKNOWLEDGEMENTS_SNAPSHOT), text ?? '');
      expect(() => readAcknowledgements(root, 'architectures/web')).toThrow(
        expect.objectContaining({
          code: 'OAR330',
          message: expect.stringMatching(
            /^architectures\/web\/cdk\/__snapshots__\/acknowledgements\.json: it is not .*; regenerate it with `OAR_ENTRIES=web npx vitest run test\/entries\.test\.ts -u`$/u,
          ) as unknown,
        }) as Error,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
