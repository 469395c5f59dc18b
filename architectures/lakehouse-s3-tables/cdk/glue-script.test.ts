// Runs the pure helpers of glue/raw_to_curated.py with the local python3 (no Glue or Spark needed):
// the script imports Glue and Spark only inside main(), which does not run on import.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { ETL_SCRIPT } from './catalog.ts';

const HARNESS = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("etl", sys.argv[1])
etl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(etl)

def attempt(fn, *args):
    try:
        return {"ok": fn(*args)}
    except ValueError as error:
        return {"error": str(error)}

cases = json.load(sys.stdin)
print(json.dumps([attempt(getattr(etl, name), *args) for name, args in cases]))
`;

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const hasPython = python.status === 0;

/** Calls each helper of the script with its arguments; returns {ok} or {error} per call. */
function run(cases: [string, unknown[]][]): { ok?: unknown; error?: string }[] {
  const out = spawnSync('python3', ['-c', HARNESS, ETL_SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as { ok?: unknown; error?: string }[];
}

describe.skipIf(!hasPython)('glue/raw_to_curated.py helpers', () => {
  test('column names become lowercase letters, digits and underscores', () => {
    const [names] = run([['normalised_columns', [['userId', 'Event Type', '9lives', 'dt', 'a.b-c', 'ok_name']]]]);
    expect(names?.ok).toEqual({
      userId: 'userid',
      'Event Type': 'event_type',
      '9lives': 'c_9lives',
      dt: 'dt',
      'a.b-c': 'a_b_c',
      ok_name: 'ok_name',
    });
  });

  test('two columns that collapse into one name, or a name with nothing left, fail the run', () => {
    const [collision, empty] = run([
      ['normalised_columns', [['user-id', 'User_Id']]],
      ['normalise_column', ['!!!']],
    ]);
    expect(collision?.error).toMatch(/both become 'user_id'/u);
    expect(empty?.error).toMatch(/no letters or digits/u);
  });

  test('the raw table must have the dt partition column', () => {
    const [missing, present] = run([
      ['check_partition_column', [['id', 'payload']]],
      ['check_partition_column', [['id', 'dt']]],
    ]);
    expect(missing?.error).toMatch(/dt=YYYY-MM-DD/u);
    expect(present).toEqual({ ok: null });
  });

  test('the push-down predicate lists each day once, sorted, and accepts only dates', () => {
    const [predicate, injection, notADate, none] = run([
      ['days_predicate', [['2026-11-02', '2026-11-01', '2026-11-02']]],
      ['days_predicate', [["2026-11-01' or '1'='1"]]],
      ['days_predicate', [['20261101']]],
      ['days_predicate', [[]]],
    ]);
    expect(predicate?.ok).toBe("dt in ('2026-11-01', '2026-11-02')");
    expect(injection?.error).toMatch(/is not YYYY-MM-DD/u);
    expect(notADate?.error).toMatch(/is not YYYY-MM-DD/u);
    expect(none?.error).toMatch(/no days/u);
  });

  test('the curated table is named catalog.namespace.table, and only lowercase S3 Tables names pass', () => {
    const [ok, upper, injected] = run([
      ['table_identifier', ['lakehouse', 'oar_lake_curated', 'events']],
      ['table_identifier', ['lakehouse', 'Curated', 'events']],
      ['table_identifier', ['lakehouse', 'curated', 'events; drop table x']],
    ]);
    expect(ok?.ok).toBe('lakehouse.oar_lake_curated.events');
    expect(upper?.error).toMatch(/not a lowercase S3 Tables name/u);
    expect(injected?.error).toMatch(/not a lowercase S3 Tables name/u);
  });
});
