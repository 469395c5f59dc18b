import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openEngine, openInMemory, type Engine } from '../../lib/index/shards/engine.ts';
import { queryWords, textWords } from '../../lib/index/terms.ts';
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

describe('sharded search index', () => {
  it('builds from a valid catalogue', () => {
    expect(catalogue.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(catalogue.entries.length).toBe(300);
  });

  it('expands a prefix to more than 31 index terms, and finds them all in one entry', async () => {
    const shard = files.get('search/t/zy.json') as { terms: Record<string, unknown> } | undefined;
    expect(Object.keys(shard?.terms ?? {}).filter((t) => t.startsWith('zyq')).length).toBeGreaterThan(31);
    const { matches } = await engine.search({ q: 'zyq', filter: {} });
    expect(matches.length).toBe(2);
    expect(matches[0]?.terms.length).toBeGreaterThan(31);
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

/**
 * The same entries searched as `oar search` does, from the built files in memory, and as the site does, from
 * their JSON text. One engine runs both, so results must be equal to the score: what could differ is the data.
 */
async function bothSearches(entries: readonly ResolvedEntry[]) {
  const files = buildSearchFiles(entries);
  const shards = new Map([...files].map(([path, data]) => [path, JSON.stringify(data)]));
  const ranked = async (engine: Engine, q: string) => {
    const { matches } = await engine.search({ q, filter: {} });
    const docs = await engine.docs(matches.map((m) => m.doc));
    return docs.map((d, i) => ({ id: d.id, score: matches[i]?.score, terms: matches[i]?.terms }));
  };
  const cli = await openInMemory(files);
  const site = await openEngine(async (path) => JSON.parse(shards.get(path) ?? 'null') as unknown);
  return {
    shards,
    cli: async (q: string) => ranked(cli, q),
    site: async (q: string) => ranked(site, q),
    ids: async (q: string) => (await ranked(site, q)).map((r) => r.id),
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

describe('oar search reads the same index the site serves', () => {
  // The valid fixture never says "constructor", so a match for it can only come through the prototype;
  // a third entry says the other prototype words, so they must be found as words.
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
  const small = bothSearches(entries);
  const large = bothSearches(catalogue.entries);

  it.each(HOSTILE_QUERIES)('%s', async (q) => {
    const both = await small;
    const expected = await both.cli(q);
    expect(await both.site(q)).toEqual(expected);
    // With no words at all, oar search refuses the query (OAR303) and the site lists every entry, as for "".
    if (queryWords(q).length === 0) expect(expected).toHaveLength(entries.length);
  });

  it.each([...HOSTILE_QUERIES.slice(0, 12), 'lambda', 'dynamodb stream', 'kinesis fireh', 'lambda zyq'])(
    'the 300-entry catalogue: %s',
    async (q) => {
      const both = await large;
      expect(await both.site(q)).toEqual(await both.cli(q));
    },
  );

  it('finds the prototype words as words, and "constructor" nowhere', async () => {
    const both = await small;
    expect(await both.ids('constructor')).toEqual([]);
    for (const q of ['hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', 'prototype']) {
      expect(await both.ids(q), q).toEqual(['prototype-words']);
    }
    expect((await both.ids('constructor java')).length).toBeGreaterThan(0);
  });

  // Index terms are letters and digits only, so no term can be "__proto__" and set a shard's prototype.
  it('reads "__proto__" as the word "proto"', async () => {
    expect(textWords('__proto__')).toEqual(['proto']);
    expect(await (await small).ids('__proto__')).toEqual(['prototype-words']);
  });
});
