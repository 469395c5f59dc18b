import {
  advisoryRow,
  catalogueAdvisories,
  entryAdvisories,
  type AdvisoryEntry,
  type AdvisoryRow,
} from '../../lib/index/advisory-list.ts';

// astro.config.mjs always sets `site`; the fallback only satisfies the type, as in rss.xml.ts.
const origin = (site: URL | undefined) => site ?? 'http://localhost:4321';

/** One entry's advisories as the JSON API serves them, worst first; [] when it has none. */
export function entryAdvisoryRows(entry: AdvisoryEntry, site: URL | undefined): AdvisoryRow[] {
  return entryAdvisories(entry).map((a) => advisoryRow(a, import.meta.env.BASE_URL, origin(site)));
}

/** Every advisory of the catalogue as the JSON API serves it, newest first. */
export function allAdvisoryRows(entries: readonly AdvisoryEntry[], site: URL | undefined): AdvisoryRow[] {
  return catalogueAdvisories(entries).map((a) => advisoryRow(a, import.meta.env.BASE_URL, origin(site)));
}
