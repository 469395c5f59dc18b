import { OarError } from '../../lib/diagnostics.ts';
import { parameterValueProblems, type Parameter, type ParameterValue } from '../../lib/validate/parameter-value.ts';
import { didYouMean } from '../../lib/validate/suggest.ts';

/** Parameter values by name, complete: every declared parameter has one. */
export type ParameterValues = Readonly<Record<string, ParameterValue>>;

/** Splits repeated `--param k=v` arguments into pairs; a missing `=` is a usage error. */
export function parseParamArgs(args: readonly string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new OarError(
        'OAR304',
        `--param ${JSON.stringify(arg)} is not name=value; write e.g. --param minCapacity=3`,
      );
    }
    pairs.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return pairs;
}

/**
 * The entry's parameters with defaults, overridden by `given` (strings from the
 * command line, converted to each parameter's type). Every problem is collected
 * and reported at once, with the list of valid parameters, before any CDK code runs.
 */
export function resolveParameters(
  entryId: string,
  declared: readonly Parameter[],
  given: ReadonlyMap<string, string>,
): ParameterValues {
  const byName = new Map(declared.map((p) => [p.name, p]));
  const values: Record<string, ParameterValue> = Object.fromEntries(declared.map((p) => [p.name, p.default]));
  const problems: string[] = [];
  for (const [name, raw] of given) {
    const p = byName.get(name);
    if (!p) {
      const guess = didYouMean(name, [...byName.keys()]);
      problems.push(`${entryId} has no parameter ${JSON.stringify(name)}${guess ? `; did you mean ${guess}?` : ''}`);
      continue;
    }
    const value = convert(p, raw);
    const wrong = parameterValueProblems(p, value);
    if (wrong.length > 0) problems.push(`${name}: ${wrong.join('; ')}`);
    else values[name] = value;
  }
  if (problems.length > 0) {
    throw new OarError('OAR304', `${problems.join('\n')}\n\nValid parameters of ${entryId}:\n${describeAll(declared)}`);
  }
  return values;
}

function convert(p: Parameter, raw: string): ParameterValue {
  if (p.type === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  if (p.type === 'boolean') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
  }
  return raw;
}

/** One line per parameter: name, type, default and the rule it must follow. */
export function describeAll(declared: readonly Parameter[]): string {
  if (declared.length === 0) return '  (none)';
  return declared
    .map((p) => {
      const rule = [
        p.enum ? `one of ${p.enum.join(', ')}` : '',
        p.pattern === undefined ? '' : `matches ${p.pattern}`,
        p.min === undefined ? '' : `min ${p.min}`,
        p.max === undefined ? '' : `max ${p.max}`,
      ].filter(Boolean);
      return `  ${p.name} (${p.type}, default ${JSON.stringify(p.default)})${rule.length ? `: ${rule.join(', ')}` : ''}`;
    })
    .join('\n');
}
