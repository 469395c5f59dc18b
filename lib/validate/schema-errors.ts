import type { ErrorObject } from 'ajv';
import type { Code } from '../codes.ts';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { describeChar } from '../control-chars.ts';
import type { PathSegment, YamlSource } from '../load/yaml-source.ts';
import { formatPath } from '../load/yaml-walk.ts';
import { didYouMean, showValue } from './suggest.ts';

interface SchemaNode {
  readonly description?: string;
  readonly hint?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, unknown>;
  readonly title?: string;
}

/** Friendly names for controlled vocabularies, by schema definition. */
const VOCABULARY: Record<string, string> = {
  service: 'the AWS service ids',
  category: 'the categories',
  scenario: 'the failure scenarios',
};

/**
 * Turns ajv's errors into diagnostics at the right file:line:col. Each message
 * names the field, the value received and the fix; ajv's own wording never leaks.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // `if` only says "must match then"; the failing `then` keyword reports the real problem.
    if (error.keyword === 'if') continue;
    const path = pointerToPath(error.instancePath);
    const d = describe(error, path);
    const at = d.path ?? path;
    const pos = source.locate(at, d.atKey);
    // A value checked by two subschemas (e.g. a type in plainText and beside it) fails twice; say it once.
    const key = `${d.code}:${pos.line}:${pos.col}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diag(d.code, source.file, d.message, { line: pos.line, col: pos.col, path: toPointer(at) }));
  }
  return out;
}

interface Described {
  code: Code;
  message: string;
  path?: PathSegment[];
  atKey?: boolean;
}

function describe(error: ErrorObject, path: PathSegment[]): Described {
  const field = `\`${formatPath(path)}\``;
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const got = showValue(error.data);
  const params = error.params as Record<string, unknown>;
  const hint = schema.hint ? `; ${schema.hint}` : '';
  switch (error.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      const where = path.length === 0 ? '' : ` in ${field}`;
      const fieldSchema = schema.properties?.[missing] as SchemaNode | undefined;
      const about = fieldSchema?.description ? ` (${fieldSchema.description.replace(/\.$/, '')})` : '';
      return {
        code: 'OAR101',
        message: `missing required field \`${missing}\`${where}; add \`${missing}:\`${about}`,
      };
    }
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const allowed = Object.keys(schema.properties ?? {});
      const guess = didYouMean(extra, allowed);
      const fix = guess ? `did you mean \`${guess}\`?` : `allowed fields here: ${allowed.join(', ')}`;
      return { code: 'OAR102', message: `unknown field \`${extra}\`; ${fix}`, path: [...path, extra], atKey: true };
    }
    case 'type':
      if (typeof error.data === 'number' && !Number.isFinite(error.data)) return notFinite(field, error.data);
      return {
        code: 'OAR103',
        message: `${field} must be ${article(String(params['type']))}, but got ${kindOf(error.data)} ${got}`,
      };
    case 'enum': {
      const allowed = (schema.enum ?? []).map(String);
      const vocabulary = vocabularyName(error.schemaPath);
      const guess = didYouMean(String(error.data), allowed);
      const fix = guess
        ? `did you mean ${showValue(guess)}?`
        : allowed.length <= 20
          ? `use one of: ${allowed.join(', ')}`
          : `use one of ${vocabulary ?? 'the allowed values'} listed in schema/architecture.schema.json`;
      const what = vocabulary ? ` is not one of ${vocabulary}` : ' is not an allowed value';
      return { code: 'OAR104', message: `${field} value ${got}${what}; ${fix}` };
    }
    case 'const':
      return { code: 'OAR104', message: `${field} must be ${showValue(params['allowedValue'])}, but got ${got}` };
    case 'pattern':
    case 'format': {
      const unsafe = typeof error.data === 'string' ? forbiddenChar(String(params['pattern']), error.data) : undefined;
      if (unsafe) return { code: 'OAR105', message: `${field} has ${unsafe}${hint}` };
      return {
        code: 'OAR105',
        message: `${field} value ${got} has the wrong format${hint || `; it must match ${String(params['pattern'] ?? params['format'])}`}`,
      };
    }
    case 'minLength':
    case 'maxLength': {
      const length = typeof error.data === 'string' ? Array.from(error.data).length : 0;
      const limit = Number(params['limit']);
      const verb = error.keyword === 'minLength' ? `at least ${limit}` : `at most ${limit}`;
      const fix = error.keyword === 'minLength' ? 'write more' : 'shorten it';
      return { code: 'OAR106', message: `${field} is ${length} characters long; it must be ${verb}; ${fix}` };
    }
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(error.data) ? error.data.length : 0;
      const limit = Number(params['limit']);
      const verb = error.keyword === 'minItems' ? `at least ${limit}` : `at most ${limit}`;
      return { code: 'OAR106', message: `${field} has ${count} item${count === 1 ? '' : 's'}; it needs ${verb}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'OAR107',
        message: `${field} is ${got}; it must be ${String(params['comparison'])} ${String(params['limit'])}`,
      };
    case 'uniqueItems': {
      // ajv names the later duplicate i and the earlier one j.
      const [first, repeat] = [Number(params['j']), Number(params['i'])];
      const list = Array.isArray(error.data) ? (error.data as unknown[]) : [];
      return {
        code: 'OAR108',
        message: `${field} lists ${showValue(list[repeat])} twice (items ${first} and ${repeat}); remove the repeat`,
        path: [...path, repeat],
      };
    }
    case 'false schema':
      return {
        code: 'OAR109',
        message: `${field} is not allowed here${conditionNote(path)}; remove it`,
        atKey: true,
      };
    default:
      return { code: 'OAR199', message: `${field} ${error.message ?? 'is invalid'} (received ${got})` };
  }
}

/** YAML reads `.inf`, `.nan` and numbers too large for a double (1e400) as numbers JSON has not got. */
function notFinite(field: string, value: number): Described {
  const sign = value > 0 ? '' : '-';
  const what = Number.isNaN(value)
    ? 'is .nan, which is not a number'
    : `is ${sign ? 'minus ' : ''}infinity (${sign}.inf, or a number too large to hold, such as ${sign}1e400)`;
  return { code: 'OAR103', message: `${field} ${what}; write a finite number, such as 120` };
}

/**
 * For a pattern that only forbids characters (`^[^…]*$`, as the schema's text rules
 * are), the first forbidden character of the value and where it is, for the message.
 */
function forbiddenChar(pattern: string, value: string): string | undefined {
  const forbidden = /^\^\[\^(.+)\]\*\$$/su.exec(pattern)?.[1];
  const found = forbidden === undefined ? null : new RegExp(`[${forbidden}]`, 'u').exec(value);
  if (!found) return undefined;
  return `${describeChar(found[0])} at character ${Array.from(value.slice(0, found.index)).length + 1}`;
}

function conditionNote(path: PathSegment[]): string {
  return path[0] === 'parameters' ? ' for a parameter of this type' : '';
}

function vocabularyName(schemaPath: string): string | undefined {
  const match = /#\/definitions\/([^/]+)\/enum$/.exec(schemaPath);
  return match ? VOCABULARY[match[1] ?? ''] : undefined;
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
