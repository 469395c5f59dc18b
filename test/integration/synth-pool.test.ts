import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { synthRequestFor } from '../../generators/synth/request.ts';
import { openSynthPool, synthAll } from '../../generators/synth/synth-pool.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

/** The valid fixture's tiny-web with a stack that is not a Stack class, so synth fails fast with OAR306. */
function tinyWeb(root: string) {
  mkdirSync(join(root, 'architectures/tiny-web/cdk'), { recursive: true });
  writeFileSync(join(root, 'architectures/tiny-web/cdk/stack.ts'), 'export default 42;\n');
  const entry = openCatalogue(root).byId.get('tiny-web');
  if (!entry) throw new Error('the valid fixture has no tiny-web');
  return synthRequestFor(root, entry);
}

test('runs that overlap on a pool of one worker take turns, and each gets its own replies in order', async () => {
  const cat = tempCatalogue('valid');
  const pool = openSynthPool(1);
  try {
    const stack = tinyWeb(cat.root);
    const missing = { ...stack, dir: 'architectures/tiny-web-fork' };
    const codes = (replies: readonly unknown[]) =>
      (replies as { error?: { code: string } }[]).map((r) => r.error?.code ?? 'ok');
    const [a, b] = await Promise.all([pool.run([stack, missing]), pool.run([missing, stack, missing])]);
    expect(codes(a)).toEqual(['OAR306', 'OAR305']);
    expect(codes(b)).toEqual(['OAR305', 'OAR306', 'OAR305']);
    expect(codes(await pool.run([stack]))).toEqual(['OAR306']);
  } finally {
    pool.close();
    cat.dispose();
  }
});

test('replies keep the order of the requests when one entry is synthesized several times', async () => {
  const cat = tempCatalogue('valid');
  try {
    const stack = tinyWeb(cat.root);
    // The same id twice: its stack, then a folder without one.
    const replies = await synthAll([stack, { ...stack, dir: 'architectures/tiny-web-fork' }, stack], 1);
    expect(replies.map((r) => ('error' in r ? r.error.code : 'ok'))).toEqual(['OAR306', 'OAR305', 'OAR306']);
  } finally {
    cat.dispose();
  }
});
