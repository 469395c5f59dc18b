import type { Comparable } from '../../lib/diff/compare.ts';
import { summarizeTemplateText } from '../../lib/diff/template-summary.ts';
import { TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import type { SiteEntry } from './catalogue-loader.ts';

/** What a comparison needs of an entry: the compare pages and the compare data the form's page fetches. */
export function comparableOf(entry: SiteEntry): Comparable {
  const base = { id: entry.id, meta: entry.meta, evidence: entry.evidence };
  if (entry.template === undefined) return base;
  return { ...base, template: summarizeTemplateText(entry.template, `${entry.dir}/${TEMPLATE_SNAPSHOT}`, entry.id) };
}
