import { plural } from '../plural.ts';
import type { Comparison } from './compare.ts';
import type { TemplateDiff } from './template-diff.ts';

/** The note every template view carries: why counts and values are per type. */
export const MATCHED_BY_TYPE =
  'Resources are matched by type, not by logical id (ids differ between entries): counts and key properties are compared over all resources of a type.';

/** One line on what the templates add, remove and change, for the end of the default view. */
export function templateHeadline(t: TemplateDiff): string {
  return `resource types: ${typeCounts(t)}; ${plural(t.properties.length, 'key property', 'key properties')} differ`;
}

function typeCounts(t: TemplateDiff): string {
  return `${t.added} added, ${t.removed} removed, ${t.changed} with another count`;
}

/** The template view for the terminal: types whose count differs, then key properties that differ. */
export function formatTemplateView(c: Comparison): string {
  const lines = [`--- ${c.from.id} ${c.from.version}`, `+++ ${c.to.id} ${c.to.version}`];
  const t = c.template;
  if (!t) {
    lines.push(`no template snapshot for ${c.templateMissing.join(' and ')}: test/entries.test.ts writes it`);
    return lines.join('\n');
  }
  lines.push(MATCHED_BY_TYPE, '');
  lines.push(`Resource types: ${typeCounts(t)}; ${t.same.types} the same (${plural(t.same.resources, 'resource')})`);
  for (const x of t.types) {
    const mark = x.from === 0 ? '+' : x.to === 0 ? '-' : '~';
    lines.push(`  ${mark} ${x.type}: ${x.from} -> ${x.to}`);
  }
  lines.push('', `Key properties: ${t.properties.length === 0 ? 'none differ' : ''}`.trimEnd());
  for (const p of t.properties) {
    const name = `  ${p.type} ${p.property}`;
    if (p.from.length === 1 && p.to.length === 1) lines.push(`${name}: ${p.from[0] ?? ''} -> ${p.to[0] ?? ''}`);
    else lines.push(`${name}:`, ...p.removed.map((v) => `    - ${v}`), ...p.added.map((v) => `    + ${v}`));
  }
  return lines.join('\n');
}
