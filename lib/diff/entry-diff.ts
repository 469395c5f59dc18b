/** One difference between two entries' metadata. */
export interface Change {
  /** Readable path, e.g. `failureModes[ebs-degradation].impact`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Lists of objects are matched by a natural key rather than position, so a
 * reordered or inserted item reads as one change, not a cascade.
 */
export const LIST_KEYS: Readonly<Record<string, string>> = {
  authors: 'github',
  constraints: 'text',
  failureModes: 'scenario',
  diagrams: 'file',
  parameters: 'name',
  outputs: 'name',
  smokeTests: 'name',
  variants: 'name',
  advisories: 'id',
};

/** Fields that always differ between a fork and its parent, and say nothing about the design. */
export const IDENTITY_FIELDS = new Set(['id', 'forkedFrom']);

/** Differences from `a` to `b`; pass `ignore` to drop top-level fields such as IDENTITY_FIELDS. */
export function diffMetadata(a: object, b: object, ignore: ReadonlySet<string> = new Set()): Change[] {
  const out: Change[] = [];
  const keys = unionKeys(a, b).filter((k) => !ignore.has(k));
  for (const key of keys) walk(key, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], key, out);
  return out;
}

function walk(path: string, a: unknown, b: unknown, field: string, out: Change[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, kind: 'added', after: b });
  if (b === undefined) return void out.push({ path, kind: 'removed', before: a });
  if (Array.isArray(a) && Array.isArray(b)) {
    diffList(path, a, b, LIST_KEYS[field], out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of unionKeys(a, b)) walk(`${path}.${k}`, a[k], b[k], k, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: 'changed', before: a, after: b });
}

function diffList(path: string, a: unknown[], b: unknown[], key: string | undefined, out: Change[]): void {
  const keyOf = (item: unknown, i: number): string =>
    key !== undefined && isObject(item)
      ? String(item[key])
      : isObject(item) || Array.isArray(item)
        ? String(i)
        : JSON.stringify(item);
  const mapA = new Map(a.map((item, i) => [keyOf(item, i), item]));
  const mapB = new Map(b.map((item, i) => [keyOf(item, i), item]));
  const scalar = a.concat(b).every((item) => !isObject(item) && !Array.isArray(item));
  for (const [k, item] of mapA) {
    if (!mapB.has(k)) out.push({ path: scalar ? path : `${path}[${k}]`, kind: 'removed', before: item });
  }
  for (const [k, item] of mapB) {
    const before = mapA.get(k);
    if (!mapA.has(k)) out.push({ path: scalar ? path : `${path}[${k}]`, kind: 'added', after: item });
    else if (!scalar) walk(`${path}[${k}]`, before, item, '', out);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}
