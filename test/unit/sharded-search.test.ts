import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { buildSearchIndex, queryWords, searchIndex } from '../../lib/index/search-index.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openEngine } from '../../lib/index/shards/engine.ts';
import { termPostings } from '../../lib/index/shards/postings.ts';
import { FIELD_BOOSTS, toSearchDocument } from '../../lib/index/search-documents.ts';
import { loadCorpus } from '../../scripts/bench/corpus.ts';
import { generateCatalogue } from '../../scripts/bench/generate-catalogue.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

// 300 realistic entries: the shared corpus when present, else generated text of the same shape.
const work = mkdtempSync(join(tmpdir(), 'oar-shards-'));
generateCatalogue(work, loadCorpus().patterns, 300);
// Forty words that share a prefix, in two entries, whichever text the entries came from: typing that prefix
// expands to more index terms than the engine keeps as a bit mask per entry.
const LETTERS = 'bcdfghjkmnpqrtvwxz';
const family = Array.from({ length: 40 }, (_, i) => `zyq${LETTERS[i % 18] ?? ''}${LETTERS[Math.floor(i / 18)] ?? ''}`);
for (const id of readdirSync(join(work, 'architectures')).slice(0, 2)) {
  appendFileSync(join(work, 'architectures', id, 'README.mdx'), `\n\nGlossary: ${family.join(' ')}.\n`);
}
const catalogue = openCatalogue(work);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const files = buildSearchFiles(catalogue.entries);
const reads: string[] = [];
const engine = await openEngine(async (path) => {
  reads.push(path);
  if (!files.has(path)) throw new Error(`no file ${path}`);
  // As the browser gets them: JSON text, parsed.
  return JSON.parse(JSON.stringify(files.get(path))) as unknown;
});
const lunrIndex = buildSearchIndex(catalogue.entries);

describe('sharded search index', () => {
  it('builds from a valid catalogue', () => {
    expect(catalogue.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(catalogue.entries.length).toBe(300);
  });

  it.each([
    'lambda',
    'dynamodb stream',
    'api gateway sqs',
    'step functions workflow',
    'event',
    'kinesis fireh',
    's3 bucket notification',
    'sch',
    'lambda zyq',
  ])('ranks "%s" exactly as the lunr index does, with the same matched terms', async (q) => {
    const expected = searchIndex(lunrIndex, q);
    const { matches } = await engine.search({ q, filter: {} });
    const ids = (await engine.docs(matches.map((m) => m.doc))).map((d) => d.id);
    expect(ids.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    for (const [i, hit] of expected.entries()) {
      expect(matches[i]?.score).toBeCloseTo(hit.score, 6);
      // Equal scores may come in either order; otherwise the order is lunr's.
      if (
        Math.abs((expected[i + 1]?.score ?? -1) - hit.score) > 1e-9 &&
        Math.abs((expected[i - 1]?.score ?? -1) - hit.score) > 1e-9
      ) {
        expect(ids[i]).toBe(hit.id);
        expect([...(matches[i]?.terms ?? [])].sort()).toEqual([...hit.terms].sort());
      }
    }
  });

  it('has a query above that expands to more than 31 index terms, and finds them all in one entry', async () => {
    const shard = files.get('search/t/zy.json') as { terms: Record<string, unknown> } | undefined;
    expect(Object.keys(shard?.terms ?? {}).filter((t) => t.startsWith('zyq')).length).toBeGreaterThan(31);
    const { matches } = await engine.search({ q: 'zyq', filter: {} });
    expect(matches.length).toBe(2);
    expect(matches[0]?.terms.length).toBeGreaterThan(31);
  });

  it('weights every term of every field exactly as lunr stores it', () => {
    // The postings read back from lunr's own serialised index, as the site took them before postings.ts.
    const { invertedIndex, fieldVectors } = lunrIndex.toJSON() as unknown as {
      invertedIndex: [string, { _index: number }][];
      fieldVectors: [string, number[]][];
    };
    const termOf = new Map(invertedIndex.map(([term, posting]) => [posting._index, term]));
    const docOf = new Map(catalogue.entries.map((e, i) => [e.id, i]));
    const fields = Object.keys(FIELD_BOOSTS);
    const expected = new Map<string, number[]>();
    for (const [ref, vector] of fieldVectors) {
      const [field, id] = [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)];
      for (let i = 0; i < vector.length; i += 2) {
        const term = termOf.get(vector[i] ?? -1) ?? '';
        const list = expected.get(term) ?? [];
        list.push(docOf.get(id) ?? -1, fields.indexOf(field), Math.round((vector[i + 1] ?? 0) * 1000));
        expected.set(term, list);
      }
    }
    const actual = termPostings(catalogue.entries.map(toSearchDocument));
    expect(actual.size).toBe(expected.size);
    for (const [term, list] of expected) expect(actual.get(term), term).toEqual(list);
  });

  it('reads only the shards of the words typed', async () => {
    reads.length = 0;
    await engine.search({ q: 'queue retry', filter: {} });
    const shards = reads.filter((p) => p.startsWith('search/t/'));
    expect(shards.sort()).toEqual(['search/t/qu.json', 'search/t/re.json']);
  });

  it('filters by facets and counts the rest', async () => {
    const all = await engine.search({ q: 'lambda', filter: {} });
    // A service some but not all matches use, whatever the corpus.
    const [service, count] = [...all.counts.service].find(([, n]) => n > 0 && n < all.matches.length) ?? ['', 0];
    expect(count).toBeGreaterThan(0);
    const filtered = await engine.search({ q: 'lambda', filter: { service: [service] } });
    expect(filtered.matches.length).toBe(count);
    expect(filtered.counts.service.get(service)).toBe(count);
  });

  it('lists every entry in title order for an empty query', async () => {
    const { matches } = await engine.search({ q: '', filter: {} });
    const titles = (await engine.docs(matches.slice(0, 20).map((m) => m.doc))).map((d) => d.title);
    expect(matches.length).toBe(300);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });
});

/** Both searches over the same entries: `oar search`'s lunr index, and the site's shards read as JSON. */
async function bothSearches(entries: readonly ResolvedEntry[]) {
  const shards = new Map([...buildSearchFiles(entries)].map(([path, data]) => [path, JSON.stringify(data)]));
  const site = await openEngine(async (path) => JSON.parse(shards.get(path) ?? 'null') as unknown);
  const index = buildSearchIndex(entries);
  // Ids by score, ties in id order: the two break ties differently, and a tie is not a disagreement.
  const ranked = (hits: { id: string; score: number }[]) =>
    hits
      .map((h) => ({ id: h.id, score: Math.round(h.score * 1e6) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .map((h) => h.id);
  return {
    shards,
    cli: (q: string) => ranked(searchIndex(index, q)),
    site: async (q: string) => {
      const { matches } = await site.search({ q, filter: {} });
      const docs = await site.docs(matches.map((m) => m.doc));
      return ranked(docs.map((d, i) => ({ id: d.id, score: matches[i]?.score ?? 0 })));
    },
  };
}

// Object.prototype's keys, lunr's query syntax, regex metacharacters, scripts, and sizes no one types.
const HOSTILE_QUERIES = [
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'constructor java',
  'java constructor',
  'tostring web',
  'proto',
  'a',
  'the of and',
  'café naïve',
  'שלום עולם',
  'Ελληνικά',
  '🙂 web',
  'x'.repeat(1000),
  `${'java '.repeat(200)}web`,
  '.* ^ $ ( ) [ ] { } | \\ + ?',
  '(a+)+$',
  'title:java^10 ebs~2 +web -tier',
  'web*',
  '"unbalanced',
];

describe('the site and oar search agree on hostile queries', () => {
  // The valid fixture never says "constructor", so a match for it can only come through the prototype;
  // a third entry says the other prototype words, so they must be found, on both sides, as words.
  const base = openCatalogue(fixture('valid')).entries;
  const tiny = base[0] as ResolvedEntry;
  const wordy: ResolvedEntry = {
    ...tiny,
    id: 'prototype-words',
    meta: {
      ...tiny.meta,
      id: 'prototype-words',
      title: 'Prototype words __proto__ hasOwnProperty',
      // "container" puts a shard "co" in the index, where "constructor" would be looked up.
      useCases: ['toString valueOf isPrototypeOf __defineGetter__ prototype', 'container'],
    },
  };
  const entries = [...base, wordy];

  it.each(HOSTILE_QUERIES)('%s', async (q) => {
    const both = await bothSearches(entries);
    const expected = both.cli(q);
    // With no words at all, oar search refuses the query (OAR303) and the site lists every entry, as for "".
    if (queryWords(q).length === 0) expect(await both.site(q)).toHaveLength(entries.length);
    else expect(await both.site(q)).toEqual(expected);
  });

  it('finds the prototype words as words, and "constructor" nowhere', async () => {
    const both = await bothSearches(entries);
    expect(both.cli('constructor')).toEqual([]);
    expect(await both.site('constructor')).toEqual([]);
    for (const q of ['hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', 'prototype']) {
      expect(both.cli(q), q).toEqual(['prototype-words']);
      expect(await both.site(q), q).toEqual(['prototype-words']);
    }
    expect(both.cli('constructor java').length).toBeGreaterThan(0);
  });

  it('keeps an index term "__proto__" as a term of its shard, not as the shard\'s prototype', async () => {
    const { shards } = await bothSearches(entries);
    const shard = [...shards.values()].find((text) => text.includes('"__proto__"'));
    expect(shard).toBeDefined();
    const terms = (JSON.parse(shard ?? '{}') as { terms: object }).terms;
    expect(Object.getPrototypeOf(terms)).toBe(Object.prototype);
    expect(Object.hasOwn(terms, '__proto__')).toBe(true);
  });

  it.each(HOSTILE_QUERIES.slice(0, 12))('the 300-entry catalogue: %s', async (q) => {
    const expected = searchIndex(lunrIndex, q);
    const { matches } = await engine.search({ q, filter: {} });
    const ids = (await engine.docs(matches.map((m) => m.doc))).map((d) => d.id);
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((h) => h.id)));
  });
});
