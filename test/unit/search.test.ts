import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { concepts, stripMarkup, withoutUrls, type SearchDocument } from '../../lib/index/search-documents.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openInMemory, type Engine } from '../../lib/index/shards/engine.ts';
import { termPostings } from '../../lib/index/shards/postings.ts';
import { queryClauses, queryWords, termOf, textWords } from '../../lib/index/terms.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const valid = fixture('valid');
const entries = openCatalogue(valid).entries;
const engine = await openInMemory(buildSearchFiles(entries));

/** The ids of every match, best first. */
async function ids(q: string, over: Engine = engine): Promise<string[]> {
  const { matches } = await over.search({ q, filter: {} });
  return (await over.docs(matches.map((m) => m.doc))).map((d) => d.id);
}

/** The fixture's first entry under another id and title, with `useCases` as its only use cases. */
function variant(id: string, title: string, useCases: [string, ...string[]]): ResolvedEntry {
  const base = entries[0] as ResolvedEntry;
  return { ...base, id, meta: { ...base.meta, id, title, useCases } };
}

describe('words and terms', () => {
  it.each([
    ['s3:PutObject', ['s3', 'putobject']],
    ['ci/cd and tcp/443', ['ci', 'cd', 'and', 'tcp', '443']],
    ['java-web-tier', ['java', 'web', 'tier']],
    ['lambda/index.js', ['lambda', 'index', 'js']],
    ["the entry's minCapacity", ['the', 'entrys', 'mincapacity']],
    ['café naïve Ελληνικά', ['café', 'naïve', 'ελληνικά']],
  ])('cuts %s into the words a person types', (text, words) => {
    expect(textWords(text)).toEqual(words);
  });

  it('stems words and leaves stop words out, on the index side and the query side alike', () => {
    expect([termOf('queues'), termOf('queue'), termOf('the'), termOf('aws')]).toEqual([
      'queue',
      'queue',
      undefined,
      undefined,
    ]);
    expect(queryClauses('the queues').map((c) => [c.kind, c.term])).toEqual([
      ['exact', 'queue'],
      ['prefix', 'queues'],
      ['fuzzy', 'queue'],
    ]);
  });

  it('reads "without X" and "no-X" as one more word', () => {
    expect(textWords(concepts('Java without EBS, no-ssh, without a bastion'))).toEqual([
      'java',
      'without',
      'ebs',
      'noebs',
      'no',
      'ssh',
      'nossh',
      'without',
      'a',
      'bastion',
      'nobastion',
    ]);
  });

  it('leaves web addresses out of notes', () => {
    expect(withoutUrls('See https://docs.aws.amazon.com/lambda/latest/dg/x.html for more')).toBe('See   for more');
  });

  it('weights a term by BM25 with the field boost, to three decimals', () => {
    const empty = { id: '', title: '', keywords: '', summary: '', details: '', body: '' };
    const docs: SearchDocument[] = [
      { ...empty, id: 'a', title: 'java web' },
      { ...empty, id: 'b', title: 'web', body: 'java' },
    ];
    // idf = ln(1 + 0.5/2.5); title: tf 1, length 2 of 1.5 on average, boost 10; body: length 1 of 0.5, boost 1.
    const idf = Math.log(1.2);
    const weight = (relative: number, boost: number) =>
      Math.round(((idf * 2.2) / (1.2 * (0.25 + 0.75 * relative) + 1)) * boost * 1000);
    expect(termPostings(docs).get('java')).toEqual([0, 0, weight(2 / 1.5, 10), 1, 4, weight(2, 1)]);
  });
});

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

  it('reads a word it does not hold as a typo of the closest terms', async () => {
    expect(await ids('tiny wbe')).toEqual(await ids('tiny web'));
    expect(await ids('fixtrue')).toContain('tiny-web');
    // A word the index holds is never also read as a typo: "web" does not match "weg" or "wet".
    const { matches } = await engine.search({ q: 'tiny web', filter: {} });
    expect(new Set(matches.flatMap((m) => m.terms))).toEqual(new Set(['tini', 'web']));
  });

  it('ranks an entry with every word of the query above one that says one of them often', async () => {
    const both = await openInMemory(
      buildSearchFiles([
        variant('often', 'Kafka kafka kafka', ['Kafka streams, kafka topics, kafka everywhere.']),
        variant('every', 'Queue worker', ['A kafka consumer that writes to opensearch.']),
      ]),
    );
    expect(await ids('kafka opensearch', both)).toEqual(['every', 'often']);
  });

  it('strips markup from notes', () => {
    expect(
      stripMarkup(
        "import { A } from '@oar/components';\n## Title\n\n```ts\ncode()\n```\nSee [docs](https://x.y) and <A/>.[^1]",
      ),
    ).toBe('Title See docs and .');
  });
});
