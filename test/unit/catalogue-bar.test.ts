import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

// The bar every catalogue entry meets (issue: "The catalogue itself"); the schema's minimums are lower,
// because a scaffolded draft must validate before it is complete.
const entries = openCatalogue(REPO_ROOT).entries;
const SECTIONS = [
  '## When to use',
  '## When not to use',
  '## How it works',
  '## Design principles',
  '## Adapting it',
  '## Operations',
];

describe('the real catalogue', () => {
  it('has at least 45 entries', () => {
    expect(entries.length).toBeGreaterThanOrEqual(45);
  });

  it('gives every entry that serves HTTP (load balancer, API Gateway, CloudFront) a smoke test', () => {
    const serving = entries.filter((e) =>
      e.meta.services.some((s) => s === 'elb' || s === 'api-gateway' || s === 'cloudfront'),
    );
    expect(serving.length).toBeGreaterThan(5);
    expect(serving.filter((e) => (e.meta.smokeTests?.length ?? 0) === 0).map((e) => e.id)).toEqual([]);
  });

  describe.each(entries.map((e) => [e.id, e] as const))('%s', (_id, e) => {
    const m = e.meta;

    it('has at least 3 constraints, 2 limitations, 4 failure modes and an honest outage', () => {
      expect(m.constraints.length).toBeGreaterThanOrEqual(3);
      expect(m.limitations.length).toBeGreaterThanOrEqual(2);
      expect(m.failureModes.length).toBeGreaterThanOrEqual(4);
      expect(m.failureModes.some((f) => f.impact === 'outage')).toBe(true);
    });

    it('has use cases, not-for cases, a dated cost with drivers, parameters and outputs', () => {
      expect(m.useCases.length).toBeGreaterThan(0);
      expect(m.notFor.length).toBeGreaterThan(0);
      expect(m.cost.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      expect(m.cost.drivers.length).toBeGreaterThan(0);
      expect(m.parameters?.length ?? 0).toBeGreaterThan(0);
      expect(m.outputs?.length ?? 0).toBeGreaterThan(0);
    });

    it('has usage notes with every section and footnoted sources', () => {
      const missing = SECTIONS.filter((s) => !`\n${e.readme}`.includes(`\n${s}\n`));
      expect(missing).toEqual([]);
      expect(e.readme).toMatch(/^\[\^\w+\]: .*https:\/\//mu);
    });
  });
});
