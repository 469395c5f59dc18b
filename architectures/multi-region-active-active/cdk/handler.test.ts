// Runs the handler exactly as it ships inline, against an in-memory DynamoDB replica and SSM
// parameter, with load balancer events shaped as Elastic Load Balancing sends them to Lambda.
import { describe, expect, test } from 'vitest';
import {
  fakeClient,
  fakeCommand,
  loadInlineHandler,
  type Command,
  type Json,
} from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './stack.ts';

interface Reply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** One Region: its replica of the table, its in-service flag, and what the handler did. */
class Region {
  readonly items = new Map<string, Json>();
  flag: string | undefined = 'true';
  dynamoDown = false;
  ssmDown = false;
  ssmReads = 0;
  /** Another Region is writing these ids (multi-Region strong consistency refuses the write). */
  readonly contended = new Set<string>();
  readonly reads: Json[] = [];
  readonly logs: Json[] = [];
  now = 1_000_000;

  handle(cmd: Command): Json {
    const input = cmd.input;
    if (cmd.kind === 'GetParameter') {
      this.ssmReads += 1;
      if (this.ssmDown) throw Object.assign(new Error('down'), { name: 'InternalServerError' });
      if (this.flag === undefined) throw Object.assign(new Error('missing'), { name: 'ParameterNotFound' });
      expect(input['Name']).toBe('/stack/in-service');
      return { Parameter: { Value: this.flag } };
    }
    if (this.dynamoDown) throw Object.assign(new Error('down'), { name: 'InternalServerError' });
    expect(input['TableName']).toBe('items');
    if (cmd.kind === 'GetItem') {
      this.reads.push(input);
      const item = this.items.get(((input['Key'] as Json)['id'] as { S: string }).S);
      return item ? { Item: structuredClone(item) } : {};
    }
    if (cmd.kind === 'PutItem') {
      const item = input['Item'] as Json;
      if (this.contended.has((item['id'] as { S: string }).S)) {
        throw Object.assign(new Error('conflict'), { name: 'ReplicatedWriteConflictException' });
      }
      this.items.set((item['id'] as { S: string }).S, structuredClone(item));
      return {};
    }
    throw new Error(`unexpected command ${cmd.kind}`);
  }
}

type Handler = (event: Json) => Promise<Reply>;

function load(role: 'primary' | 'secondary', flag: string | undefined): { region: Region; handler: Handler } {
  const region = new Region();
  region.flag = flag;
  const client = fakeClient((cmd) => region.handle(cmd));
  const modules: Record<string, Json> = {
    '@aws-sdk/client-dynamodb': {
      DynamoDBClient: client,
      GetItemCommand: fakeCommand('GetItem'),
      PutItemCommand: fakeCommand('PutItem'),
    },
    '@aws-sdk/client-ssm': { SSMClient: client, GetParameterCommand: fakeCommand('GetParameter') },
  };
  // The handler's clock: Date.now() follows region.now, new Date() still works for timestamps.
  const FakeDate = class extends Date {
    static override now(): number {
      return region.now;
    }
  };
  const handler = loadInlineHandler(inlineHandlerSource(), modules, {
    Buffer,
    JSON,
    Date: FakeDate,
    process: {
      env: { TABLE_NAME: 'items', IN_SERVICE_PARAMETER: '/stack/in-service', ROLE: role, AWS_REGION: 'eu-west-1' },
    },
    console: { log: (line: string) => region.logs.push(JSON.parse(line) as Json) },
  }) as Handler;
  return { region, handler };
}

const request = (httpMethod: string, path: string, body?: string, isBase64Encoded = false): Json => ({
  requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1' } },
  httpMethod,
  path,
  queryStringParameters: {},
  headers: { host: 'app.example.com' },
  body: body ?? '',
  isBase64Encoded,
});
const json = (r: Reply): Json => JSON.parse(r.body) as Json;

describe('health', () => {
  test.each(['primary', 'secondary'] as const)('the %s is healthy while in service', async (role) => {
    const { region, handler } = load(role, 'true');
    const r = await handler(request('GET', '/health'));
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual({ status: 'ok', region: 'eu-west-1', role });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(region.reads).toEqual([{ TableName: 'items', Key: { id: { S: '_health' } }, ConsistentRead: true }]);
  });

  test.each(['primary', 'secondary'] as const)(
    'an evacuated %s reports 503, so Route 53 sends its users to the other Region',
    async (role) => {
      const { handler } = load(role, 'false');
      const r = await handler(request('GET', '/health'));
      expect(r.statusCode).toBe(503);
      expect(json(r)['status']).toBe('evacuated');
    },
  );

  test('a replica that cannot read strongly (no quorum) makes the Region unhealthy', async () => {
    const { region, handler } = load('secondary', 'true');
    region.dynamoDown = true;
    const r = await handler(request('GET', '/health'));
    expect(r.statusCode).toBe(503);
    expect(region.logs).toContainEqual(expect.objectContaining({ msg: 'health check failed' }));
  });
});

describe('items', () => {
  test.each(['primary', 'secondary'] as const)('both Regions take writes: write in the %s, then read back', async (role) => {
    const { region, handler } = load(role, 'true');
    const put = await handler(request('PUT', '/items/order-1', '{"total":42}'));
    expect(put.statusCode).toBe(200);
    expect(region.items.get('order-1')).toMatchObject({ value: { S: '{"total":42}' }, updatedIn: { S: 'eu-west-1' } });
    const get = await handler(request('GET', '/items/order-1'));
    expect(get.statusCode).toBe(200);
    expect(json(get)).toMatchObject({ id: 'order-1', value: '{"total":42}', updatedIn: 'eu-west-1' });
    expect(region.reads.at(-1)).toMatchObject({ ConsistentRead: true });
  });

  test('base64 bodies from the load balancer are decoded', async () => {
    const { region, handler } = load('primary', 'true');
    await handler(request('PUT', '/items/b', Buffer.from('héllo').toString('base64'), true));
    expect(region.items.get('b')).toMatchObject({ value: { S: 'héllo' } });
  });

  test('a write conflict with the other Region answers 409 with Retry-After and counts it as a metric', async () => {
    const { region, handler } = load('secondary', 'true');
    region.items.set('hot', { id: { S: 'hot' }, value: { S: 'v' }, updatedAt: { S: 't' }, updatedIn: { S: 'us-east-1' } });
    region.contended.add('hot');
    const put = await handler(request('PUT', '/items/hot', 'new'));
    expect(put.statusCode).toBe(409);
    expect(put.headers['retry-after']).toBe('1');
    expect(region.items.get('hot')?.['value']).toEqual({ S: 'v' });
    const line = region.logs.find((l) => l['msg'] === 'write conflict');
    expect(line).toMatchObject({ Region: 'eu-west-1', WriteConflicts: 1, id: 'hot' });
    expect((line?.['_aws'] as Json)['CloudWatchMetrics']).toEqual([
      { Namespace: 'MultiRegionActiveActive', Dimensions: [['Region']], Metrics: [{ Name: 'WriteConflicts', Unit: 'Count' }] },
    ]);
  });

  test('an evacuated Region refuses writes with 503 and Retry-After, and still serves reads', async () => {
    const { region, handler } = load('primary', 'false');
    region.items.set('x', { id: { S: 'x' }, value: { S: 'v' }, updatedAt: { S: 't' }, updatedIn: { S: 'us-west-2' } });
    const put = await handler(request('PUT', '/items/x', 'new'));
    expect(put.statusCode).toBe(503);
    expect(put.headers['retry-after']).toBe('30');
    expect(region.items.get('x')?.['value']).toEqual({ S: 'v' });
    const get = await handler(request('GET', '/items/x'));
    expect(json(get)).toMatchObject({ value: 'v', updatedIn: 'us-west-2', servedBy: 'eu-west-1' });
  });

  test('evacuation fences writes within 10 seconds of the flag turning false, and return within 10 s of true', async () => {
    const { region, handler } = load('secondary', 'true');
    expect((await handler(request('PUT', '/items/a', '1'))).statusCode).toBe(200);
    region.flag = 'false';
    region.now += 11000;
    expect((await handler(request('PUT', '/items/a', '2'))).statusCode).toBe(503);
    region.flag = 'true';
    region.now += 5000;
    expect((await handler(request('PUT', '/items/a', '3'))).statusCode).toBe(503);
    region.now += 6000;
    expect((await handler(request('PUT', '/items/a', '3'))).statusCode).toBe(200);
  });

  test('an unreadable flag keeps the last value; one never read means no writes', async () => {
    const first = load('primary', 'true');
    first.region.ssmDown = true;
    expect((await first.handler(request('PUT', '/items/a', '1'))).statusCode).toBe(503);
    expect((await first.handler(request('GET', '/health'))).statusCode).toBe(503);
    const second = load('primary', 'true');
    expect((await second.handler(request('PUT', '/items/a', '1'))).statusCode).toBe(200);
    second.region.ssmDown = true;
    second.region.now += 20000;
    expect((await second.handler(request('PUT', '/items/a', '2'))).statusCode).toBe(200);
    expect(second.region.logs).toContainEqual(
      expect.objectContaining({ msg: 'in-service flag unreadable, keeping the last value' }),
    );
  });

  test('the flag is read at most every 10 seconds', async () => {
    const { region, handler } = load('primary', 'true');
    for (let i = 0; i < 5; i++) await handler(request('GET', '/health'));
    expect(region.ssmReads).toBe(1);
  });

  test('bad requests', async () => {
    const { handler } = load('primary', 'true');
    expect((await handler(request('GET', '/items/missing'))).statusCode).toBe(404);
    expect((await handler(request('GET', '/items/a%20b'))).statusCode).toBe(400);
    expect((await handler(request('GET', '/nowhere'))).statusCode).toBe(404);
    expect((await handler(request('DELETE', '/items/a'))).statusCode).toBe(405);
    expect((await handler(request('PUT', '/items/big', 'x'.repeat(16385)))).statusCode).toBe(413);
  });

  test('a failing replica on a read answers 503, not a crash', async () => {
    const { region, handler } = load('secondary', 'true');
    region.dynamoDown = true;
    const r = await handler(request('GET', '/items/a'));
    expect(r.statusCode).toBe(503);
    expect(region.logs).toContainEqual(expect.objectContaining({ msg: 'request failed', error: 'InternalServerError' }));
  });
});

test('GET / describes the Region', async () => {
  const { handler } = load('secondary', 'true');
  expect(json(await handler(request('GET', '/')))).toEqual({
    service: 'multi-region-active-active',
    region: 'eu-west-1',
    role: 'secondary',
    inService: true,
  });
});
