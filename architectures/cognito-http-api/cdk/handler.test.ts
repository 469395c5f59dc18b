// Runs the handler exactly as it ships inline, against an in-memory DynamoDB table that follows the
// semantics the handler relies on: conditional puts and deletes fail with ConditionalCheckFailedException,
// and scans return pages of at most Limit items with a LastEvaluatedKey.
import * as crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { fakeCommand, loadInlineHandler, type Command, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './stack.ts';

interface Response {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
type Handler = (event: Json) => Promise<Response>;

const CALLER = 'arn:aws:sts::123456789012:assumed-role/orders-service/i-0abc';
const OTHER = 'arn:aws:sts::123456789012:assumed-role/billing-job/run-7';
const named = (name: string, message = name) => Object.assign(new Error(message), { name });

/** One DynamoDB table keyed by id, plus the calls the handler made and what it logged. */
class Table {
  readonly items = new Map<string, Json>();
  readonly calls: string[] = [];
  readonly errors: unknown[] = [];
  failNext: Error | undefined;
  /** Runs between the handler's read and its conditional write, to simulate a concurrent writer. */
  beforeWrite: (() => void) | undefined;

  handle(cmd: Command): Json {
    const input = cmd.input;
    expect(input['TableName']).toBe('items');
    this.calls.push(cmd.kind);
    const fail = this.failNext;
    this.failNext = undefined;
    if (fail) throw fail;
    switch (cmd.kind) {
      case 'Get': {
        const item = this.items.get((input['Key'] as { id: string }).id);
        return item ? { Item: structuredClone(item) } : {};
      }
      case 'Put': {
        const item = input['Item'] as Json;
        const hook = this.beforeWrite;
        this.beforeWrite = undefined;
        hook?.();
        this.check(input, this.items.get(item['id'] as string));
        this.items.set(item['id'] as string, structuredClone(item));
        return {};
      }
      case 'Delete': {
        const id = (input['Key'] as { id: string }).id;
        this.check(input, this.items.get(id));
        this.items.delete(id);
        return {};
      }
      case 'Scan': {
        const ids = [...this.items.keys()].sort();
        const after = (input['ExclusiveStartKey'] as { id: string } | undefined)?.id;
        if (after !== undefined && typeof after !== 'string') throw named('ValidationException', 'bad start key');
        const rest = ids.filter((id) => after === undefined || id > after);
        const page = rest.slice(0, input['Limit'] as number);
        const out: Json = { Items: page.map((id) => structuredClone(this.items.get(id))) };
        if (rest.length > page.length) out['LastEvaluatedKey'] = { id: page.at(-1) };
        return out;
      }
      default:
        throw new Error(`unexpected command ${cmd.kind}`);
    }
  }

  private check(input: Json, current: Json | undefined): void {
    const condition = input['ConditionExpression'];
    if (condition === undefined) return;
    const values = input['ExpressionAttributeValues'] as Json | undefined;
    const ok =
      condition === 'attribute_not_exists(id)'
        ? current === undefined
        : condition === 'version = :v'
          ? current !== undefined && current['version'] === values?.[':v']
          : (() => {
              throw new Error(`unexpected condition ${JSON.stringify(condition)}`);
            })();
    if (!ok) throw named('ConditionalCheckFailedException', 'The conditional request failed');
  }
}

/** Loads the shipped handler with fake AWS SDK modules bound to a new table. */
function load(): { table: Table; handler: Handler } {
  const table = new Table();
  const documentClient = { send: async (cmd: Command) => table.handle(cmd) };
  const modules: Record<string, unknown> = {
    '@aws-sdk/client-dynamodb': { DynamoDBClient: function DynamoDBClient() {} },
    '@aws-sdk/lib-dynamodb': {
      DynamoDBDocumentClient: { from: () => documentClient },
      GetCommand: fakeCommand('Get'),
      PutCommand: fakeCommand('Put'),
      DeleteCommand: fakeCommand('Delete'),
      ScanCommand: fakeCommand('Scan'),
    },
    'node:crypto': crypto,
  };
  const handler = loadInlineHandler(inlineHandlerSource(), modules, {
    process: { env: { TABLE_NAME: 'items' } },
    Buffer,
    console: { error: (e: unknown) => table.errors.push(e), log: () => undefined },
  }) as Handler;
  return { table, handler };
}

/** An API Gateway REST proxy event as API Gateway sends it after IAM authorization. */
function event(
  method: string,
  resource: string,
  opts: {
    id?: string;
    body?: Json;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    caller?: string;
  } = {},
): Json {
  return {
    resource,
    path: resource.replace('{id}', opts.id ?? ''),
    httpMethod: method,
    headers: opts.headers ?? null,
    queryStringParameters: opts.query ?? null,
    pathParameters: opts.id === undefined ? null : { id: opts.id },
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    requestContext: {
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      identity: { userArn: resource === '/health' ? null : (opts.caller ?? CALLER) },
    },
  };
}
const json = (r: Response): Json => JSON.parse(r.body) as Json;

describe('serverless-rest-api handler', () => {
  test('POST creates an item with version 1, a Location and an ETag, and hides the request hash', async () => {
    const { table, handler } = load();
    const r = await handler(event('POST', '/items', { body: { name: 'Widget', tags: ['blue'] } }));
    expect(r.statusCode).toBe(201);
    const item = json(r);
    expect(item).toMatchObject({ name: 'Widget', tags: ['blue'], version: 1, createdBy: CALLER });
    expect(item['requestHash']).toBeUndefined();
    expect(r.headers).toMatchObject({
      location: `items/${String(item['id'])}`,
      etag: '"1"',
      'content-type': 'application/json',
    });
    expect(table.items.get(item['id'] as string)?.['requestHash']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a retried POST with the same Idempotency-Key returns the first item and writes nothing new', async () => {
    const { table, handler } = load();
    const post = event('POST', '/items', { body: { name: 'Widget' }, headers: { 'Idempotency-Key': 'order-42' } });
    const first = await handler(post);
    const again = await handler({ ...post, headers: { 'idempotency-key': 'order-42' } });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual(json(first));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(table.items.size).toBe(1);
  });

  test('the same key with another body is refused; the same key from another caller is another item', async () => {
    const { table, handler } = load();
    const headers = { 'Idempotency-Key': 'k1' };
    await handler(event('POST', '/items', { body: { name: 'A' }, headers }));
    const reused = await handler(event('POST', '/items', { body: { name: 'B' }, headers }));
    expect(reused.statusCode).toBe(422);
    const other = await handler(event('POST', '/items', { body: { name: 'A' }, headers, caller: OTHER }));
    expect(other.statusCode).toBe(201);
    expect(table.items.size).toBe(2);
  });

  test('POST without a key creates a new item each time', async () => {
    const { table, handler } = load();
    await handler(event('POST', '/items', { body: { name: 'A' } }));
    await handler(event('POST', '/items', { body: { name: 'A' } }));
    expect(table.items.size).toBe(2);
  });

  test('GET returns an item with its ETag, or 404', async () => {
    const { handler } = load();
    const id = json(await handler(event('POST', '/items', { body: { name: 'A' } })))['id'] as string;
    const r = await handler(event('GET', '/items/{id}', { id }));
    expect(r.statusCode).toBe(200);
    expect(r.headers['etag']).toBe('"1"');
    expect(json(r)).toMatchObject({ id, name: 'A' });
    expect((await handler(event('GET', '/items/{id}', { id: 'missing' }))).statusCode).toBe(404);
  });

  test('PUT replaces the client fields, keeps creation data and counts the version', async () => {
    const { handler } = load();
    const created = json(await handler(event('POST', '/items', { body: { name: 'A', description: 'old' } })));
    const id = created['id'] as string;
    const r = await handler(event('PUT', '/items/{id}', { id, body: { name: 'B' }, caller: OTHER }));
    expect(r.statusCode).toBe(200);
    const item = json(r);
    expect(item).toMatchObject({
      id,
      name: 'B',
      version: 2,
      createdAt: created['createdAt'],
      createdBy: CALLER,
      updatedBy: OTHER,
    });
    expect(item['description']).toBeUndefined();
    expect(r.headers['etag']).toBe('"2"');
    expect((await handler(event('PUT', '/items/{id}', { id: 'missing', body: { name: 'B' } }))).statusCode).toBe(404);
  });

  test('PUT with If-Match succeeds only on the current version', async () => {
    const { handler } = load();
    const id = json(await handler(event('POST', '/items', { body: { name: 'A' } })))['id'] as string;
    const put = (etag: string) =>
      handler(event('PUT', '/items/{id}', { id, body: { name: etag }, headers: { 'If-Match': etag } }));
    expect((await put('"1"')).statusCode).toBe(200);
    expect((await put('"1"')).statusCode).toBe(412);
    expect((await put('"2"')).statusCode).toBe(200);
  });

  test('a write that lands between the read and the conditional put of a PUT wins, and the PUT answers 412', async () => {
    const { table, handler } = load();
    const id = json(await handler(event('POST', '/items', { body: { name: 'A' } })))['id'] as string;
    table.beforeWrite = () => {
      const current = table.items.get(id) as Json;
      table.items.set(id, { ...current, name: 'concurrent', version: 2 });
    };
    const r = await handler(event('PUT', '/items/{id}', { id, body: { name: 'mine' } }));
    expect(r.statusCode).toBe(412);
    expect(table.items.get(id)).toMatchObject({ name: 'concurrent', version: 2 });
  });

  test('DELETE answers 204 even when repeated; with a stale If-Match it answers 412 and keeps the item', async () => {
    const { table, handler } = load();
    const id = json(await handler(event('POST', '/items', { body: { name: 'A' } })))['id'] as string;
    await handler(event('PUT', '/items/{id}', { id, body: { name: 'B' } }));
    expect((await handler(event('DELETE', '/items/{id}', { id, headers: { 'If-Match': '"1"' } }))).statusCode).toBe(
      412,
    );
    expect(table.items.has(id)).toBe(true);
    const del = await handler(event('DELETE', '/items/{id}', { id, headers: { 'If-Match': '"2"' } }));
    expect(del).toMatchObject({ statusCode: 204, body: '' });
    expect((await handler(event('DELETE', '/items/{id}', { id }))).statusCode).toBe(204);
    expect(table.items.size).toBe(0);
  });

  test('GET /items pages through every item exactly once by following next', async () => {
    const { handler } = load();
    for (const name of ['a', 'b', 'c', 'd', 'e']) await handler(event('POST', '/items', { body: { name } }));
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: '2', ...(next === undefined ? {} : { next }) };
      const page = json(await handler(event('GET', '/items', { query })));
      const items = page['items'] as Json[];
      expect(items.length).toBeLessThanOrEqual(2);
      for (const item of items) {
        expect(item['requestHash']).toBeUndefined();
        seen.push(item['name'] as string);
      }
      next = page['next'] as string | undefined;
      pages++;
    } while (next !== undefined);
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
  });

  test('limit defaults to 25 and is kept between 1 and 100', async () => {
    const { table, handler } = load();
    const limits: unknown[] = [];
    const original = table.handle.bind(table);
    table.handle = (cmd: Command) => {
      if (cmd.kind === 'Scan') limits.push(cmd.input['Limit']);
      return original(cmd);
    };
    for (const limit of [undefined, 'abc', '0', '-5', '7', '1000']) {
      await handler(event('GET', '/items', limit === undefined ? {} : { query: { limit } }));
    }
    expect(limits).toEqual([25, 25, 25, 1, 7, 100]);
  });

  test('a next token that is not one is a 400, not a 500', async () => {
    const { handler } = load();
    expect((await handler(event('GET', '/items', { query: { next: 'not-base64-json' } }))).statusCode).toBe(400);
    const wrongShape = Buffer.from(JSON.stringify({ id: 7 })).toString('base64url');
    expect((await handler(event('GET', '/items', { query: { next: wrongShape } }))).statusCode).toBe(400);
  });

  test('GET /health reads the table and answers ok; a table failure is a 500, throttling a 503', async () => {
    const { table, handler } = load();
    const ok = await handler(event('GET', '/health'));
    expect(ok).toMatchObject({ statusCode: 200 });
    expect(json(ok)).toEqual({ status: 'ok' });
    expect(table.calls).toEqual(['Get']);
    table.failNext = named('InternalServerError', 'DynamoDB is down');
    expect(await handler(event('GET', '/health'))).toMatchObject({
      statusCode: 500,
      body: '{"message":"internal error"}',
    });
    table.failNext = named('ThrottlingException');
    expect((await handler(event('GET', '/items/{id}', { id: 'x' }))).statusCode).toBe(503);
    table.failNext = named('ProvisionedThroughputExceededException');
    expect((await handler(event('POST', '/items', { body: { name: 'A' } }))).statusCode).toBe(503);
    expect(table.errors).toHaveLength(3);
  });

  test('a route API Gateway does not define answers 404', async () => {
    const { handler } = load();
    expect((await handler(event('PATCH', '/items/{id}', { id: 'x' }))).statusCode).toBe(404);
  });

  test('the shipped code fits the inline limit and is CommonJS', () => {
    const source = inlineHandlerSource();
    expect(source.length).toBeLessThanOrEqual(4096);
    expect(source).toContain('exports.handler');
    expect(source).not.toMatch(/^\s*\/\//mu);
  });
});
