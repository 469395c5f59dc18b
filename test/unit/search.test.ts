import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { stripMarkup } from '../../lib/index/search-documents.ts';
import { buildSearchIndex, queryWords, searchIndex } from '../../lib/index/search-index.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const catalogue = openCatalogue(fixture('valid'));
const index = buildSearchIndex(catalogue.entries);

describe('search', () => {
  it('ranks the entry whose title says "without EBS" first', () => {
    expect(searchIndex(index, 'java without ebs')[0]?.id).toBe('tiny-web-fork');
  });

  it('matches the last word as a prefix while typing', () => {
    expect(searchIndex(index, 'fixt').map((h) => h.id)).toContain('tiny-web');
  });

  it('finds entries by service label', () => {
    expect(searchIndex(index, 'Elastic Load Balancing').length).toBe(2);
  });

  it.each(['title:java', 'java^10', 'ebs~2', 'web*', '+java -ebs', '"unbalanced', ':', '^~*+-', '((', '\\'])(
    'never throws on lunr syntax: %s',
    (q) => {
      expect(() => searchIndex(index, q)).not.toThrow();
    },
  );

  it('treats lunr syntax as punctuation', () => {
    expect(queryWords('title:Java^10 +ebs -"web~2"')).toEqual(['title', 'java', '10', 'ebs', 'web', '2']);
    expect(searchIndex(index, '+java -ebs').length).toBeGreaterThan(0);
  });

  it('returns nothing for an empty query', () => {
    expect(searchIndex(index, '  ::  ')).toEqual([]);
  });

  it('strips markup from notes', () => {
    expect(
      stripMarkup(
        "import { A } from '@oar/components';\n## Title\n\n```ts\ncode()\n```\nSee [docs](https://x.y) and <A/>.[^1]",
      ),
    ).toBe('Title See docs and .');
  });
});
