import { hasErrors } from '../../lib/diagnostics.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { verificationOf } from '../../lib/resolve/verification.ts';
import { ignoresValidation } from '../../lib/unsafe-build.ts';
import type { SiteBasics } from './site-catalogue.ts';

/** The sharded search index as the site serves it: each file's JSON text by its path (lib/index/shards/layout.ts). */
export type SearchFiles = ReadonlyMap<string, string>;

/** The search index files, with each entry's check status as a facet; none for a catalogue with errors. */
export function siteSearchFiles({ catalogue, checks }: Pick<SiteBasics, 'catalogue' | 'checks'>): SearchFiles {
  if (hasErrors(catalogue.diagnostics) && !ignoresValidation()) return new Map();
  const files = buildSearchFiles(catalogue.entries, (e) => verificationOf(e.id, e.meta.version, checks).status);
  // As text: the search endpoint serves it as is, and the site build's worker writes it straight to files.
  return new Map([...files].map(([path, data]) => [path, JSON.stringify(data)]));
}
