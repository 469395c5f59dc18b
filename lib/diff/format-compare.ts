import type { Evidence } from '../resolve/evidence.ts';
import type { Comparison } from './compare.ts';
import { showValue } from './format-diff.ts';
import { templateHeadline } from './format-template.ts';

/**
 * A comparison for the terminal, in the page's order: failure modes side by side, the fork's changes with
 * their proof, cost, parameters and constraints, then the rest of the metadata with one line per list field.
 */
export function formatComparison(c: Comparison): string {
  const lines = [`--- ${c.from.id} ${c.from.version}`, `+++ ${c.to.id} ${c.to.version}`];
  const r = c.relation;
  if (r) lines.push(`${r.fork} is a fork of ${r.parent} ${r.version}: ${r.reason}`);
  const section = (title: string, body: readonly string[]) => {
    if (body.length > 0) lines.push('', title, ...body.map((l) => `  ${l}`));
  };
  section(
    'Failure modes',
    c.failureModes.map((f) => {
      const because = f.forkChanges.length > 0 ? `; fork changes ${f.forkChanges.map((i) => i + 1).join(', ')}` : '';
      const { from, to } = f.impact;
      if (!to) return `- ${f.scenario}: ${from ?? ''} (only in ${c.from.id})`;
      if (!from) return `+ ${f.scenario}: ${to} (only in ${c.to.id}${because})`;
      return `${f.scenario}: ${from} -> ${to} (${f.verdict}${because})`;
    }),
  );
  section(
    r ? `What ${r.fork} changes, and the proof` : 'Fork changes',
    c.forkChanges.map((e, i) => `${i + 1}. ${e.label}${evidenceNote(e)}`),
  );
  const cost = c.cost;
  section(
    'Cost',
    cost
      ? [
          ...(cost.monthly ? [`monthly: ${usd(cost.from)} -> ${usd(cost.to)}`] : []),
          ...(cost.assumptions ? ['assumptions differ'] : []),
          ...(cost.asOf ? [`prices as of: ${cost.from.asOf} -> ${cost.to.asOf}`] : []),
          ...delta('drivers', cost.drivers.added, cost.drivers.removed),
        ]
      : [],
  );
  section(
    'Parameters',
    c.parameters.map((p) => {
      if (!p.to) return `- ${p.name}`;
      if (!p.from) return `+ ${p.name} (${p.to.type}, default ${showValue(p.to.default)})`;
      const d = p.fields.includes('default')
        ? `: default ${showValue(p.from.default)} -> ${showValue(p.to.default)}`
        : '';
      return `~ ${p.name}${d} (differs in ${p.fields.join(', ')})`;
    }),
  );
  section(
    'Constraints',
    c.constraints.flatMap((k) => [
      ...k.removed.map((t) => `- ${k.kind}: ${t}`),
      ...k.added.map((t) => `+ ${k.kind}: ${t}`),
    ]),
  );
  section(
    'Metadata',
    c.metadata.flatMap((m) =>
      m.kind === 'list'
        ? delta(m.field, m.added, m.removed, m.changed)
        : [
            `~ ${m.field}: ${m.from === undefined ? '(none)' : showValue(m.from)} -> ${m.to === undefined ? '(none)' : showValue(m.to)}`,
          ],
    ),
  );
  lines.push(
    '',
    c.template
      ? `Template: ${templateHeadline(c.template)} (--template shows them)`
      : `Template: no snapshot for ${c.templateMissing.join(' and ')}`,
  );
  return lines.join('\n');
}

/** A list field in one line: `tags: +3 -1 ~0: +a, +b, +c, -d`. */
function delta(field: string, added: readonly string[], removed: readonly string[], changed: readonly string[] = []) {
  if (added.length + removed.length + changed.length === 0) return [];
  const counts = [`+${added.length}`, `-${removed.length}`, ...(changed.length > 0 ? [`~${changed.length}`] : [])];
  const items = [...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`), ...changed.map((x) => `~${x}`)];
  return [`${field}: ${counts.join(' ')}: ${clip(items.join(', '))}`];
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function usd(cost: { monthlyUsd: { low: number; high: number } }): string {
  return `$${cost.monthlyUsd.low}-$${cost.monthlyUsd.high}`;
}

/** How a promise is kept, after it: its claims, its runbook, or neither. */
function evidenceNote(e: Evidence): string {
  const parts = [
    ...(e.checks.length > 0 ? [`checked by ${e.checks.map((k) => k.id).join(', ')}`] : []),
    ...(e.operational ? [`runbook: ${e.operational.runbook}`] : []),
  ];
  return ` [${parts.length > 0 ? parts.join('; ') : 'not checked'}]`;
}
