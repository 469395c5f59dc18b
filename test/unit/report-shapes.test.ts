import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CheckReport, EntryCheck } from '../../generators/check/check-entries.ts';
import type { Diagnostic } from '../../lib/diagnostics.ts';
import {
  MAX_REPORT_CHARS,
  parseCheckReport,
  parseValidateJson,
  type CheckedReport,
  type Parsed,
} from '../../lib/report/report-shapes.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

// A real `oar check sns-sqs-fanout static-site-cloudfront --report` output.
const real = readFileSync(fixture('reports/check-report.json'), 'utf8');
const problemsOf = (parsed: Parsed<unknown>) => ('problems' in parsed ? parsed.problems : []);
type Editable = Record<string, unknown> & { entries: Record<string, unknown>[] };
type Case = readonly [string, (r: Editable) => unknown, string];
/** A report as JSON carries it: a code is any OARnnn, so a reader takes codes newer than its own list. */
type Flat<T> = { [K in keyof T]: T[K] };
type Wire = Flat<
  Omit<CheckReport, 'entries'> & {
    readonly entries: readonly Flat<
      Omit<EntryCheck, 'diagnostics'> & {
        readonly diagnostics: readonly Flat<Omit<Diagnostic, 'code'> & { readonly code: string }>[];
      }
    >[];
  }
>;
const synthFailure = { code: 'OAR306', severity: 'error', file: 'architectures/x/cdk/stack.ts', message: 'boom' };
const edit = (change: (r: Editable) => unknown) => {
  const r = JSON.parse(real) as Editable;
  change(r);
  return JSON.stringify(r);
};

describe('the strict shape of an oar check report', () => {
  it('is the type oar check writes, field for field', () => {
    expectTypeOf<CheckedReport>().toEqualTypeOf<Wire>();
  });

  it('accepts what oar check writes', () => {
    expect(parseCheckReport(real)).toHaveProperty('ok');
  });

  it.for<Case>([
    ['an unknown field', (r) => Object.assign(r, { verified: true }), 'the document has an unknown field "verified"'],
    ['a missing field', (r) => delete r.entries[0]?.['diagnostics'], 'entries[0] lacks the field diagnostics'],
    ['a wrong type', (r) => Object.assign(r, { jobs: '2' }), 'jobs must be a whole number'],
    ['a negative number', (r) => Object.assign(r, { ms: -1 }), 'ms is -1, outside 0..1000000000000'],
    [
      'an id that is no entry id',
      (r) => Object.assign(r.entries[0] ?? {}, { id: '<b>x</b>' }),
      'entries[0].id is "<b>x</b>", which',
    ],
    [
      'a status out of the list',
      (r) => Object.assign(r.entries[0] ?? {}, { status: 'verified' }),
      'entries[0].status must be one of passed, failed',
    ],
    [
      'a long message',
      (r) => Object.assign(r.entries[0] ?? {}, { diagnostics: [{ ...synthFailure, message: 'x'.repeat(20_001) }] }),
      'entries[0].diagnostics[0].message is 20001 characters long, over the limit of 20000',
    ],
    [
      'a passed entry with an error',
      (r) => Object.assign(r.entries[0] ?? {}, { diagnostics: [synthFailure] }),
      'entries[0].status is passed, but the entry has errors',
    ],
    ['an entry twice', (r) => r.entries.push({ ...r.entries[0] }), 'entries[2] repeats the entry "sns-sqs-fanout"'],
    [
      'a prototype key',
      (r) => Object.defineProperty(r, '__proto__', { value: {}, enumerable: true }),
      'unknown field "__proto__"',
    ],
  ])('refuses %s', ([, change, problem]) => {
    expect(problemsOf(parseCheckReport(edit(change))).join('\n')).toContain(problem);
  });

  it('refuses text that is not JSON, or too long to read, without quoting it', () => {
    expect(problemsOf(parseCheckReport('{"a": @everyone'))).toEqual(['it is not valid JSON']);
    expect(problemsOf(parseCheckReport(' '.repeat(MAX_REPORT_CHARS + 1)))).toEqual([
      `it is ${MAX_REPORT_CHARS + 1} characters long, over the limit of ${MAX_REPORT_CHARS}`,
    ]);
  });

  it('stops after 20 problems', () => {
    const entries = Array.from({ length: 100 }, () => ({ nonsense: 1 }));
    expect(problemsOf(parseCheckReport(edit((r) => Object.assign(r, { entries }))))).toHaveLength(20);
  });
});

describe('the strict shape of oar validate --json', () => {
  it('accepts what oar validate prints, with and without errors', async () => {
    for (const root of [fixture('valid'), fixture('invalid/bad-semver')]) {
      const run = await runOar(['--root', root, 'validate', '--json']);
      expect(parseValidateJson(run.stdout), run.stdout).toHaveProperty('ok');
    }
  });

  it('refuses an ok that its errors contradict, and a code that is no oar code', () => {
    const error = { code: 'OAR106', severity: 'error', file: 'f', message: 'm' };
    expect(problemsOf(parseValidateJson(JSON.stringify({ ok: true, entries: 1, diagnostics: [error] })))).toEqual([
      'ok is true, but the report lists errors',
    ]);
    const odd = { ...error, code: 'OAR106 <img src=x>' };
    expect(problemsOf(parseValidateJson(JSON.stringify({ ok: false, entries: 1, diagnostics: [odd] })))).toEqual([
      'diagnostics[0].code is 18 characters long, over the limit of 6',
    ]);
  });
});
