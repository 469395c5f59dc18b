// Runs the participants exactly as they ship inline, against in-memory tables with DynamoDB's conditional-write
// semantics: every step and undo must be safe to repeat, and the gate must let each idempotency key through once.
import { describe, expect, test } from 'vitest';
import { fakeCommand, loadInlineHandler, type Command, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './stack.ts';

type Handler = (event: Json) => Promise<Json>;
const named = (name: string) => Object.assign(new Error(name), { name });

function load(): { tables: Record<string, Map<string, Json>>; handler: Handler } {
  const tables: Record<string, Map<string, Json>> = { idem: new Map(), ledger: new Map() };
  const keyOf = (item: Json): string => `${String(item['pk'])}|${typeof item['sk'] === 'string' ? item['sk'] : ''}`;
  const send = async (cmd: Command): Promise<Json> => {
    const table = tables[cmd.input['TableName'] as string];
    if (!table) throw new Error('unknown table');
    if (cmd.kind === 'Put') {
      const item = cmd.input['Item'] as Json;
      if (cmd.input['ConditionExpression'] === 'attribute_not_exists(pk)' && table.has(keyOf(item))) {
        throw named('ConditionalCheckFailedException');
      }
      table.set(keyOf(item), item);
      return {};
    }
    if (cmd.kind === 'Update') {
      const key = keyOf(cmd.input['Key'] as Json);
      table.set(key, { ...table.get(key), status: (cmd.input['ExpressionAttributeValues'] as Json)[':s'] });
      return {};
    }
    throw new Error(`unexpected ${cmd.kind}`);
  };
  const handler = loadInlineHandler(
    inlineHandlerSource(),
    {
      '@aws-sdk/client-dynamodb': { DynamoDBClient: function DynamoDBClient() {} },
      '@aws-sdk/lib-dynamodb': {
        DynamoDBDocumentClient: { from: () => ({ send }) },
        PutCommand: fakeCommand('Put'),
        UpdateCommand: fakeCommand('Update'),
      },
    },
    { process: { env: { IDEMPOTENCY_TABLE: 'idem', LEDGER_TABLE: 'ledger', IDEMPOTENCY_TTL_DAYS: '7' } }, Date, Math, Number, Error },
  ) as Handler;
  return { tables, handler };
}

const ORDER = { orderId: 'o-1', idempotencyKey: 'k-1', items: [{ sku: 'A1' }], amount: 42, address: '1 Main St' };

describe('step-functions-saga participants', () => {
  test('the gate lets an idempotency key through once, with a TTL of IDEMPOTENCY_TTL_DAYS', async () => {
    const { tables, handler } = load();
    expect(await handler({ action: 'begin', order: ORDER })).toEqual({ duplicate: false });
    expect(await handler({ action: 'begin', order: ORDER })).toEqual({ duplicate: true });
    const record = tables['idem']?.get('k-1|');
    const days = (Number(record?.['expiresAt']) - Date.now() / 1000) / 86400;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    await handler({ action: 'finish', order: ORDER, status: 'CONFIRMED' });
    expect(tables['idem']?.get('k-1|')?.['status']).toBe('CONFIRMED');
  });

  test('a repeated step succeeds without a second ledger entry; an undo of a step never done succeeds', async () => {
    const { tables, handler } = load();
    await handler({ action: 'charge', order: ORDER });
    await handler({ action: 'charge', order: ORDER });
    expect(tables['ledger']?.size).toBe(1);
    expect(await handler({ action: 'cancelShipment', order: ORDER })).toEqual({ orderId: 'o-1', shipment: 'undone' });
    expect(await handler({ action: 'refund', order: ORDER })).toEqual({ orderId: 'o-1', payment: 'undone' });
    expect(tables['ledger']?.get('o-1|payment')?.['undone']).toBe(true);
  });

  test('business refusals are errors named Refused, which the state machine does not retry', async () => {
    const { handler } = load();
    await expect(handler({ action: 'charge', order: { ...ORDER, amount: 0 } })).rejects.toMatchObject({ name: 'Refused' });
    await expect(handler({ action: 'reserve', order: { ...ORDER, items: [] } })).rejects.toMatchObject({ name: 'Refused' });
    await expect(handler({ action: 'ship', order: { ...ORDER, address: '' } })).rejects.toMatchObject({ name: 'Refused' });
    await expect(handler({ action: 'steal', order: ORDER })).rejects.toMatchObject({ name: 'Refused' });
  });
});
