import type { Parameter } from '../../schema/architecture.ts';
import type { Comparison } from './compare.ts';
import { plural } from '../plural.ts';
import { MATCHED_BY_TYPE } from './format-template.ts';
import {
  cell,
  header,
  text,
  type Inline,
  type ViewCell,
  type ViewRow,
  type ViewSection,
  type ViewTable,
} from './view-model.ts';

/** What the templates add, remove and change: types whose count differs, then key properties that differ. */
export function templateSection(c: Comparison): ViewSection {
  const [a, b] = [c.from.id, c.to.id];
  const section = { id: 'template', heading: 'What the templates add, remove and change' };
  const t = c.template;
  if (!t) {
    return {
      ...section,
      intro: [[`No committed template snapshot for ${c.templateMissing.join(' and ')}.`]],
      tables: [],
    };
  }
  const types: ViewTable = {
    caption: `Resource types whose count differs: ${t.added} added, ${t.removed} removed, ${t.changed} with another count`,
    columns: ['Resource type', a, b, 'Change'],
    rows: t.types.map((x) => ({
      cells: [
        header({ code: x.type }),
        text(String(x.from)),
        text(String(x.to)),
        text(
          x.from === 0 ? 'added' : x.to === 0 ? 'removed' : `${x.to > x.from ? '+' : '−'}${Math.abs(x.to - x.from)}`,
        ),
      ],
    })),
  };
  const properties: ViewTable = {
    caption: 'Key properties that differ, over all resources of each type',
    columns: ['Resource type', 'Property', a, b],
    rows: t.properties.map((p) => ({
      cells: [
        header({ code: p.type }),
        text(p.property),
        marked(p.from, p.removed, 'del'),
        marked(p.to, p.added, 'ins'),
      ],
    })),
  };
  return {
    ...section,
    intro: [
      [MATCHED_BY_TYPE, ' Values only one side has are highlighted.'],
      [
        `${plural(t.same.types, 'type has', 'types have')} the same count in both (${plural(t.same.resources, 'resource')}).`,
      ],
      ...(t.properties.length === 0 ? [['No key property differs.']] : []),
    ],
    tables: [types, properties].filter((x) => x.rows.length > 0),
  };
}

/** Cost, parameters and constraints, each a table when something in it differs. */
export function designSections(c: Comparison): ViewSection[] {
  const [a, b] = [c.from.id, c.to.id];
  const tables: ViewTable[] = [];
  const cost = c.cost;
  if (cost) {
    const rows: ViewRow[] = [];
    if (cost.monthly) rows.push(pair('Monthly, USD', usd(cost.from.monthlyUsd), usd(cost.to.monthlyUsd)));
    if (cost.asOf) rows.push(pair('Prices as of', cost.from.asOf, cost.to.asOf));
    if (cost.assumptions) rows.push(pair('Assumptions', cost.from.assumptions, cost.to.assumptions));
    if (cost.drivers.added.length + cost.drivers.removed.length > 0) {
      rows.push({
        cells: [
          header('Drivers'),
          marked(cost.from.drivers, cost.drivers.removed, 'del'),
          marked(cost.to.drivers, cost.drivers.added, 'ins'),
        ],
      });
    }
    tables.push({ caption: 'Cost that differs', columns: ['Cost', a, b], rows });
  }
  if (c.parameters.length > 0) {
    tables.push({
      caption: 'Parameters that differ, matched by name',
      columns: ['Parameter', a, b, 'Differs in'],
      rows: c.parameters.map((p) => ({
        cells: [
          header({ code: p.name }),
          declared(p.from),
          declared(p.to),
          text(p.from && p.to ? p.fields.join(', ') : p.from ? `only in ${a}` : `only in ${b}`),
        ],
      })),
    });
  }
  if (c.constraints.length > 0) {
    tables.push({
      caption: 'Constraints only one entry states, by kind',
      columns: ['Kind', `Only in ${a}`, `Only in ${b}`],
      rows: c.constraints.map((k) => ({ cells: [header(k.kind), items(k.removed), items(k.added)] })),
    });
  }
  const intro = tables.length === 0 ? [['Cost, parameters and constraints are the same in both.']] : [];
  return [{ id: 'cost-parameters-constraints', heading: 'Cost, parameters and constraints', intro, tables }];
}

/** The rest of the metadata: a row per list field however many items moved, a row per other differing value. */
export function metadataSection(c: Comparison): ViewSection {
  const [a, b] = [c.from.id, c.to.id];
  const rows = c.metadata.map((m): ViewRow => {
    if (m.kind === 'value') return pair(m.field, show(m.from), show(m.to));
    const counts = `+${m.added.length} −${m.removed.length}${m.changed.length > 0 ? ` ~${m.changed.length}` : ''}`;
    const changed: Inline[][] = m.changed.map((x) => ['changed: ', x]);
    return {
      cells: [
        header(m.field, ` (${counts})`),
        items(m.removed.map((x) => ({ del: x }))),
        items([...m.added.map((x) => ({ ins: x })), ...changed]),
      ],
    };
  });
  return {
    id: 'metadata',
    heading: 'The rest of the metadata',
    intro:
      rows.length === 0 ? [['Nothing else differs.']] : [['A list field is one row: the items only one entry has.']],
    tables: rows.length === 0 ? [] : [{ caption: 'Other metadata that differs', columns: ['Field', a, b], rows }],
  };
}

function pair(label: string, from: string, to: string): ViewRow {
  return { cells: [header(label), text(from), text(to)] };
}

/** A side's values as a list, the ones the other side lacks marked (counted, so duplicates mark once each). */
function marked(values: readonly string[], only: readonly string[], mark: 'ins' | 'del'): ViewCell {
  const left = new Map<string, number>();
  for (const v of only) left.set(v, (left.get(v) ?? 0) + 1);
  return items(
    values.map((v): Inline => {
      const n = left.get(v) ?? 0;
      if (n === 0) return v;
      left.set(v, n - 1);
      return mark === 'ins' ? { ins: v } : { del: v };
    }),
  );
}

/** A list of items; one item reads as plain text, none as a dash. */
function items(list: readonly (Inline | Inline[])[]): ViewCell {
  const lines = list.map((x) => (Array.isArray(x) ? x : [x]));
  if (lines.length === 0) return text('—');
  return lines.length === 1 ? text(...(lines[0] ?? [])) : cell({ ul: lines });
}

function declared(p: Parameter | undefined): ViewCell {
  if (!p) return text('—');
  return text(
    `${p.type}, default `,
    { code: JSON.stringify(p.default) },
    ...(p.enum ? [`, one of ${p.enum.length}`] : []),
  );
}

function usd(m: { low: number; high: number }): string {
  return `${m.low} to ${m.high}`;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
