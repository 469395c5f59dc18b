import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stripMarkup } from '../../lib/index/search-documents.ts';
import { WORST_MARKUP } from '../../scripts/bench/strip-markup-bench.ts';

const DOCUMENTS = new URL('../../lib/index/search-documents.ts', import.meta.url).href;
const INPUTS = new URL('../../scripts/bench/strip-markup-bench.ts', import.meta.url).href;

describe('stripMarkup', () => {
  it.each([
    ['tags', 'a <b>bold</b> and <Callout title="x">note</Callout>', 'a bold and note'],
    ['a tag with < inside, as the regex read it', 'a <b <c> d', 'a d'],
    ['an empty <> is not a tag', 'a <> b > c', 'a < b c'],
    ['link targets', 'See [docs](https://x.y/a_(b)) and [more](u "t").', 'See docs ) and more .'],
    ['footnotes', 'Text[^1] and[^] x.\n\n[^1]: The note.', 'Text and ^ x. The note.'],
    ['fences and imports', "import { A } from 'x';\n```ts\ncode()\n```\n~~~\nmore\n~~~\nafter", 'after'],
    ['an opener with no closer keeps the rest', 'a < b ](c [^d', 'a < b (c ^d'],
  ])('%s', (_, text, words) => {
    expect(stripMarkup(text)).toBe(words);
  });

  it('takes linear time on the inputs that made it quadratic (1 MB each, in a child process that must finish)', () => {
    // 100 KB of `<` took 36 s before; at 1 MB a quadratic pass would take hours, a linear one well under a second.
    const script = `
      import { stripMarkup } from ${JSON.stringify(DOCUMENTS)};
      import { WORST_MARKUP } from ${JSON.stringify(INPUTS)};
      for (const [name, make] of Object.entries(WORST_MARKUP)) {
        stripMarkup(make(1_000_000));
        process.stdout.write(name + '\\n');
      }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.signal, `stopped after: ${run.stdout.trim().split('\n').at(-1) || 'none'}`).toBeNull();
    expect(run.stdout.trim().split('\n')).toEqual(Object.keys(WORST_MARKUP));
  });
});
