import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { readTemplateSnapshot } from '../../lib/load/entry-snapshots.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

type Resource = { Type: string; Properties?: Record<string, unknown> };

/**
 * Whether the default configuration's template serves HTTP that a smoke test can reach from the deployer's machine:
 * an internet-facing load balancer, a REST or HTTP API, or a CloudFront distribution. Internal load balancers and
 * WebSocket APIs are not: the smoke test sends plain HTTPS requests from outside the VPC.
 */
function servesHttp(snapshot: string | undefined): boolean {
  const resources = Object.values(
    (JSON.parse(snapshot ?? '{}') as { Resources?: Record<string, Resource> }).Resources ?? {},
  );
  return resources.some(
    (r) =>
      (r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && r.Properties?.['Scheme'] !== 'internal') ||
      r.Type === 'AWS::ApiGateway::RestApi' ||
      (r.Type === 'AWS::ApiGatewayV2::Api' && r.Properties?.['ProtocolType'] === 'HTTP') ||
      r.Type === 'AWS::CloudFront::Distribution',
  );
}

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

  it('gives every entry that serves HTTP to the internet (load balancer, REST or HTTP API, CloudFront) a smoke test', () => {
    const serving = entries.filter((e) => servesHttp(readTemplateSnapshot(REPO_ROOT, e.dir)));
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
