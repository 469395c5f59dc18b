import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One pattern of the Serverless Land corpus, as far as the benchmarks use it. */
export interface CorpusPattern {
  readonly folder: string;
  readonly title: string;
  readonly description: string;
  readonly text: string;
  readonly readme: string;
}

/** Where the shared corpus lives next to a developer's clone; a user's clone has none. */
export const CORPUS_PATH = fileURLToPath(new URL('../../../shared/corpora/serverless-patterns.json', import.meta.url));

interface RawPattern {
  folder: string;
  pattern: { title?: unknown; description?: unknown; introBox?: { text?: unknown } };
  readme: string | null;
}

/**
 * The real corpus when it is there, else generated stand-in text of a similar
 * size, so benchmarks run anywhere and say which data they used.
 */
export function loadCorpus(): { source: 'corpus' | 'generated'; patterns: CorpusPattern[] } {
  if (!existsSync(CORPUS_PATH)) return { source: 'generated', patterns: generatedPatterns(837) };
  const raw = JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as RawPattern[];
  const patterns = raw.map((r) => ({
    folder: r.folder,
    title: typeof r.pattern.title === 'string' ? r.pattern.title : r.folder,
    description: typeof r.pattern.description === 'string' ? r.pattern.description : '',
    text: Array.isArray(r.pattern.introBox?.text)
      ? r.pattern.introBox.text.filter((t) => typeof t === 'string').join(' ')
      : '',
    readme: r.readme ?? '',
  }));
  return { source: 'corpus', patterns };
}

// Words of serverless patterns, so generated text is searchable the way the real corpus is.
const WORDS = (
  'queue event lambda function api gateway table stream bucket object notification retry batch order payment user ' +
  'image resize workflow state machine topic subscriber consumer producer schedule cron index search log metric ' +
  'alarm dynamodb s3 sqs sns eventbridge kinesis firehose step functions cognito authorizer websocket cache ' +
  'fargate container cluster aurora database replica backup encryption key secret parameter pipeline deploy'
).split(' ');

function generatedPatterns(n: number): CorpusPattern[] {
  // mulberry32: a small seeded generator whose low bits are random too (a plain LCG's are not).
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = () => WORDS[Math.floor(random() * WORDS.length)] ?? 'event';
  const sentence = (k: number) => Array.from({ length: k }, word).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    folder: `pattern-${i}`,
    title: `Pattern ${i}: ${sentence(5)}`,
    description: `This pattern connects ${sentence(12)}.`,
    text: sentence(60),
    readme: Array.from({ length: 40 }, () => `${sentence(18)}.`).join('\n\n'),
  }));
}
