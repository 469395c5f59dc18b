import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { stripMarkup } from '../../lib/index/search-documents.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openInMemory } from '../../lib/index/shards/engine.ts';
import { queryWords } from '../../lib/index/terms.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const valid = fixture('valid');
const engine = await openInMemory(buildSearchFiles(openCatalogue(valid).entries));

/** The ids of every match, best first. */
async function ids(q: string): Promise<string[]> {
  const { matches } = await engine.search({ q, filter: {} });
  return (await engine.docs(matches.map((m) => m.doc))).map((d) => d.id);
}

describe('search', () => {
  it('ranks the entry whose title says "without EBS" first', async () => {
    expect((await ids('java without ebs'))[0]).toBe('tiny-web-fork');
  });

  it('matches the last word as a prefix while typing', async () => {
    expect(await ids('fixt')).toContain('tiny-web');
  });

  it('finds entries by service label', async () => {
    expect(await ids('Elastic Load Balancing')).toHaveLength(2);
  });

  it.each(['title:java', 'java^10', 'ebs~2', 'web*', '+java -ebs', '"unbalanced', ':', '^~*+-', '((', '\\'])(
    'never throws on query syntax: %s',
    async (q) => {
      await expect(ids(q)).resolves.toBeInstanceOf(Array);
    },
  );

  it('treats query syntax as punctuation', async () => {
    expect(queryWords('title:Java^10 +ebs -"web~2"')).toEqual(['title', 'java', '10', 'ebs', 'web', '2']);
    expect((await ids('+java -ebs')).length).toBeGreaterThan(0);
  });

  it('strips markup from notes', () => {
    expect(
      stripMarkup(
        "import { A } from '@oar/components';\n## Title\n\n```ts\ncode()\n```\nSee [docs](https://x.y) and <A/>.[^1]",
      ),
    ).toBe('Title See docs and .');
  });
});
