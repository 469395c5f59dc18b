import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';
import { labelOf } from '../vocabulary.ts';

/** The text of one entry as the search index sees it, by field. */
export interface SearchDocument {
  readonly id: string;
  readonly title: string;
  readonly keywords: string;
  readonly summary: string;
  readonly details: string;
  readonly body: string;
}

/**
 * Field boosts: a match in the title says most about an entry, then its
 * services and tags, then its summary, then its structured notes, then prose.
 */
export const FIELD_BOOSTS = { title: 10, keywords: 5, summary: 3, details: 2, body: 1 } as const;

/** Flattens an entry into search fields; vocabulary ids also contribute their labels. */
export function toSearchDocument(entry: ResolvedEntry): SearchDocument {
  const m = entry.meta;
  const keywords = [
    ...(m.tags ?? []),
    ...m.services.flatMap((s) => [s, labelOf('service', s)]),
    ...m.categories.flatMap((c) => [c, labelOf('category', c)]),
    // What the entry survives unaffected is what people search for ("survive an AZ outage"); the facet says the same.
    ...m.failureModes
      .filter((f) => f.impact === 'none')
      .map((f) => `survives ${f.scenario.replace(/-/gu, ' ')}: ${labelOf('scenario', f.scenario)}`),
  ];
  const details = [
    ...m.useCases,
    ...m.notFor,
    ...m.constraints.map((c) => c.text),
    ...m.limitations,
    // The scenario's id as well as its label: people type "ddos" and "spot interruption", which the labels do not say.
    ...m.failureModes.flatMap((f) => [f.scenario, labelOf('scenario', f.scenario), f.mitigation]),
    ...(m.forkedFrom ? [m.forkedFrom.reason, ...m.forkedFrom.changes.map((c) => c.change)] : []),
    ...(m.parameters ?? []).map((p) => p.name),
  ];
  return {
    id: m.id,
    title: concepts(m.title),
    keywords: concepts(keywords.join(' ')),
    summary: concepts(m.summary),
    details: concepts(details.join(' ')),
    body: concepts(withoutUrls(stripMarkup(entry.readme))),
  };
}

/**
 * Multi-word terms that mean one thing, indexed as one word; queries get the
 * same treatment (queryWords), so "availability zone outage" is about AZs and
 * not about the word "zone" in a title such as "three-zone network". What an
 * entry does without ("without EBS", "no-ssh") also becomes one word, beside
 * the words themselves: "java without ebs" then prefers the entry without EBS.
 */
export const CONCEPTS: readonly (readonly [RegExp, string])[] = [
  [/\bavailability[\s-]+zones?\b/giu, 'az'],
  [/\b(?:without|no)[\s-]+(?:(?:a|an|any|the)\s+)?([\p{L}\p{N}]+)/giu, '$& no$1'],
  // Product names whose words mean something else alone: "query data with sql" is not about SQL Server (mssql, as its users also call it), and
  // "connect many vpcs" is not about Direct Connect.
  [/\bsql[\s-]+server\b/giu, 'mssql'],
  [/\bdirect[\s-]+connect\b/giu, 'directconnect'],
  // Likewise AWS Config is not configuration ("config drift"), and zero trust and zero-ETL do not scale to zero.
  [/\baws[\s-]+config\b/giu, 'awsconfig'],
  [/\bzero[\s-]+trust\b/giu, 'zerotrust'],
  [/\bzero[\s-]+etl\b/giu, 'zeroetl'],
  // S3 Object Lock and Backup Vault Lock are different features.
  [/\bobject[\s-]+lock\b/giu, 'objectlock'],
  [/\bvault[\s-]+lock\b/giu, 'vaultlock'],
  // Short forms people type for what entries spell out.
  [/\bpostgres(?:ql)?\b/giu, 'postgresql'],
  [/\bon[\s-]?prem(?:ise|ises)?\b/giu, 'on-premises'],
  [/\bapps?\b/giu, 'application'],
  // American and British spellings read alike: entries say "centre" and "centralised", people type both.
  [/\bcent(?:er|re)(s?)\b/giu, 'centre$1'],
  [/\bcentrali[sz](e|ed|es|ing|ation)\b/giu, 'centralis$1'],
];

/** Text with each multi-word concept replaced by its one-word form. */
export function concepts(text: string): string {
  return CONCEPTS.reduce((t, [re, word]) => t.replace(re, word), text);
}

/**
 * Text without its web addresses: a footnote's URL is not what the entry is
 * about, and read as words ("docs", "latest", "userguide") it would add a
 * posting to most entries' shards for words no one searches.
 */
export function withoutUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/gu, ' ');
}

/** Markdown/MDX to plain words: code fences, imports, tags, link targets and markup are dropped. */
export function stripMarkup(text: string): string {
  // Fences and imports: a fence's closer is itself an opener, so at most one fence of each kind runs to the end.
  const prose = text.replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ').replace(/^(import|export)\s.*$/gm, ' ');
  const noTags = replaceSpans(prose, '<', '>', 1, ' ');
  const noTargets = replaceSpans(noTags, '](', ')', 0, ']');
  return replaceSpans(noTargets, '[^', ']', 1, ' ', ':')
    .replace(/[#*_`>|~[\]{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What `text.replace(/OPEN[^CLOSE]{min,}CLOSE/g, replacement)` gives, for
 * `<[^>]+>`, `\]\([^)]*\)` and `\[\^[^\]]+\]:?`, in one pass. Those regexes
 * rescan to the end of the text from every opener that has no closer after it:
 * 200 KB of `<` took 93 s. Here, an opener with no closer ends the search.
 */
function replaceSpans(
  text: string,
  open: string,
  close: string,
  min: 0 | 1,
  replacement: string,
  optionalAfter?: string,
): string {
  let out = '';
  let copied = 0;
  let at = text.indexOf(open);
  while (at !== -1) {
    const inner = at + open.length;
    if (min === 1 && text.startsWith(close, inner)) {
      at = text.indexOf(open, at + 1);
      continue;
    }
    const end = text.indexOf(close, inner);
    if (end === -1) break;
    let after = end + close.length;
    if (optionalAfter !== undefined && text.startsWith(optionalAfter, after)) after += optionalAfter.length;
    out += text.slice(copied, at) + replacement;
    copied = after;
    at = text.indexOf(open, after);
  }
  return out + text.slice(copied);
}
