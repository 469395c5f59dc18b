// Runs the handler exactly as it ships inline, against an in-memory DynamoDB table keyed by (owner, id) that
// follows the semantics the handler relies on: conditional puts and deletes fail with
// ConditionalCheckFailedException, and queries return one owner's items in pages of at most Limit.
import * as crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { fakeCommand, loadInlineHandler, type Command, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource, INLINE_CODE_LIMIT } from './stack.ts';

interface Response {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
type Handler = (event: Json) => Promise<Response>;

const ALICE = '7d1c2a6e-0000-4000-8000-00000000a11c';
const BOB = '7d1c2a6e-0000-4000-8000-0000000000b0';
const named = (name: string, message = name) => Object.assign(new Error(message), { name });
const keyOf = (k: Json): string => `${String(k['owner'])}\n${String(k['id'])}`;

/** One DynamoDB table keyed by owner and id, plus the calls the handler made. */
class Table {
  readonly items = new Map<string, Json>();
  readonly calls: string[] = [];
  failNext: Error | undefined;

  handle(cmd: Command): Json {
    const input = cmd.input;
    expect(input['TableName']).toBe('items');
    this.calls.push(cmd.kind);
    const fail = this.failNext;
    this.failNext = undefined;
    if (fail) throw fail;
    switch (cmd.kind) {
      case 'Get': {
        const item = this.items.get(keyOf(input['Key'] as Json));
        return item ? { Item: structuredClone(item) } : {};
      }
      case 'Put': {
        const item = input['Item'] as Json;
        this.check(input, this.items.get(keyOf(item)));
        this.items.set(keyOf(item), structuredClone(item));
        return {};
      }
      case 'Delete': {
        const key = keyOf(input['Key'] as Json);
        this.check(input, this.items.get(key));
        this.items.delete(key);
        return {};
      }
      case 'Query': {
        expect(input['KeyConditionExpression']).toBe('#o = :o');
        expect(input['ExpressionAttributeNames']).toEqual({ '#o': 'owner' });
        const owner = (input['ExpressionAttributeValues'] as Json)[':o'];
        const start = input['ExclusiveStartKey'] as Json | undefined;
        if (start) expect(start['owner']).toBe(owner);
        const ids = [...this.items.values()]
          .filter((i) => i['owner'] === owner)
          .map((i) => String(i['id']))
          .sort()
          .filter((id) => start === undefined || id > String(start['id']));
        const page = ids.slice(0, input['Limit'] as number);
        const out: Json = { Items: page.map((id) => structuredClone(this.items.get(`${String(owner)}\n${id}`))) };
        if (ids.length > page.length) out['LastEvaluatedKey'] = { owner, id: page.at(-1) };
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
        : condition === 'version = :v' && current !== undefined && current['version'] === values?.[':v'];
    if (!ok) throw named('ConditionalCheckFailedException', 'The conditional request failed');
  }
}

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
      QueryCommand: fakeCommand('Query'),
    },
    'node:crypto': crypto,
  };
  const handler = loadInlineHandler(inlineHandlerSource(), modules, {
    process: { env: { TABLE_NAME: 'items' } },
    Buffer,
    console: { error: () => undefined, log: () => undefined },
  }) as Handler;
  return { table, handler };
}

/** An HTTP API (payload 2.0) event as API Gateway sends it after the JWT authorizer accepted the token. */
function event(
  routeKey: string,
  opts: { id?: string; body?: unknown; raw?: string; headers?: Record<string, string>; query?: Record<string, string>; sub?: string } = {},
): Json {
  return {
    version: '2.0',
    routeKey,
    headers: opts.headers ?? {},
    queryStringParameters: opts.query,
    pathParameters: opts.id === undefined ? undefined : { id: opts.id },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    isBase64Encoded: false,
    requestContext: {
      routeKey,
      ...(routeKey !== 'GET /health' && {
        authorizer: { jwt: { claims: { sub: opts.sub ?? ALICE, scope: 'items/read items/write' }, scopes: null } },
      }),
    },
  };
}
const json = (r: Response): Json => JSON.parse(r.body) as Json;

describe('cognito-http-api handler', () => {
  test('a user sees only their own items: another user gets 404, an empty list, and cannot delete them', async () => {
    const { table, handler } = load();
    const created = await handler(event('POST /items', { body: { name: 'Alice note' } }));
    expect(created.statusCode).toBe(201);
    const id = String(json(created)['id']);
    expect(json(created)).not.toHaveProperty('owner');
    expect((await handler(event('GET /items/{id}', { id }))).statusCode).toBe(200);
    expect((await handler(event('GET /items/{id}', { id, sub: BOB }))).statusCode).toBe(404);
    expect(json(await handler(event('GET /items', { sub: BOB })))['items']).toEqual([]);
    expect((await handler(event('PUT /items/{id}', { id, sub: BOB, body: { name: 'x' } }))).statusCode).toBe(404);
    expect((await handler(event('DELETE /items/{id}', { id, sub: BOB }))).statusCode).toBe(204);
    expect(table.items.get(`${ALICE}\n${id}`)?.['name']).toBe('Alice note');
    expect(table.calls).not.toContain('Scan');
  });

  test('without a sub in the verified claims the request is refused', async () => {
    const { handler } = load();
    const e = event('GET /items');
    (e['requestContext'] as Json)['authorizer'] = undefined;
    expect((await handler(e)).statusCode).toBe(401);
  });

  test('bodies must be name, description and tags within their limits, and nothing else', async () => {
    const { table, handler } = load();
    const bad: unknown[] = [
      { description: 'no name' },
      { name: '' },
      { name: 'x'.repeat(201) },
      { name: 'ok', owner: BOB },
      { name: 'ok', description: 'x'.repeat(2001) },
      { name: 'ok', tags: ['a', 'a'] },
      { name: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { name: 'ok', tags: 'not a list' },
      ['name'],
      null,
    ];
    for (const body of bad) {
      expect((await handler(event('POST /items', { body }))).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await handler(event('POST /items', { raw: '{not json' }))).statusCode).toBe(400);
    expect(table.calls).toEqual([]);
    const ok = await handler(event('POST /items', { body: { name: 'ok', description: 'd', tags: ['a', 'b'] } }));
    expect(ok.statusCode).toBe(201);
  });

  test('a retried POST with the same Idempotency-Key returns the first item; the same key of another user is another item', async () => {
    const { table, handler } = load();
    const headers = { 'Idempotency-Key': 'k1' };
    const first = await handler(event('POST /items', { body: { name: 'a' }, headers }));
    const again = await handler(event('POST /items', { body: { name: 'a' }, headers }));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(json(again)['id']).toBe(json(first)['id']);
    expect((await handler(event('POST /items', { body: { name: 'b' }, headers }))).statusCode).toBe(422);
    const bob = await handler(event('POST /items', { body: { name: 'a' }, headers, sub: BOB }));
    expect(json(bob)['id']).not.toBe(json(first)['id']);
    expect(table.items.size).toBe(2);
  });

  test('PUT and DELETE with a stale If-Match answer 412', async () => {
    const { handler } = load();
    const id = String(json(await handler(event('POST /items', { body: { name: 'a' } })))['id']);
    const put = await handler(event('PUT /items/{id}', { id, body: { name: 'b' }, headers: { 'If-Match': '"1"' } }));
    expect(put.statusCode).toBe(200);
    expect(put.headers['etag']).toBe('"2"');
    const stale = { 'If-Match': '"1"' };
    expect((await handler(event('PUT /items/{id}', { id, body: { name: 'c' }, headers: stale }))).statusCode).toBe(412);
    expect((await handler(event('DELETE /items/{id}', { id, headers: stale }))).statusCode).toBe(412);
    expect((await handler(event('DELETE /items/{id}', { id, headers: { 'If-Match': '"2"' } }))).statusCode).toBe(204);
  });

  test('GET /items pages through the user own items exactly once, and a next token stays in their partition', async () => {
    const { handler } = load();
    for (let i = 0; i < 7; i++) await handler(event('POST /items', { body: { name: `n${i}` } }));
    await handler(event('POST /items', { body: { name: 'bob' }, sub: BOB }));
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = json(await handler(event('GET /items', { query: { limit: '3', ...(next && { next }) } })));
      seen.push(...(page['items'] as Json[]).map((i) => String(i['name'])));
      next = page['next'] as string | undefined;
    } while (next);
    expect(seen.sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    const first = json(await handler(event('GET /items', { query: { limit: '3' } })));
    const asBob = json(await handler(event('GET /items', { sub: BOB, query: { next: String(first['next']) } })));
    // Alice's token only says where to start; Bob's query still reads Bob's partition.
    for (const item of asBob['items'] as Json[]) expect(item['name']).toBe('bob');
  });

  test('GET /health reads the table and answers ok; a table failure is a 500, throttling a 503', async () => {
    const { table, handler } = load();
    const ok = await handler(event('GET /health'));
    expect([ok.statusCode, json(ok)]).toEqual([200, { status: 'ok' }]);
    expect(table.calls).toEqual(['Get']);
    table.failNext = named('InternalServerError');
    expect((await handler(event('GET /health'))).statusCode).toBe(500);
    table.failNext = named('ProvisionedThroughputExceededException');
    expect((await handler(event('GET /health'))).statusCode).toBe(503);
  });

  test('the shipped code fits the inline limit and is CommonJS', () => {
    const source = inlineHandlerSource();
    expect(source.length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
    expect(source).toMatch(/^exports\.handler = /mu);
  });
});
