// Runs the worker exactly as it ships inline, against an in-memory DynamoDB table that follows the
// documented semantics the worker relies on: a failed condition throws ConditionalCheckFailedException
// and, with ReturnValuesOnConditionCheckFailure ALL_OLD, carries the existing item.
import { describe, expect, test } from 'vitest';
import {
  fakeClient,
  fakeCommand,
  loadInlineHandler,
  type Command,
  type Json,
} from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './parameters.ts';

type Item = Record<string, { S?: string; N?: string }>;

const CLAIM = 'attribute_not_exists(pk) OR (#s = :p AND lockedUntil < :now)';
const RELEASE = '#o = :o AND #s = :p';
const TTL_SECONDS = 14 * 86_400;
const LOCK_SECONDS = 30;

const conditionFailed = (item: Item | undefined) =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', Item: item });

/** The idempotency table and a clock, plus what the worker did. */
class World {
  readonly items = new Map<string, Item>();
  readonly logs: Json[] = [];
  now = 1_800_000_000;
  failNext: { kind: string; error: Error } | undefined;

  handle(cmd: Command): Json {
    const input = cmd.input;
    expect(input['TableName']).toBe('idempotency');
    if (this.failNext?.kind === cmd.kind) {
      const { error } = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const values = (input['ExpressionAttributeValues'] ?? {}) as Item;
    switch (cmd.kind) {
      case 'PutItem': {
        const item = input['Item'] as Item;
        const pk = item['pk']?.S ?? '';
        const old = this.items.get(pk);
        expect(input['ConditionExpression']).toBe(CLAIM);
        expect(input['ReturnValuesOnConditionCheckFailure']).toBe('ALL_OLD');
        const stale =
          old?.['status']?.S === values[':p']?.S && Number(old?.['lockedUntil']?.N) < Number(values[':now']?.N);
        if (old && !stale) throw conditionFailed(structuredClone(old));
        this.items.set(pk, structuredClone(item));
        return {};
      }
      case 'UpdateItem': {
        const pk = (input['Key'] as Item)['pk']?.S ?? '';
        expect(input['UpdateExpression']).toBe('SET #s = :c, completedAt = :now REMOVE lockedUntil');
        const item = this.items.get(pk) ?? { pk: { S: pk } };
        item['status'] = values[':c'] ?? {};
        item['completedAt'] = values[':now'] ?? {};
        delete item['lockedUntil'];
        this.items.set(pk, item);
        return {};
      }
      case 'DeleteItem': {
        const pk = (input['Key'] as Item)['pk']?.S ?? '';
        expect(input['ConditionExpression']).toBe(RELEASE);
        const old = this.items.get(pk);
        if (old?.['owner']?.S !== values[':o']?.S || old?.['status']?.S !== values[':p']?.S) {
          throw conditionFailed(undefined);
        }
        this.items.delete(pk);
        return {};
      }
      default:
        throw new Error(`unexpected command ${cmd.kind}`);
    }
  }

  status(pk: string): string | undefined {
    return this.items.get(pk)?.['status']?.S;
  }

  handled(): string[] {
    return this.logs.filter((l) => l['msg'] === 'handled').map((l) => String(l['messageId']));
  }
}

type Handler = (event: Json, context: Json) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/** Loads the shipped worker with a fake DynamoDB client bound to a World. */
function load(consumer = 'billing', world = new World()): { world: World; handler: Handler } {
  const modules: Record<string, Json> = {
    '@aws-sdk/client-dynamodb': {
      DynamoDBClient: fakeClient((cmd) => world.handle(cmd)),
      PutItemCommand: fakeCommand('PutItem'),
      UpdateItemCommand: fakeCommand('UpdateItem'),
      DeleteItemCommand: fakeCommand('DeleteItem'),
    },
  };
  const handler = loadInlineHandler(inlineHandlerSource(), modules, {
    process: {
      env: {
        TABLE_NAME: 'idempotency',
        CONSUMER: consumer,
        RECORD_TTL_SECONDS: String(TTL_SECONDS),
        LOCK_SECONDS: String(LOCK_SECONDS),
      },
    },
    Date: { now: () => world.now * 1000 },
    console: { log: (line: string) => world.logs.push(JSON.parse(line) as Json) },
  }) as Handler;
  return { world, handler };
}

let invocation = 0;
const context = (): Json => ({ awsRequestId: `request-${++invocation}` });

/** An SQS record as raw delivery from SNS produces it. */
function record(messageId: string, body: unknown, key?: string, receiveCount = 1): Json {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '1800000000000' },
    messageAttributes:
      key === undefined ? {} : { 'idempotency-key': { stringValue: key, dataType: 'String', stringListValues: [] } },
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:oar-sns-sqs-fanout-billing',
  };
}
const batch = (...records: Json[]): Json => ({ Records: records });
const order = (id: string): Json => ({ type: 'order.placed', orderId: id });

describe('the worker', () => {
  test('handles a batch, records each key as COMPLETED with a TTL, and reports no failures', async () => {
    const { world, handler } = load();
    const out = await handler(
      batch(record('m-1', order('o-1'), 'order.placed/o-1'), record('m-2', order('o-2'), 'order.placed/o-2')),
      context(),
    );
    expect(out).toEqual({ batchItemFailures: [] });
    expect(world.handled()).toEqual(['m-1', 'm-2']);
    expect(world.items.get('billing#order.placed/o-1')).toMatchObject({
      status: { S: 'COMPLETED' },
      expiresAt: { N: String(world.now + TTL_SECONDS) },
      completedAt: { N: String(world.now) },
    });
    expect(world.items.get('billing#order.placed/o-1')?.['lockedUntil']).toBeUndefined();
  });

  test('skips a second copy with the same idempotency key, even with another SQS message id', async () => {
    const { world, handler } = load();
    await handler(batch(record('m-1', order('o-1'), 'order.placed/o-1')), context());
    world.now += 3600;
    const out = await handler(batch(record('m-9', order('o-1'), 'order.placed/o-1')), context());
    expect(out.batchItemFailures).toEqual([]);
    expect(world.handled()).toEqual(['m-1']);
    expect(world.logs).toContainEqual(expect.objectContaining({ msg: 'duplicate skipped', messageId: 'm-9' }));
  });

  test('without the attribute, only redeliveries of the same SQS message are recognised', async () => {
    const { world, handler } = load();
    await handler(batch(record('m-1', order('o-1'))), context());
    await handler(batch(record('m-1', order('o-1'), undefined, 2)), context());
    expect(world.handled()).toEqual(['m-1']);
    // A second publish of the same event is a new SQS message: handled again, as the notes say.
    await handler(batch(record('m-2', order('o-1'))), context());
    expect(world.handled()).toEqual(['m-1', 'm-2']);
    expect([...world.items.keys()].sort()).toEqual(['billing#m-1', 'billing#m-2']);
  });

  test('a poison message fails alone, and its claim is released for the next receive', async () => {
    const { world, handler } = load();
    const out = await handler(
      batch(
        record('m-1', order('o-1'), 'k-1'),
        record('m-2', '{not json', 'k-2', 3),
        record('m-3', { orderId: 'o-3' }, 'k-3'),
        record('m-4', order('o-4'), 'k-4'),
      ),
      context(),
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }]);
    expect(world.handled()).toEqual(['m-1', 'm-4']);
    expect(world.items.has('billing#k-2')).toBe(false);
    expect(world.items.has('billing#k-3')).toBe(false);
    expect(world.logs).toContainEqual(expect.objectContaining({ msg: 'failed', messageId: 'm-2', receiveCount: 3 }));
    expect(world.logs).toContainEqual(
      expect.objectContaining({ msg: 'failed', messageId: 'm-3', error: expect.stringContaining('poison') as string }),
    );
  });

  test('a body that is not JSON fails as poison, and no part of it reaches the logs', async () => {
    const { world, handler } = load();
    const out = await handler(batch(record('m-1', 'card 4111 1111 1111 1111 exp 12/29', 'k-1')), context());
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(world.logs).toContainEqual(
      expect.objectContaining({ msg: 'failed', messageId: 'm-1', error: 'Error: poison: the body is not JSON' }),
    );
    expect(JSON.stringify(world.logs)).not.toMatch(/4111|card/u);
  });

  test('a key held by another live invocation is retried later; a stale lock is taken over', async () => {
    const { world, handler } = load();
    world.items.set('billing#k-1', {
      pk: { S: 'billing#k-1' },
      status: { S: 'IN_PROGRESS' },
      owner: { S: 'someone-else' },
      lockedUntil: { N: String(world.now + 10) },
      expiresAt: { N: String(world.now + TTL_SECONDS) },
    });
    const busy = await handler(batch(record('m-1', order('o-1'), 'k-1')), context());
    expect(busy.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    // The failure must not release a claim that belongs to someone else.
    expect(world.items.get('billing#k-1')?.['owner']?.S).toBe('someone-else');
    expect(world.handled()).toEqual([]);

    world.now += 11;
    const later = await handler(batch(record('m-1', order('o-1'), 'k-1', 2)), context());
    expect(later.batchItemFailures).toEqual([]);
    expect(world.handled()).toEqual(['m-1']);
    expect(world.status('billing#k-1')).toBe('COMPLETED');
  });

  test('a crash between the work and the COMPLETED write repeats the work after the lock runs out', async () => {
    const { world, handler } = load();
    world.failNext = {
      kind: 'UpdateItem',
      error: Object.assign(new Error('throttled'), { name: 'ThrottlingException' }),
    };
    const first = await handler(batch(record('m-1', order('o-1'), 'k-1')), context());
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(world.status('billing#k-1')).toBe('IN_PROGRESS');

    // The redelivery comes after the visibility timeout, six times the lock, so the lock has run out.
    world.now += 6 * LOCK_SECONDS;
    await handler(batch(record('m-1', order('o-1'), 'k-1', 2)), context());
    expect(world.handled()).toEqual(['m-1', 'm-1']);
    expect(world.status('billing#k-1')).toBe('COMPLETED');
  });

  test('a DynamoDB error on the claim fails that message only', async () => {
    const { world, handler } = load();
    world.failNext = {
      kind: 'PutItem',
      error: Object.assign(new Error('Throughput exceeds the current capacity'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    };
    const out = await handler(batch(record('m-1', order('o-1'), 'k-1'), record('m-2', order('o-2'), 'k-2')), context());
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(world.handled()).toEqual(['m-2']);
  });

  test('consumers keep separate records for the same key', async () => {
    const world = new World();
    const billing = load('billing', world);
    const email = load('email', world);
    await billing.handler(batch(record('m-1', order('o-1'), 'k-1')), context());
    await email.handler(batch(record('m-7', order('o-1'), 'k-1')), context());
    expect(world.handled()).toEqual(['m-1', 'm-7']);
    expect(world.status('billing#k-1')).toBe('COMPLETED');
    expect(world.status('email#k-1')).toBe('COMPLETED');
    expect(world.logs.every((l) => l['consumer'] === 'billing' || l['consumer'] === 'email')).toBe(true);
  });

  test('the claim sets a lock of the worker timeout and an expiry of the TTL', async () => {
    const { world, handler } = load();
    world.failNext = { kind: 'UpdateItem', error: new Error('lost') };
    await handler(batch(record('m-1', order('o-1'), 'k-1')), context());
    expect(world.items.get('billing#k-1')).toMatchObject({
      status: { S: 'IN_PROGRESS' },
      lockedUntil: { N: String(world.now + LOCK_SECONDS) },
      expiresAt: { N: String(world.now + TTL_SECONDS) },
      owner: { S: expect.stringMatching(/^request-\d+\/m-1$/u) as string },
    });
  });
});
