/**
 * Strict shapes for JSON that crossed a trust boundary: the reports a pull request's
 * run uploads, which the workflows holding a write token read. Every field's type
 * and length is checked and unknown fields are refused.
 *
 * Home-made rather than ajv because those workflows run with no node_modules at all
 * (no `npm ci` next to a write token), so this file may import nothing but
 * relative .ts files. The shapes also give the TypeScript types, so the type and its
 * check cannot drift apart.
 */

/** Checks a value at `path`, adding one line per problem to `out`. */
export interface Shape<T> {
  readonly check: (value: unknown, path: string, out: string[]) => void;
  /** Carries T for `Infer`; never set. */
  readonly type?: T;
}

/** The TypeScript type a shape accepts. */
export type Infer<S> = S extends Shape<infer T> ? T : never;

// Enough to say what is wrong without walking a hostile 8 MB file to its end.
const MAX_PROBLEMS = 20;

/**
 * A key or value from the input, quoted and cut short, safe to put in a one-line
 * message or log: JSON escapes line breaks and C0 controls, and this the rest (C1,
 * invisible and direction-changing characters, line separators).
 */
export function quoted(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value).replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const add = (out: string[], line: string) => {
  if (out.length < MAX_PROBLEMS) out.push(line);
};
const at = (path: string) => path || 'the document';

/** A string of at most `max` UTF-16 units, optionally matching `pattern` (which should be anchored). */
export function text(max: number, pattern?: RegExp): Shape<string> {
  return {
    check(v, path, out) {
      if (typeof v !== 'string') add(out, `${at(path)} must be a string`);
      else if (v.length > max) add(out, `${at(path)} is ${v.length} characters long, over the limit of ${max}`);
      else if (pattern && !pattern.test(v))
        add(out, `${at(path)} is ${quoted(v)}, which does not match ${pattern.source}`);
    },
  };
}

/** One of the listed strings. */
export function oneOf<const L extends readonly string[]>(...values: L): Shape<L[number]> {
  return {
    check(v, path, out) {
      if (typeof v !== 'string' || !values.includes(v)) add(out, `${at(path)} must be one of ${values.join(', ')}`);
    },
  };
}

/** A finite number from `min` to `max`; whole when `integer`. */
export function num(min: number, max: number, integer = true): Shape<number> {
  return {
    check(v, path, out) {
      if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
        add(out, `${at(path)} must be a ${integer ? 'whole number' : 'number'}`);
      else if (v < min || v > max) add(out, `${at(path)} is ${v}, outside ${min}..${max}`);
    },
  };
}

/** true or false. */
export const bool: Shape<boolean> = {
  check(v, path, out) {
    if (typeof v !== 'boolean') add(out, `${at(path)} must be true or false`);
  },
};

/** The shape, or null. */
export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return {
    check(v, path, out) {
      if (v !== null) shape.check(v, path, out);
    },
  };
}

/** A list of at most `max` items of one shape. */
export function list<T>(item: Shape<T>, max: number): Shape<readonly T[]> {
  return {
    check(v, path, out) {
      if (!Array.isArray(v)) add(out, `${at(path)} must be a list`);
      else if (v.length > max) add(out, `${at(path)} has ${v.length} items, over the limit of ${max}`);
      else for (let i = 0; i < v.length && out.length < MAX_PROBLEMS; i++) item.check(v[i], `${path}[${i}]`, out);
    },
  };
}

/** A pair, written as a two-item JSON list. */
export function pair<A, B>(a: Shape<A>, b: Shape<B>): Shape<readonly [A, B]> {
  return {
    check(v, path, out) {
      if (!Array.isArray(v) || v.length !== 2) {
        add(out, `${at(path)} must be a list of two items`);
        return;
      }
      a.check(v[0], `${path}[0]`, out);
      b.check(v[1], `${path}[1]`, out);
    },
  };
}

type Fields = Record<string, Shape<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] };
type ObjectOf<R extends Fields, O extends Fields> = Flat<
  { readonly [K in keyof R]: Infer<R[K]> } & { readonly [K in keyof O]?: Infer<O[K]> }
>;

/**
 * An object with these fields: `required` ones must be there, `optional` ones may be,
 * and others are refused, unless `others` is 'ignore' (for documents this code does
 * not own, such as GitHub's event payloads, which grow fields over time).
 */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- the default: no optional fields
export function object<R extends Fields, O extends Fields = Record<never, never>>(
  required: R,
  optional?: O,
  { others = 'refuse' }: { others?: 'refuse' | 'ignore' } = {},
): Shape<ObjectOf<R, O>> {
  const known = new Map<string, Shape<unknown>>([...Object.entries(required), ...Object.entries(optional ?? {})]);
  return {
    check(v, path, out) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        add(out, `${at(path)} must be an object`);
        return;
      }
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(required)) {
        if (!Object.hasOwn(record, key)) add(out, `${at(path)} lacks the field ${key}`);
      }
      for (const [key, value] of Object.entries(record)) {
        const shape = known.get(key);
        if (!shape) {
          if (others === 'refuse') add(out, `${at(path)} has an unknown field ${quoted(key)}`);
        } else shape.check(value, path ? `${path}.${key}` : key, out);
      }
    },
  };
}

/** One line for each item whose key an earlier item of the list has: `<path>[i] repeats the <what> "<key>"`. */
export function repeats(keys: readonly string[], path: string, what: string): string[] {
  const seen = new Set<string>();
  return keys.flatMap((key, i) => {
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [`${path}[${i}] repeats the ${what} ${quoted(key)}`];
  });
}

/** Parses JSON text of at most `maxChars` and checks it against `shape`: the value, or every problem (up to 20). */
export function parseShaped<T>(
  source: string,
  shape: Shape<T>,
  maxChars: number,
): { readonly ok: T } | { readonly problems: readonly string[] } {
  if (source.length > maxChars)
    return { problems: [`it is ${source.length} characters long, over the limit of ${maxChars}`] };
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    // Not the parser's message: it quotes the input.
    return { problems: ['it is not valid JSON'] };
  }
  const problems: string[] = [];
  shape.check(value, '', problems);
  return problems.length > 0 ? { problems } : { ok: value as T };
}
