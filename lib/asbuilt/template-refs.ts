/** A template's resources as the as-built diagram reads them: logical id to type and properties. */
export interface TemplateResource {
  readonly id: string;
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
}

// `${Name}` or `${Name.Attribute}` in Fn::Sub; `${!Literal}` is text, not a reference.
const SUB_VARIABLE = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/gu;

/**
 * The logical ids of `resources` that `value` refers to, in document order, each once: Ref,
 * Fn::GetAtt (list and dotted string forms) and the variables of Fn::Sub. Walked with a stack,
 * not recursion, so a hostile snapshot nested a million levels deep cannot overflow it.
 */
export function refsIn(value: unknown, resources: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const add = (id: unknown) => {
    if (typeof id === 'string' && resources.has(id)) found.add(id);
  };
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    if ('Ref' in o) add(o['Ref']);
    const att = o['Fn::GetAtt'];
    if (Array.isArray(att)) add((att as unknown[])[0]);
    else if (typeof att === 'string') add(att.split('.')[0]);
    const sub = o['Fn::Sub'];
    const [template, variables]: unknown[] = Array.isArray(sub) ? (sub as unknown[]) : [sub];
    if (typeof template === 'string') {
      const shadowed = typeof variables === 'object' && variables !== null ? variables : {};
      for (const m of template.matchAll(SUB_VARIABLE)) {
        const name = m[1] ?? '';
        if (!(name in shadowed)) add(name);
      }
    }
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i >= 0; i--) stack.push(o[keys[i] as string]);
  }
  return [...found];
}

/**
 * The values at a dotted property path, e.g. `DistributionConfig.Origins` or `Targets.*.Arn`, where `*`
 * steps into every item of a list; none when a step is missing.
 */
export function valuesAt(props: Readonly<Record<string, unknown>>, path: string): unknown[] {
  let values: unknown[] = [props];
  for (const key of path.split('.')) {
    values = values.flatMap((v) => {
      if (key === '*') return Array.isArray(v) ? (v as unknown[]) : [];
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
      const next = (v as Record<string, unknown>)[key];
      return next === undefined ? [] : [next];
    });
  }
  return values;
}

/** Every resource's references, and who refers to each: computed once per template. */
export interface RefIndex {
  readonly out: ReadonlyMap<string, readonly string[]>;
  readonly into: ReadonlyMap<string, readonly string[]>;
}

/** Indexes the references between `resources` (a resource's references to itself are left out). */
export function indexRefs(resources: readonly TemplateResource[]): RefIndex {
  const ids = new Set(resources.map((r) => r.id));
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const r of resources) {
    const refs = refsIn(r.props, ids).filter((id) => id !== r.id);
    out.set(r.id, refs);
    for (const id of refs) {
      const referrers = into.get(id);
      if (referrers) referrers.push(r.id);
      else into.set(id, [r.id]);
    }
  }
  return { out, into };
}
