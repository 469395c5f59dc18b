import { diffMetadata, LIST_KEYS } from './entry-diff.ts';

/** A field whose value differs: a scalar, or one leaf of an object such as `wellArchitected.cost`. */
export interface ValueRow {
  readonly kind: 'value';
  readonly field: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** A list field in one row: items only the second entry has, only the first has, and items in both that differ. */
export interface ListRow {
  readonly kind: 'list';
  readonly field: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Keyed items (outputs by name, authors by github…) in both lists whose content differs. */
  readonly changed: readonly string[];
}

export type MetadataRow = ValueRow | ListRow;

/**
 * The metadata differences from `from` to `to`, one row per list field (tags, services, useCases…) however
 * many items moved, and one row per differing leaf elsewhere. `ignore` drops top-level fields that another
 * part of the comparison shows.
 */
export function metadataRows(from: object, to: object, ignore: ReadonlySet<string>): MetadataRow[] {
  const a = from as Record<string, unknown>;
  const b = to as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !ignore.has(f));
  return fields.flatMap((field): MetadataRow[] => {
    const x = a[field];
    const y = b[field];
    if (Array.isArray(x) || Array.isArray(y)) {
      const row = listRow(field, Array.isArray(x) ? x : [], Array.isArray(y) ? y : []);
      return row.added.length + row.removed.length + row.changed.length === 0 ? [] : [row];
    }
    return diffMetadata({ [field]: x }, { [field]: y }).map((c): ValueRow => ({
      kind: 'value',
      field: c.path,
      ...(c.before === undefined ? {} : { from: c.before }),
      ...(c.after === undefined ? {} : { to: c.after }),
    }));
  });
}

function listRow(field: string, from: readonly unknown[], to: readonly unknown[]): ListRow {
  const key = LIST_KEYS[field];
  const label = (item: unknown): string =>
    typeof item === 'string'
      ? item
      : key !== undefined && typeof item === 'object' && item !== null && key in item
        ? String((item as Record<string, unknown>)[key])
        : JSON.stringify(item);
  const a = new Map(from.map((item) => [label(item), item]));
  const b = new Map(to.map((item) => [label(item), item]));
  return {
    kind: 'list',
    field,
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...a.keys()].filter((k) => b.has(k) && JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))),
  };
}
