import { readFileSync } from 'node:fs';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';

/**
 * Graded relevance for each query (test/fixtures/search/ranking.json): entry id → grade,
 * 3 what the query asks for, 2 a main part of the entry, 1 touched in passing; unlisted entries are 0.
 */
export type Judgments = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Queries phrased the way people type them → the entry each must find in its first three results. */
export type Realistic = Readonly<Record<string, string>>;

const FIXTURES = new URL('../../test/fixtures/search/', import.meta.url);

/** The judged queries against the real catalogue. */
export function loadJudgments(): Judgments {
  return JSON.parse(readFileSync(new URL('ranking.json', FIXTURES), 'utf8')) as Judgments;
}

/** The realistic queries against the real catalogue, each with the entry it is after. */
export function loadRealistic(): Realistic {
  return JSON.parse(readFileSync(new URL('realistic.json', FIXTURES), 'utf8')) as Realistic;
}

/** Queries for topics no entry covers yet (missing.json). */
export function loadMissing(): string[] {
  return JSON.parse(readFileSync(new URL('missing.json', FIXTURES), 'utf8')) as string[];
}

/** How many results the figures look at. */
export const CUTOFF = 10;

/** The grade a result must have for MRR to count it as an answer. */
export const ANSWER = 2;

/** Normalised discounted cumulative gain of the first `k` results (gain 2^grade − 1, log2 discount). */
export function ndcg(ranked: readonly string[], grades: Readonly<Record<string, number>>, k = CUTOFF): number {
  const dcg = (gs: readonly number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => grades[id] ?? 0)) / ideal;
}

/** 1 / the rank of the first result graded ANSWER or more within the first `k`, else 0. */
export function reciprocalRank(
  ranked: readonly string[],
  grades: Readonly<Record<string, number>>,
  k = CUTOFF,
): number {
  const at = ranked.slice(0, k).findIndex((id) => (grades[id] ?? 0) >= ANSWER);
  return at === -1 ? 0 : 1 / (at + 1);
}

/** One query's figures and what ranked first. */
export interface QueryFigures {
  readonly query: string;
  readonly ndcg: number;
  readonly rr: number;
  readonly top: readonly string[];
}

/** Mean nDCG@k and MRR@k over the judged queries, and each query's own figures. */
export interface RankingFigures {
  readonly ndcg: number;
  readonly mrr: number;
  readonly queries: readonly QueryFigures[];
}

/** Runs every judged query through `rank` (ids best first) and scores the results. */
export async function rankingFigures(
  judgments: Judgments,
  rank: (query: string) => Promise<readonly string[]>,
  k = CUTOFF,
): Promise<RankingFigures> {
  const queries: QueryFigures[] = [];
  for (const [query, grades] of Object.entries(judgments)) {
    const top = (await rank(query)).slice(0, k);
    queries.push({ query, ndcg: ndcg(top, grades, k), rr: reciprocalRank(top, grades, k), top });
  }
  const mean = (f: (q: QueryFigures) => number) => queries.reduce((s, q) => s + f(q), 0) / queries.length;
  return { ndcg: mean((q) => q.ndcg), mrr: mean((q) => q.rr), queries };
}

/** The realistic query about failure modes: its first results must keep serving through an AZ outage. */
export const AZ_QUERY = 'survive an availability zone outage';

/** Whether the entry lists an AZ outage that it keeps serving through (unaffected or degraded). */
export function survivesAzOutage(catalogue: Catalogue, id: string): boolean {
  return (
    catalogue.byId.get(id)?.meta.failureModes.some((f) => f.scenario === 'az-outage' && f.impact !== 'outage') ?? false
  );
}
