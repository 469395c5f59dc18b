import { beforeAll, describe, expect, it } from 'vitest';
import { canLaunchChromium } from '../../lib/browser.ts';
import { requireBrowser } from '../helpers/browser.ts';
import { listCases, readCase } from '../hostile/case.ts';
import { runCorpus, type Hung } from '../hostile/run-corpus.ts';
import type { CaseRun } from '../hostile/run-cases.ts';

const names = listCases();
let results: Map<string, CaseRun | Hung>;

// Control characters other than tab and newline must never reach a terminal (escape sequences, OSC 52).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

beforeAll(async () => {
  const browser = await canLaunchChromium();
  // The workflows area is the PR report's, run by test/unit/hostile-workflows.test.ts, not by oar.
  const runs = names.filter((n) => !n.startsWith('workflows/') && (browser || readCase(n).needs !== 'browser'));
  results = await runCorpus(runs);
}, 600_000);

describe('the hostile corpus', () => {
  it('has at least 150 cases, in every area the issue names', () => {
    expect(names.length).toBeGreaterThanOrEqual(150);
    const areas = new Set(names.map((n) => n.split('/')[0]));
    for (const area of ['yaml', 'readme', 'diagrams', 'changelog', 'media', 'files', 'cli', 'search', 'workflows'])
      expect(areas, `an area of the corpus: ${area}`).toContain(area);
  });

  it.for(names.filter((n) => !n.startsWith('workflows/')))('%s', async (name, { skip }) => {
    const c = readCase(name);
    if (c.needs === 'browser' && !(await requireBrowser(`the hostile case ${name}`))) skip();
    const run = results.get(name);
    expect(run, 'the case ran').toBeDefined();
    if (!run || 'hung' in run) throw new Error(`${name} did not finish within the watchdog (${String(run?.ms)} ms)`);
    const output = `${run.stdout}\n${run.stderr}`.replaceAll(run.root, '<root>');
    const said = `${c.description}\n--- output ---\n${output}`;
    expect(run.code, said).toBe(c.expect.exit);
    expect(output, said).not.toMatch(/OAR900|internal error|harness error|\n\s+at \S+ \(/u);
    expect(output, 'no control characters reach the terminal').not.toMatch(CONTROL);
    for (const code of c.expect.codes) expect(output, said).toMatch(new RegExp(`(^|\\s)${code}(\\s|:)`, 'mu'));
    if (c.expect.codes.length === 0) expect(output, said).not.toMatch(/(^|\s)OAR\d{3}\s{2}(?!warning)/mu);
    if (c.expect.where !== undefined) {
      const where = c.expect.where.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      expect(output, said).toMatch(new RegExp(`(^|\\s)${where}[:\\s]`, 'mu'));
    }
    if (c.expect.output !== undefined) expect(output, said).toMatch(new RegExp(c.expect.output, 'u'));
    if (c.expect.notOutput !== undefined) expect(output, said).not.toMatch(new RegExp(c.expect.notOutput, 'u'));
  });
});
