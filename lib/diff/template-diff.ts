import { compareCodePoints } from '../code-point-order.ts';
import { KEY_PROPERTIES } from './key-properties.ts';
import type { TemplateSummary } from './template-summary.ts';

/** A resource type whose count differs: 0 on one side means the type was added or removed. */
export interface TypeCount {
  readonly type: string;
  readonly from: number;
  readonly to: number;
}

/** A key property whose values differ between the two templates, over all resources of its type. */
export interface PropertyChange {
  readonly type: string;
  readonly property: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Values only `from` has (counted: two equal volumes removed of three are listed twice). */
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** What the second template adds, removes and changes against the first. */
export interface TemplateDiff {
  /** Types whose count differs, added and removed ones included, by type. */
  readonly types: readonly TypeCount[];
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Types with the same count on both sides, and how many resources they hold on each. */
  readonly same: { readonly types: number; readonly resources: number };
  readonly properties: readonly PropertyChange[];
}

/** Compares two template summaries type by type: logical ids differ between entries, so resources are never paired by id. */
export function diffTemplates(from: TemplateSummary, to: TemplateSummary): TemplateDiff {
  const all = [...new Set([...Object.keys(from.types), ...Object.keys(to.types)])].sort(compareCodePoints);
  const types: TypeCount[] = [];
  let sameTypes = 0;
  let sameResources = 0;
  for (const type of all) {
    const a = from.types[type] ?? 0;
    const b = to.types[type] ?? 0;
    if (a === b) {
      sameTypes += 1;
      sameResources += a;
    } else types.push({ type, from: a, to: b });
  }
  const properties = all.flatMap((type) =>
    (KEY_PROPERTIES[type] ?? []).flatMap(({ label }): PropertyChange[] => {
      const a = from.keys[type]?.[label] ?? [];
      const b = to.keys[type]?.[label] ?? [];
      const removed = without(a, b);
      const added = without(b, a);
      return removed.length + added.length === 0 ? [] : [{ type, property: label, from: a, to: b, removed, added }];
    }),
  );
  return {
    types,
    added: types.filter((t) => t.from === 0).length,
    removed: types.filter((t) => t.to === 0).length,
    changed: types.filter((t) => t.from > 0 && t.to > 0).length,
    same: { types: sameTypes, resources: sameResources },
    properties,
  };
}

/** `a` less `b` as multisets, in `a`'s order. */
function without(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const v of b) left.set(v, (left.get(v) ?? 0) + 1);
  return a.filter((v) => {
    const n = left.get(v) ?? 0;
    if (n > 0) left.set(v, n - 1);
    return n === 0;
  });
}
