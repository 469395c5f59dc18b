import type { AST } from '@eslint-community/regexpp';
import { createRequire } from 'node:module';
import { createContext, Script } from 'node:vm';

// The two analysers take about 160 ms to load; a catalogue without patterns, or a command that reads no
// entry, should not pay for them. Both are CommonJS, so they load synchronously, on the first pattern.
const require = createRequire(import.meta.url);
let analysers: { readonly refa: typeof import('refa'); readonly scslre: typeof import('scslre') } | undefined;
const load = () =>
  (analysers ??= {
    refa: require('refa') as typeof import('refa'),
    scslre: require('scslre') as typeof import('scslre'),
  });

/**
 * Parameter patterns are written by strangers and run by oar (validation, --param) and by
 * ejected projects, so a pattern that backtracks exponentially would hang them all. Static
 * checks (scslre's nested quantifiers, refa's overlapping alternatives) refuse what they can
 * prove exponential; values are capped at MAX_VALUE_LENGTH; every test runs under a time
 * budget for what the checks miss. Why not recheck or RE2: docs/decisions/parameter-patterns.md.
 */

/** The longest string a parameter may hold, as a default or a --param value. */
export const MAX_VALUE_LENGTH = 1000;
/** How long one test of a value against a pattern may run. */
export const PATTERN_BUDGET_MS = 1000;
/** How long the static analysis of one pattern may run; the catalogue's take about 1 ms each. */
const ANALYSIS_BUDGET_MS = 1000;

// vm's timeout interrupts even a regular expression in the middle of its backtracking.
const sandbox = createContext({});
const TEST = new Script('job()');

function withBudget<T>(ms: number, job: () => T): { value: T } | undefined {
  sandbox['job'] = job;
  try {
    return { value: TEST.runInContext(sandbox, { timeout: ms }) as T };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return undefined;
    throw error;
  } finally {
    delete sandbox['job'];
  }
}

/**
 * Why `pattern` can take exponential time, as a phrase naming the part at fault;
 * undefined when it is safe to run. The pattern must compile with the u flag.
 */
export function exponentialHazard(pattern: string): string | undefined {
  const tooComplex = 'it is too complex to check for exponential backtracking';
  try {
    const result = withBudget(ANALYSIS_BUDGET_MS, () => nestedQuantifier(pattern) ?? overlappingAlternatives(pattern));
    return result ? result.value : `${tooComplex} within ${ANALYSIS_BUDGET_MS} ms`;
  } catch {
    // refa's TooManyNodesError: the automaton would pass MAX_NODES states.
    return tooComplex;
  }
}

function nestedQuantifier(pattern: string): string | undefined {
  const report = load()
    .scslre.analyse({ source: pattern, flags: 'u' })
    .reports.find((r) => r.exponential);
  if (!report) return undefined;
  const part = report.type === 'Self' ? report.parentQuant.raw : report.type === 'Trade' ? report.startQuant.raw : '';
  return `${part} can match a run of ${JSON.stringify(report.character.pick)} in exponentially many ways`;
}

// Generous for 200-character patterns; a pattern past it is reported as too complex.
const MAX_NODES = 10_000;

/** Two alternatives that can match the same text, inside a quantifier without a maximum: (a|a)+, (\w|\d)*. */
function overlappingAlternatives(pattern: string): string | undefined {
  const { isDisjointWith, JS, NFA } = load().refa;
  const parser = JS.Parser.fromLiteral({ source: pattern, flags: 'u' });
  // Lookarounds and backreferences are left out of the languages: the time budget covers them.
  const language = (alternative: AST.Alternative) => {
    const parsed = parser.parseElement(alternative, {
      assertions: 'ignore',
      backreferences: 'disable',
      maxNodes: MAX_NODES,
    });
    const options = { maxCharacter: parsed.maxCharacter };
    return NFA.fromRegex(parsed.expression, options, { assertions: 'ignore' }, new NFA.LimitedNodeFactory(MAX_NODES));
  };
  const visit = (node: AST.Node, repeated: AST.Quantifier | undefined): string | undefined => {
    const inner = node.type === 'Quantifier' && node.max === Infinity ? node : repeated;
    if (node.type === 'Quantifier') return visit(node.element, inner);
    if (node.type === 'Alternative') return first(node.elements, (e) => visit(e, inner));
    if (node.type !== 'Pattern' && node.type !== 'Group' && node.type !== 'CapturingGroup') return undefined;
    const alternatives = node.alternatives;
    if (repeated && alternatives.length > 1) {
      const languages = alternatives.map(language);
      for (const [i, a] of languages.entries()) {
        for (const [j, b] of languages.entries()) {
          if (j > i && !isDisjointWith(a, b, MAX_NODES)) {
            const [x, y] = [alternatives[i]?.raw, alternatives[j]?.raw];
            return `in ${repeated.raw}, the alternatives ${x} and ${y} can match the same text, so a run of it matches in exponentially many ways`;
          }
        }
      }
    }
    return first(alternatives, (a) => visit(a, inner));
  };
  return visit(parser.ast.pattern, undefined);
}

function first<T>(items: readonly T[], find: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const found = find(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether `regex` matches `value`, or undefined when the test ran out of its time budget. */
export function testWithBudget(regex: RegExp, value: string): boolean | undefined {
  return withBudget(PATTERN_BUDGET_MS, () => regex.test(value))?.value;
}
