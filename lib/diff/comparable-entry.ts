import { readTemplateSnapshot, TEMPLATE_SNAPSHOT } from '../load/entry-snapshots.ts';
import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';
import type { Comparable } from './compare.ts';
import { summarizeTemplateText } from './template-summary.ts';

/** An entry with its committed template snapshot summarized: what `oar diff` compares, without a synth. */
export function comparableEntry(root: string, entry: ResolvedEntry): Comparable {
  const text = readTemplateSnapshot(root, entry.dir);
  const file = `${entry.dir}/${TEMPLATE_SNAPSHOT}`;
  return text === undefined ? entry : { ...entry, template: summarizeTemplateText(text, file, entry.id) };
}
