// Runs the four step handlers exactly as they ship inline, against in-memory Cost Explorer, DynamoDB,
// S3 and CloudWatch fakes, and the Graphite writer against a real TCP listener on localhost. The
// handlers are chained the way the state machine chains them, over several weekly runs.
import { once } from 'node:events';
import * as net from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import {
  fakeClient,
  fakeCommand,
  loadInlineHandler,
  type Command,
  type Json,
} from '../../../test/helpers/lambda-fakes.ts';
import { inlineSource, type StepFile } from './functions.ts';

/** A DynamoDB attribute value as the handlers write it. */
interface Attr {
  readonly S?: string;
  readonly N?: string;
}
type Item = Record<string, Attr>;
interface Point {
  readonly series: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly dimensions: { readonly Environment?: string };
}
/** What the steps return, gather's fields first; each step passes on what it got and adds its own. */
interface Run {
  readonly runAt: string;
  readonly runDate: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly previousPeriod: { readonly start: string; readonly end: string };
  readonly cost: {
    readonly current: Record<string, number>;
    readonly previous: Record<string, number>;
    readonly estimated: boolean;
  } | null;
  readonly users: { readonly total?: number; readonly method?: string; readonly skipped?: string } | null;
  readonly points: Point[];
  readonly prefix: string;
  readonly report: { readonly subject: string; readonly text: string };
  readonly stored: { readonly uri: string; readonly points: number; readonly metrics: number };
}
interface CostInput {
  readonly TimePeriod: { readonly Start: string; readonly End: string };
  readonly Metrics: readonly string[];
  readonly GroupBy: readonly { readonly Key: string }[];
  readonly NextPageToken?: string;
}

const DAY = 864e5;
const TABLE = 'series';
const BUCKET = 'history-bucket';
const str = (a: Attr | undefined): string => a?.S ?? '';

/** One account: daily costs per tag value, a users table, the series table, the bucket and metrics. */
class World {
  /** Cost Explorer: date (YYYY-MM-DD) → tag value ('' = untagged) → amount. */
  readonly costs = new Map<string, Record<string, number>>();
  estimatedFrom = '9999-12-31';
  usersItemCount = 0;
  usersScanned = 0;
  readonly series = new Map<string, Item>();
  readonly objects = new Map<string, { body: string; type: string }>();
  readonly metrics: Json[] = [];
  readonly calls: Command[] = [];
  readonly clients: Json[] = [];
  readonly logs: Json[] = [];
  costPageSize = 5;
  failCostExplorer: Error | undefined;

  handle(cmd: Command): Json {
    this.calls.push(cmd);
    const input = cmd.input;
    switch (cmd.kind) {
      case 'GetCostAndUsage':
        return this.costPage(input as unknown as CostInput);
      case 'DescribeTable':
        return { Table: { TableName: input['TableName'], ItemCount: this.usersItemCount } };
      case 'Scan': {
        // Pages of at most 1000 items, like a 1 MB page of small items.
        const from = Number((input['ExclusiveStartKey'] as { n?: string } | undefined)?.n ?? 0);
        const count = Math.min(1000, this.usersScanned - from);
        const next = from + count < this.usersScanned ? { LastEvaluatedKey: { n: `${from + count}` } } : {};
        return { Count: count, ...next };
      }
      case 'Query': {
        const values = input['ExpressionAttributeValues'] as Item;
        const items = [...this.series.values()]
          .filter((i) => str(i['series']) === str(values[':s']) && str(i['date']) <= str(values[':c']))
          .sort((a, b) => str(b['date']).localeCompare(str(a['date'])));
        return { Items: items.slice(0, Number(input['Limit'])) };
      }
      case 'PutItem': {
        const item = input['Item'] as Item;
        this.series.set(`${str(item['series'])}|${str(item['date'])}`, structuredClone(item));
        return {};
      }
      case 'PutObject':
        this.objects.set(`${String(input['Bucket'])}/${String(input['Key'])}`, {
          body: String(input['Body']),
          type: String(input['ContentType']),
        });
        return {};
      case 'PutMetricData':
        for (const m of input['MetricData'] as Json[]) this.metrics.push({ namespace: input['Namespace'], ...m });
        return {};
      default:
        throw new Error(`unexpected ${cmd.kind}`);
    }
  }

  private costPage(input: CostInput): Json {
    if (this.failCostExplorer) throw this.failCostExplorer;
    const { Start, End } = input.TimePeriod;
    const metric = input.Metrics[0] ?? '';
    const key = input.GroupBy[0]?.Key ?? '';
    const days: Json[] = [];
    for (let t = Date.parse(Start); t < Date.parse(End); t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      const groups = Object.entries(this.costs.get(date) ?? {}).map(([env, amount]) => ({
        Keys: [`${key}$${env}`],
        Metrics: { [metric]: { Amount: String(amount), Unit: 'USD' } },
      }));
      const end = new Date(t + DAY).toISOString().slice(0, 10);
      days.push({ TimePeriod: { Start: date, End: end }, Groups: groups, Estimated: date >= this.estimatedFrom });
    }
    const from = Number(input.NextPageToken ?? 0);
    const page = days.slice(from, from + this.costPageSize);
    const next = from + this.costPageSize < days.length ? { NextPageToken: `${from + this.costPageSize}` } : {};
    return { ResultsByTime: page, ...next };
  }

  /** Sets the same daily cost for each day of [start, end). */
  spend(start: string, end: string, perDay: Record<string, number>): void {
    for (let t = Date.parse(start); t < Date.parse(end); t += DAY) {
      this.costs.set(new Date(t).toISOString().slice(0, 10), perDay);
    }
  }
}

type Handler = (event: unknown) => Promise<Run>;

/** A Date whose clock stands at `now`, for the handler's own context. */
function clockAt(now: string): DateConstructor {
  const at = Date.parse(now);
  return class extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(at);
      else super(...(args as [string]));
    }
    static override now(): number {
      return at;
    }
  } as DateConstructor;
}

/** Loads one shipped handler with fake AWS SDK modules bound to `world`. */
function load(file: StepFile, world: World, now: string, env: Json = {}): Handler {
  const client = fakeClient(
    (cmd) => world.handle(cmd),
    (config) => world.clients.push(config),
  );
  const modules: Record<string, Json> = {
    '@aws-sdk/client-cost-explorer': {
      CostExplorerClient: client,
      GetCostAndUsageCommand: fakeCommand('GetCostAndUsage'),
    },
    '@aws-sdk/client-dynamodb': {
      DynamoDBClient: client,
      DescribeTableCommand: fakeCommand('DescribeTable'),
      ScanCommand: fakeCommand('Scan'),
      QueryCommand: fakeCommand('Query'),
      PutItemCommand: fakeCommand('PutItem'),
    },
    '@aws-sdk/client-s3': { S3Client: client, PutObjectCommand: fakeCommand('PutObject') },
    '@aws-sdk/client-cloudwatch': { CloudWatchClient: client, PutMetricDataCommand: fakeCommand('PutMetricData') },
    'node:net': net,
  };
  return loadInlineHandler(inlineSource(file), modules, {
    Date: clockAt(now),
    process: {
      env: {
        COST_ENABLED: 'true',
        COST_TAG_KEY: 'oar:env',
        COST_METRIC: 'AmortizedCost',
        USERS_TABLE: 'users',
        USERS_COUNT_METHOD: 'describe',
        DATA_LAG_DAYS: '1',
        SERIES_TABLE: TABLE,
        HISTORY_BUCKET: BUCKET,
        METRIC_NAMESPACE: 'OAR/Metrics',
        RETENTION_DAYS: '0',
        GRAPHITE_PREFIX: 'oar',
        ...env,
      },
    },
    console: { log: (line: string) => world.logs.push(JSON.parse(line) as Json) },
  }) as Handler;
}

/** One scheduled run, chained as the state machine chains the steps (without outputs). */
async function run(world: World, time: string, env: Json = {}, now = time): Promise<Run> {
  const event = { 'detail-type': 'Scheduled Event', source: 'aws.events', time, detail: {} };
  const gathered = await load('gather', world, now, env)(event);
  const computed = await load('compute', world, now, env)(gathered);
  return load('store', world, now, env)(computed);
}

const TUESDAY = '2026-12-01T06:00:00Z';

describe('gather', () => {
  test('asks Cost Explorer in us-east-1 for 14 days grouped by the tag, without credits and refunds', async () => {
    const world = new World();
    const out = await load('gather', world, TUESDAY)({ time: TUESDAY });
    // Run date 2026-12-01 minus one day of lag: the period is Monday 23 to Sunday 29 November.
    expect(out.period).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    expect(out.previousPeriod).toEqual({ start: '2026-11-16', end: '2026-11-23' });
    expect(world.clients).toContainEqual({ region: 'us-east-1' });
    const ce = world.calls.filter((c) => c.kind === 'GetCostAndUsage');
    expect(ce[0]?.input).toMatchObject({
      TimePeriod: { Start: '2026-11-16', End: '2026-11-30' },
      Granularity: 'DAILY',
      Metrics: ['AmortizedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'oar:env' }],
      Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    });
    // 14 days at 5 a page: three paginated requests, each charged by Cost Explorer.
    expect(ce).toHaveLength(3);
  });

  test('sums each period per tag value; usage without the tag is untagged', async () => {
    const world = new World();
    world.spend('2026-11-16', '2026-11-23', { prod: 10, staging: 2 });
    world.spend('2026-11-23', '2026-11-30', { prod: 12, '': 0.5, 'pr-42': 1 });
    const out = await load('gather', world, TUESDAY)({ time: TUESDAY });
    expect(out.cost?.previous).toEqual({ prod: 70, staging: 14 });
    expect(out.cost?.current).toEqual({ prod: 84, untagged: 3.5, 'pr-42': 7 });
    expect(out.cost?.estimated).toBe(false);
  });

  test('reports estimated days and honours dataLagDays 0', async () => {
    const world = new World();
    world.estimatedFrom = '2026-11-30';
    const out = await load('gather', world, TUESDAY, { DATA_LAG_DAYS: '0' })({ time: TUESDAY });
    expect(out.period).toEqual({ start: '2026-11-24', end: '2026-12-01' });
    expect(out.cost?.estimated).toBe(true);
  });

  test('counts users with DescribeTable, or exactly with a paginated COUNT scan', async () => {
    const world = new World();
    world.usersItemCount = 1234;
    world.usersScanned = 2500;
    expect((await load('gather', world, TUESDAY)({ time: TUESDAY })).users).toEqual({
      total: 1234,
      method: 'describe',
    });
    const scanned = await load('gather', world, TUESDAY, { USERS_COUNT_METHOD: 'scan' })({ time: TUESDAY });
    expect(scanned.users).toEqual({ total: 2500, method: 'scan' });
    const scans = world.calls.filter((c) => c.kind === 'Scan');
    expect(scans).toHaveLength(3);
    for (const s of scans) expect(s.input).toMatchObject({ TableName: 'users', Select: 'COUNT' });
  });

  test('a manual run without a time uses the clock; an old replay does not count users', async () => {
    const world = new World();
    world.usersItemCount = 10;
    const manual = await load('gather', world, TUESDAY)({});
    expect(manual.runAt).toBe('2026-12-01T06:00:00.000Z');
    const replay = await load('gather', world, TUESDAY)({ time: '2026-11-03T06:00:00Z' });
    expect(replay.users).toEqual({ skipped: 'not counted for a past run' });
    expect(replay.period).toEqual({ start: '2026-10-26', end: '2026-11-02' });
  });

  test('either source can be off', async () => {
    const world = new World();
    const noCost = await load('gather', world, TUESDAY, { COST_ENABLED: 'false' })({ time: TUESDAY });
    expect(noCost.cost).toBeNull();
    expect(world.calls.some((c) => c.kind === 'GetCostAndUsage')).toBe(false);
    const noUsers = await load('gather', world, TUESDAY, { USERS_TABLE: '' })({ time: TUESDAY });
    expect(noUsers.users).toBeNull();
  });

  test('a Cost Explorer error fails the step with its name, so the state machine can retry throttling', async () => {
    const world = new World();
    world.failCostExplorer = Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' });
    await expect(load('gather', world, TUESDAY)({ time: TUESDAY })).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
  });
});

describe('compute and store over weekly runs', () => {
  test('the first run has no growth; the next week compares with the stored count', async () => {
    const world = new World();
    world.spend('2026-11-09', '2026-11-16', { prod: 10 });
    world.spend('2026-11-16', '2026-11-23', { prod: 10, staging: 4 });
    world.spend('2026-11-23', '2026-11-30', { prod: 11, staging: 3 });
    world.usersItemCount = 1000;
    const first = await run(world, '2026-11-24T06:00:00Z');
    expect(first.points.map((p) => p.series)).toEqual([
      'users/total',
      'cost/prod',
      'cost-change/prod',
      'cost/staging',
      'cost-total',
    ]);
    expect(first.report['text']).toContain('no count from 7 or more days ago yet, so no growth');

    world.usersItemCount = 1100;
    const second = await run(world, TUESDAY);
    const byKey = Object.fromEntries(second.points.map((p) => [`${p.metric} ${p.dimensions.Environment ?? ''}`, p]));
    expect(byKey['UserCount ']).toMatchObject({ value: 1100, unit: 'Count' });
    expect(byKey['NewUsers ']).toMatchObject({ value: 100, unit: 'Count' });
    expect(byKey['UserGrowthPercent ']).toMatchObject({ value: 10, unit: 'Percent' });
    expect(byKey['WeeklyCost prod']).toMatchObject({ value: 77, unit: 'None', dimensions: { Environment: 'prod' } });
    expect(byKey['WeeklyCostChangePercent prod']).toMatchObject({ value: 10 });
    expect(byKey['WeeklyCost staging']).toMatchObject({ value: 21 });
    expect(byKey['WeeklyCostChangePercent staging']).toMatchObject({ value: -25 });
    expect(byKey['TotalWeeklyCost ']).toMatchObject({ value: 98 });
    expect(second.report['subject']).toBe(
      'Metrics 2026-11-23 to 2026-11-29: users 1100 (+10 %), cost 98.00 USD (+0 %)',
    );
    expect(second.report['text']).toContain('+100 since 2026-11-24, +10 %');
    expect(second.report['text']).toContain(`History: s3://${BUCKET}/runs/date=2026-12-01/`);
  });

  test('a daily schedule still compares with the count seven days back, not yesterday', async () => {
    const world = new World();
    for (let d = 0; d < 8; d++) {
      world.usersItemCount = 100 + d * 10;
      await run(world, new Date(Date.parse('2026-11-24T06:00:00Z') + d * DAY).toISOString(), { COST_ENABLED: 'false' });
    }
    const last = [...world.series.values()].filter((i) => str(i['series']) === 'users/new').pop();
    expect(last).toMatchObject({ date: { S: '2026-12-01' }, value: { N: '70' } });
  });

  test('a missed week compares with the newest older count and says which date', async () => {
    const world = new World();
    world.usersItemCount = 500;
    await run(world, '2026-11-17T06:00:00Z', { COST_ENABLED: 'false' });
    world.usersItemCount = 600;
    const out = await run(world, TUESDAY, { COST_ENABLED: 'false' });
    expect(out.report['text']).toContain('+100 since 2026-11-17, +20 %');
  });

  test('store writes run.json and points.csv per day, a table item per point, and metrics', async () => {
    const world = new World();
    world.spend('2026-11-16', '2026-11-30', { 'team,"a"': 1 });
    world.usersItemCount = 7;
    const out = await run(world, TUESDAY, { RETENTION_DAYS: '30' });
    expect([...world.objects.keys()].sort()).toEqual([
      `${BUCKET}/runs/date=2026-12-01/points.csv`,
      `${BUCKET}/runs/date=2026-12-01/run.json`,
    ]);
    const csv = world.objects.get(`${BUCKET}/runs/date=2026-12-01/points.csv`);
    expect(csv?.type).toBe('text/csv');
    expect(csv?.body.split('\n')).toEqual([
      'run_date,series,metric,environment,value,unit',
      '2026-12-01,users/total,UserCount,,7,Count',
      '2026-12-01,"cost/team,""a""",WeeklyCost,"team,""a""",7,None',
      '2026-12-01,"cost-change/team,""a""",WeeklyCostChangePercent,"team,""a""",0,Percent',
      '2026-12-01,cost-total,TotalWeeklyCost,,7,None',
      '',
    ]);
    expect(JSON.parse(world.objects.get(`${BUCKET}/runs/date=2026-12-01/run.json`)?.body ?? '{}')).toMatchObject({
      runDate: '2026-12-01',
      period: { start: '2026-11-23', end: '2026-11-30' },
    });
    const item = world.series.get('users/total|2026-12-01');
    expect(item).toMatchObject({ value: { N: '7' }, runAt: { S: '2026-12-01T06:00:00.000Z' } });
    expect(item?.['expiresAt']).toEqual({ N: `${Date.parse(TUESDAY) / 1000 + 30 * 86400}` });
    expect(world.metrics).toContainEqual({
      namespace: 'OAR/Metrics',
      MetricName: 'WeeklyCost',
      Dimensions: [{ Name: 'Environment', Value: 'team,"a"' }],
      Timestamp: new Date(TUESDAY),
      Value: 7,
      Unit: 'None',
    });
    expect(out.stored).toEqual({ uri: `s3://${BUCKET}/runs/date=2026-12-01/`, points: 4, metrics: 4 });
  });

  test('a rerun of the same day overwrites instead of adding', async () => {
    const world = new World();
    world.spend('2026-11-16', '2026-11-30', { prod: 1 });
    await run(world, TUESDAY);
    const [objects, items] = [world.objects.size, world.series.size];
    world.spend('2026-11-23', '2026-11-30', { prod: 2 });
    await run(world, TUESDAY, {}, '2026-12-02T09:00:00Z');
    expect([world.objects.size, world.series.size]).toEqual([objects, items]);
    expect(world.series.get('cost/prod|2026-12-01')).toMatchObject({ value: { N: '14' } });
  });

  test('a backfill older than two weeks fills the history but sends no CloudWatch metrics', async () => {
    const world = new World();
    world.spend('2026-10-01', '2026-11-30', { prod: 3 });
    const out = await run(world, '2026-11-03T06:00:00Z', {}, TUESDAY);
    expect(world.metrics).toEqual([]);
    expect(out.stored['metrics']).toBe(0);
    expect(world.series.get('cost/prod|2026-11-03')).toMatchObject({ value: { N: '21' } });
    expect(world.series.has('users/total|2026-11-03')).toBe(false);
  });

  test('the subject stays under the 100 characters SNS allows', async () => {
    const world = new World();
    world.usersItemCount = 123456789;
    world.spend('2026-11-16', '2026-11-30', { prod: 123456789 });
    const out = await run(world, TUESDAY);
    expect(out.report['subject'].length).toBeLessThan(100);
    expect(out.report['subject']).toMatch(/^[\x20-\x7e]+$/u);
  });
});

describe('graphite', () => {
  const servers: net.Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  /** A Carbon-like plaintext receiver: reads until the client ends, then closes. */
  async function carbon(): Promise<{ port: number; received: Promise<string> }> {
    let resolve: (s: string) => void = () => undefined;
    const received = new Promise<string>((r) => (resolve = r));
    const server = net.createServer((socket) => {
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => {
        socket.end();
        resolve(data);
      });
    });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { port: (server.address() as net.AddressInfo).port, received };
  }

  test('writes one "path value timestamp" line per point over TCP', async () => {
    const world = new World();
    const { port, received } = await carbon();
    const send = load('graphite', world, TUESDAY, { GRAPHITE_HOST: '127.0.0.1', GRAPHITE_PORT: String(port) });
    const points = [
      { series: 'users/total', value: 1100 },
      { series: 'cost/prod', value: 77.5 },
      { series: 'cost-change/pr-42.v2', value: -25 },
      { series: 'cost-total', value: 98 },
    ];
    await expect(send({ runAt: '2026-12-01T06:00:00.000Z', points })).resolves.toEqual({ sent: 4 });
    const ts = Date.parse(TUESDAY) / 1000;
    expect(await received).toBe(
      [
        `oar.users.total 1100 ${ts}`,
        `oar.cost.prod 77.5 ${ts}`,
        `oar.cost-change.pr-42_v2 -25 ${ts}`,
        `oar.cost-total 98 ${ts}`,
        '',
      ].join('\n'),
    );
  });

  test('an unreachable receiver fails the step, so the branch retries and then reports it', async () => {
    const world = new World();
    const { port } = await carbon();
    servers.splice(0).forEach((s) => s.close());
    const send = load('graphite', world, TUESDAY, { GRAPHITE_HOST: '127.0.0.1', GRAPHITE_PORT: String(port) });
    await expect(send({ runAt: TUESDAY, points: [{ series: 'x', value: 1 }] })).rejects.toThrow(/ECONNREFUSED/u);
  });
});
