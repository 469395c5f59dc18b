import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { synthRequestFor } from '../../generators/synth/request.ts';
import { synthAll } from '../../generators/synth/synth-pool.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

test('replies keep the order of the requests when one entry is synthesized several times', async () => {
  const cat = tempCatalogue('valid');
  try {
    mkdirSync(join(cat.root, 'architectures/tiny-web/cdk'));
    writeFileSync(join(cat.root, 'architectures/tiny-web/cdk/stack.ts'), 'export default 42;\n');
    const entry = openCatalogue(cat.root).byId.get('tiny-web');
    if (!entry) throw new Error('the valid fixture has no tiny-web');
    const stack = synthRequestFor(cat.root, entry);
    // The same id twice: its stack, then a folder without one.
    const replies = await synthAll([stack, { ...stack, dir: 'architectures/tiny-web-fork' }, stack], 1);
    expect(replies.map((r) => ('error' in r ? r.error.code : 'ok'))).toEqual(['OAR306', 'OAR305', 'OAR306']);
  } finally {
    cat.dispose();
  }
});
