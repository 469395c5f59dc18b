import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { requireBrowser } from '../helpers/browser.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

interface Case {
  description: string;
  codes: string[];
  exitCode: number;
  /** Extra arguments for oar validate. */
  args?: string[];
  /** A case that needs a headless browser. */
  needs?: 'browser';
}

const root = fixture('invalid');
const cases = readdirSync(root).sort();

describe('oar validate on bad input', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.for(cases)('%s', async (name, { skip }) => {
    const dir = join(root, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    if (spec.needs === 'browser' && !(await requireBrowser(`oar validate --diagrams on ${name}`))) skip();
    const run = await runOar(['validate', '--root', dir, ...(spec.args ?? [])]);
    const output = `${run.stdout}\n${run.stderr}`.replaceAll(dir, '<case>');

    expect(run.code, spec.description).toBe(spec.exitCode);
    for (const code of spec.codes) expect(output).toContain(`  ${code}  `);
    // Never a crash or a stack trace, and every line points at a file of the case.
    expect(output).not.toMatch(/internal error|\n\s+at /);
    for (const line of run.stdout.split('\n').slice(0, -1))
      expect(line).toMatch(/^architectures(\/\S+)?(:\d+:\d+)? {2}OAR\d{3} {2}/);
    await expect(output).toMatchFileSnapshot(join(dir, 'expected.txt'));
  });
});
