import { describe, expect, it } from 'vitest';
import {
  advisoriesAtOrAbove,
  parseFailOn,
  requireNoneAtOrAbove,
  stackStatuses,
  type ListedStack,
} from '../../generators/status/stack-status.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { statusJson, statusText } from '../../scripts/cli/status-report.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

// env-probe is at 1.1.0 and publishes a critical (<1.0.0, fixed in 1.0.0), a high (>=1.0.0 <1.1.0, fixed in
// 1.1.0) and a low without a fix (>=1.0.0).
const catalogue = openCatalogue(fixture('status'));
const probe = catalogue.byId.get('env-probe') as ResolvedEntry;
// The same entry without advisories, to see stacks that are behind or up to date.
const quiet: ResolvedEntry = { ...probe, id: 'quiet', meta: { ...probe.meta, id: 'quiet', advisories: [] } };
const byId = new Map([...catalogue.byId, ['quiet', quiet]]);

const stack = (name: string, tags: Record<string, string>): ListedStack => ({
  name,
  status: 'UPDATE_COMPLETE',
  tags,
});
const tagged = (name: string, entry: string, version: string, env?: string) =>
  stack(name, { 'oar:entry': entry, 'oar:version': version, ...(env ? { 'oar:env': env } : {}) });

const LISTED = [
  tagged('oar-quiet--current', 'quiet', '1.1.0', 'current'),
  tagged('oar-retired--old', 'retired', '2.0.0', 'old'),
  tagged('oar-env-probe--prod', 'env-probe', '1.0.0', 'prod'),
  stack('CDKToolkit', {}),
  tagged('oar-quiet--old', 'quiet', '1.0.0', 'old'),
  tagged('hand-made', 'env-probe', 'main'),
  tagged('oar-env-probe--new', 'env-probe', '1.1.0', 'new'),
  tagged('oar-env-probe--ancient', 'env-probe', '0.9.0'),
];

describe('stackStatuses', () => {
  const statuses = stackStatuses(LISTED, byId);
  const summary = statuses.map((s) => [s.stackName, s.state, s.advisories.map((a) => a.severity).join(' ')]);

  it('keeps every stack that names an entry, known or not, worst advisory first, then behind, unknown, up to date', () => {
    expect(summary).toEqual([
      ['oar-env-probe--ancient', 'affected', 'critical'],
      ['oar-env-probe--prod', 'affected', 'high low'],
      ['oar-env-probe--new', 'affected', 'low'],
      ['oar-quiet--old', 'behind', ''],
      ['hand-made', 'unknown', ''],
      ['oar-retired--old', 'unknown', ''],
      ['oar-quiet--current', 'up-to-date', ''],
    ]);
  });

  it('says why a stack is unknown: no such entry, or no version to match advisories against', () => {
    const why = Object.fromEntries(statuses.map((s) => [s.stackName, s.why]));
    expect(why['oar-retired--old']).toMatch(/^the catalogue has no valid entry "retired": it was renamed or removed/u);
    expect(why['hand-made']).toBe(
      'its oar:version tag is "main", not a version, so which advisories apply cannot be told; redeploy it with oar deploy',
    );
    expect(statuses.find((s) => s.stackName === 'hand-made')?.newestVersion).toBe('1.1.0');
  });

  it('prints a table, then each stack’s advisories with what to do, and a stable JSON document', () => {
    const report = { region: 'eu-west-1', failOn: 'high' as const, stacks: statuses };
    expect(statusText(report)).toMatchSnapshot();
    expect(JSON.stringify(statusJson(report), null, 2)).toMatchSnapshot();
  });

  it('says so when no stack names an entry', () => {
    expect(statusText({ region: 'us-east-1', stacks: stackStatuses([stack('CDKToolkit', {})], byId) })).toBe(
      'no stack in us-east-1 has an oar:entry tag (oar deploy tags every stack it creates)',
    );
  });
});

describe('--fail-on', () => {
  const statuses = stackStatuses(LISTED, byId);

  it.each([
    ['critical', ['oar-env-probe--ancient 2026-001-plain-value']],
    ['high', ['oar-env-probe--ancient 2026-001-plain-value', 'oar-env-probe--prod 2026-002-readable-parameter']],
    ['medium', ['oar-env-probe--ancient 2026-001-plain-value', 'oar-env-probe--prod 2026-002-readable-parameter']],
  ] as const)('%s finds the advisories at or above it', (failOn, found) => {
    expect(advisoriesAtOrAbove(statuses, failOn).map((f) => `${f.stack.stackName} ${f.advisory.id}`)).toEqual(found);
  });

  it('OAR341 names each stack and advisory at or above it; nothing below it fails', () => {
    const prod = stackStatuses([tagged('oar-env-probe--prod', 'env-probe', '1.0.0', 'prod')], byId);
    expect(() => {
      requireNoneAtOrAbove(prod, 'critical');
    }).not.toThrow();
    expect(() => {
      requireNoneAtOrAbove(prod, 'low');
    }).toThrow(
      expect.objectContaining({
        code: 'OAR341',
        message:
          "2 advisories at or above low apply to deployed stacks:\n  oar-env-probe--prod: env-probe/2026-002-readable-parameter (high)\n  oar-env-probe--prod: env-probe/2026-003-name-collision (low)\nUpgrade each stack to the advisory's fixed version, or apply its mitigation, as oar status lists them",
      }) as Error,
    );
  });

  it('reads a severity, and refuses anything else with OAR303 and the list', () => {
    expect(parseFailOn(undefined)).toBeUndefined();
    expect(parseFailOn('medium')).toBe('medium');
    expect(() => parseFailOn('HIGH')).toThrow(
      expect.objectContaining({
        code: 'OAR303',
        message: '--fail-on "HIGH" is not a severity; write one of low, medium, high, critical, e.g. --fail-on high',
      }) as Error,
    );
  });

  it('oar status checks --fail-on and --region before asking AWS anything: exit 2', async () => {
    const severity = await runOar(['--root', fixture('status'), 'status', '--fail-on', 'severe']);
    expect([severity.code, severity.stdout, severity.stderr]).toEqual([
      2,
      '',
      'error OAR303: --fail-on "severe" is not a severity; write one of low, medium, high, critical, e.g. --fail-on high',
    ]);
    const region = await runOar(['--root', fixture('status'), 'status', '--region', 'mars']);
    expect([region.code, region.stderr]).toEqual([
      2,
      'error OAR303: --region "mars" is not an AWS region name; write e.g. --region eu-west-1',
    ]);
  });
});
