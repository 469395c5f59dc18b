import { describe, expect, it } from 'vitest';
import { uncoveredWords } from '../../lib/index/shards/coverage.ts';
import { queryClauses, queryWords } from '../../lib/index/terms.ts';

const uncovered = (query: string, terms: string[]) => uncoveredWords(queryWords(query), queryClauses(query), terms);

describe('uncoveredWords', () => {
  it('lists the words, as typed, that none of the terms stands for', () => {
    expect(uncovered('sftp for partners', ['partner'])).toEqual(['sftp']);
    expect(uncovered('sftp for partners', ['sftp', 'partner'])).toEqual([]);
  });

  it('ignores stop words, which no entry is indexed under', () => {
    expect(uncovered('a java app on the aws cloud', ['java', 'applic', 'cloud'])).toEqual([]);
  });

  it('counts the last word as covered by a term it begins, as results appear while typing', () => {
    expect(uncovered('masterless pupp', ['masterless', 'puppet'])).toEqual([]);
    expect(uncovered('pupp masterless', ['masterless', 'puppet'])).toEqual(['pupp']);
  });

  it('does not count a term reached only as a typo of the word', () => {
    expect(uncovered('sftp', ['stp'])).toEqual(['sftp']);
  });

  it('lists every word when there is no match', () => {
    expect(uncovered('video transcoding', [])).toEqual(['video', 'transcoding']);
  });
});
