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
  ];
  const details = [
    ...m.useCases,
    ...m.notFor,
    ...m.constraints.map((c) => c.text),
    ...m.limitations,
    ...m.failureModes.flatMap((f) => [labelOf('scenario', f.scenario), f.mitigation]),
    ...(m.forkedFrom ? [m.forkedFrom.reason, ...m.forkedFrom.changes] : []),
  ];
  return {
    id: m.id,
    title: m.title,
    keywords: keywords.join(' '),
    summary: m.summary,
    details: details.join(' '),
    body: stripMarkup(entry.readme),
  };
}

/** Markdown/MDX to plain words: code fences, imports, tags, link targets and markup are dropped. */
export function stripMarkup(text: string): string {
  return text
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ')
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\[\^[^\]]+\]:?/g, ' ')
    .replace(/[#*_`>|~[\]{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
