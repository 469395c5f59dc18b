import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openEngine } from '../../lib/index/shards/engine.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

// The real catalogue, searched with the engine the browser runs, so these are the results users see.
const catalogue = openCatalogue(REPO_ROOT);
const files = buildSearchFiles(catalogue.entries);
const engine = await openEngine(async (path) => structuredClone(files.get(path)));

/** The ids of the first `n` results for a query with no filters, best first. */
async function top(query: string, n: number): Promise<string[]> {
  const { matches } = await engine.search({ q: query, filter: {} });
  const docs = await engine.docs(matches.slice(0, n).map((m) => m.doc));
  return docs.map((d) => d.id);
}

/**
 * Queries phrased the way people type them, with the entry each must find in
 * its first three results. When a query fails, the message shows what ranked
 * instead, so a change of wording or boosts can be judged entry by entry.
 */
const QUERIES: readonly (readonly [string, string])[] = [
  ['java hosting without ebs', 'java-web-tier-instance-store'],
  ['host a java app on aws without ebs', 'java-web-tier-instance-store'],
  ['masterless puppet', 'java-web-tier-instance-store'],
  ['java app on ec2 with autoscaling', 'java-web-tier-ebs'],
  ['cheap static site', 'static-site-cloudfront'],
  ['https website with a custom domain and a cdn', 'static-site-cloudfront'],
  ['throw away environments every release', 'throwaway-release-environments'],
  ['weighted dns cutover between releases', 'throwaway-release-environments'],
  ['ssh into private instances without a bastion', 'private-admin-ssm'],
  ['port forwarding to a private database', 'private-admin-ssm'],
  ['dns names from ec2 tags', 'instance-tag-dns'],
  ['rest api with lambda and dynamodb', 'serverless-rest-api'],
  ['run docker containers behind a load balancer', 'ecs-fargate-alb'],
  ['fan out messages to multiple queues', 'sns-sqs-fanout'],
  ['idempotent consumers with a dead letter queue', 'sns-sqs-fanout'],
  ['postgres database with read replicas', 'aurora-data-tier'],
  ['rotate database passwords automatically', 'aurora-data-tier'],
  ['failover to another region', 'multi-region-active-passive'],
  ['disaster recovery in a second region', 'multi-region-active-passive'],
  ['query s3 data with sql', 'data-lake-athena'],
  ['glue crawler parquet', 'data-lake-athena'],
  ['deploy pipeline for staging and prod', 'cicd-catalogue-pipeline'],
  ['cheap batch jobs on spot instances', 'batch-on-spot'],
  ['ship cloudwatch logs to opensearch', 'centralised-logging'],
  ['connect many vpcs together', 'transit-gateway-hub-spoke'],
  ['centralised nat egress for spoke vpcs', 'transit-gateway-hub-spoke'],
  ['vpn to an on-prem data centre', 'site-to-site-vpn'],
  ['dmz, app and database network zones', 'three-zone-corporate-network'],
  ['let teams deploy their own environments', 'self-service-environment-portal'],
  ['weekly cost report per environment', 'metrics-pipeline'],
  ['send metrics to graphite', 'metrics-pipeline'],
];

describe('search quality on the real catalogue', () => {
  it('searches a catalogue of at least 20 valid entries', () => {
    expect(catalogue.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(20);
  });

  it.each(QUERIES)('"%s" finds %s in the top 3', async (query, id) => {
    const ids = await top(query, 5);
    expect(ids.slice(0, 3), `top 5: ${ids.join(', ')}`).toContain(id);
  });

  // Many entries mention zones; the first three must be ones that keep serving (unaffected or degraded) when one fails.
  it('"survive an availability zone outage" ranks first only entries that keep serving through one', async () => {
    const ids = await top('survive an availability zone outage', 3);
    const survives = (id: string) =>
      catalogue.byId.get(id)?.meta.failureModes.some((f) => f.scenario === 'az-outage' && f.impact !== 'outage') ??
      false;
    expect(ids.length).toBe(3);
    expect(
      ids.filter((id) => !survives(id)),
      `top 3: ${ids.join(', ')}`,
    ).toEqual([]);
  });
});
