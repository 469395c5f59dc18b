import type { Advisory, Severity } from '../../schema/architecture.ts';
import { compareAdvisories, globalAdvisoryId, SEVERITIES, severityRank } from '../resolve/advisories.ts';

/** What the advisory lists need of an entry (a ResolvedEntry or the site's copy of one). */
export interface AdvisoryEntry {
  readonly id: string;
  readonly meta: { readonly title: string; readonly advisories?: readonly Advisory[] | undefined };
}

/** One advisory with the entry that published it and its catalogue-wide id. */
export interface CatalogueAdvisory {
  readonly entry: { readonly id: string; readonly title: string };
  readonly advisory: Advisory;
  /** `<entry-id>/<advisory-id>`: unique in the catalogue, and the advisory's anchor on its entry page. */
  readonly id: string;
}

/** One advisory as the JSON API serves it; absent optional fields are null, so every row has every key. */
export interface AdvisoryRow {
  readonly id: string;
  readonly entry: string;
  readonly entryTitle: string;
  readonly advisory: string;
  readonly severity: Severity;
  readonly date: string;
  readonly title: string;
  readonly affected: string;
  readonly fixedIn: string | null;
  readonly impact: string;
  readonly upgrade: string | null;
  readonly mitigation: string | null;
  readonly url: string;
}

/**
 * The advisory's place on its entry page. The anchor is the global id itself: a valid HTML id (ids
 * are kebab-case, so never empty and never a space), and one a note's heading can never take,
 * because heading slugs drop the `/`.
 */
export function advisoryHref(base: string, item: CatalogueAdvisory): string {
  return `${base}architectures/${item.entry.id}/#${item.id}`;
}

/** The advisory's absolute address, for readers outside the site (the feed, the JSON API). */
export function advisoryUrl(base: string, item: CatalogueAdvisory, site: URL | string): string {
  return new URL(advisoryHref(base, item), site).href;
}

function itemsOf(entry: AdvisoryEntry): CatalogueAdvisory[] {
  return (entry.meta.advisories ?? []).map((advisory) => ({
    entry: { id: entry.id, title: entry.meta.title },
    advisory,
    id: globalAdvisoryId(entry.id, advisory.id),
  }));
}

/** Newest first; on the same day the worst first, then by global id, so the order never depends on input order. */
export function compareNewest(a: CatalogueAdvisory, b: CatalogueAdvisory): number {
  return (
    b.advisory.date.localeCompare(a.advisory.date) ||
    severityRank(b.advisory.severity) - severityRank(a.advisory.severity) ||
    a.id.localeCompare(b.id)
  );
}

/** One entry's advisories, worst first (as every per-entry list reads). */
export function entryAdvisories(entry: AdvisoryEntry): CatalogueAdvisory[] {
  return itemsOf(entry).sort((a, b) => compareAdvisories(a.advisory, b.advisory));
}

/** Every advisory of the catalogue, newest first. */
export function catalogueAdvisories(entries: readonly AdvisoryEntry[]): CatalogueAdvisory[] {
  return entries.flatMap(itemsOf).sort(compareNewest);
}

/** The advisories at exactly `severity`, or all of them when it is undefined; the order is kept. */
export function withSeverity(items: readonly CatalogueAdvisory[], severity?: Severity): CatalogueAdvisory[] {
  return severity === undefined ? [...items] : items.filter((i) => i.advisory.severity === severity);
}

/** How many advisories there are at each severity, worst first, zeros included. */
export function severityCounts(items: readonly CatalogueAdvisory[]): [Severity, number][] {
  return [...SEVERITIES]
    .reverse()
    .map((s): [Severity, number] => [s, items.filter((i) => i.advisory.severity === s).length]);
}

/** The JSON API's row for an advisory; `site` is the site's origin, so `url` is absolute. */
export function advisoryRow(item: CatalogueAdvisory, base: string, site: URL | string): AdvisoryRow {
  const a = item.advisory;
  return {
    id: item.id,
    entry: item.entry.id,
    entryTitle: item.entry.title,
    advisory: a.id,
    severity: a.severity,
    date: a.date,
    title: a.title,
    affected: a.affected,
    fixedIn: a.fixedIn ?? null,
    impact: a.impact,
    upgrade: a.upgrade ?? null,
    mitigation: a.mitigation ?? null,
    url: advisoryUrl(base, item, site),
  };
}
