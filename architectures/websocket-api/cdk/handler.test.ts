// Runs the functions exactly as they ship inline, against an in-memory connection store and a fake
// @connections API: connects are stored with a TTL, gone connections are dropped, failures are reported per message.
import { describe, expect, test } from 'vitest';
import { fakeCommand, loadInlineHandler, type Command, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './stack.ts';

type Handler = (event: Json) => Promise<Json>;
const named = (name: string) => Object.assign(new Error(name), { name });

function load(role: string, gone: string[] = [], broken: string[] = []) {
  const table = new Map<string, Json>();
  const posted: string[] = [];
  const db = async (cmd: Command): Promise<Json> => {
    if (cmd.kind === 'Put') table.set(String((cmd.input['Item'] as Json)['connectionId']), cmd.input['Item'] as Json);
    if (cmd.kind === 'Delete') table.delete(String((cmd.input['Key'] as Json)['connectionId']));
    if (cmd.kind === 'Query') {
      const channel = (cmd.input['ExpressionAttributeValues'] as Json)[':c'];
      return { Items: [...table.values()].filter((i) => i['channel'] === channel) };
    }
    return {};
  };
  const api = async (cmd: Command): Promise<Json> => {
    const id = String(cmd.input['ConnectionId']);
    if (gone.includes(id)) throw named('GoneException');
    if (broken.includes(id)) throw named('InternalServerErrorException');
    posted.push(id);
    return {};
  };
  const handler = loadInlineHandler(
    inlineHandlerSource(),
    {
      '@aws-sdk/client-dynamodb': { DynamoDBClient: function DynamoDBClient() {} },
      '@aws-sdk/lib-dynamodb': {
        DynamoDBDocumentClient: { from: () => ({ send: db }) },
        PutCommand: fakeCommand('Put'),
        DeleteCommand: fakeCommand('Delete'),
        QueryCommand: fakeCommand('Query'),
      },
      '@aws-sdk/client-apigatewaymanagementapi': {
        ApiGatewayManagementApiClient: function Client() {
          return { send: api };
        },
        PostToConnectionCommand: fakeCommand('Post'),
      },
    },
    {
      process: { env: { ROLE: role, TABLE_NAME: 't', CHANNEL_INDEX: 'byChannel', TTL_SECONDS: '7200', ENDPOINT: 'https://x' } },
      Buffer,
      Date,
      Math,
      Number,
      JSON,
      Promise,
      console: { error: () => undefined },
    },
  ) as Handler;
  return { table, posted, handler };
}

const connectEvent = (id: string, channel?: string): Json => ({
  requestContext: { connectionId: id, identity: { userArn: 'arn:aws:sts::123456789012:assumed-role/app/u1' } },
  queryStringParameters: channel === undefined ? undefined : { channel },
});

describe('websocket-api functions', () => {
  test('connect stores the channel with a TTL 2 hours ahead; a bad channel is refused', async () => {
    const { table, handler } = load('connect');
    expect((await handler(connectEvent('c1', 'orders-42')))['statusCode']).toBe(200);
    const item = table.get('c1');
    expect(item?.['channel']).toBe('orders-42');
    expect(Number(item?.['expiresAt']) - Date.now() / 1000).toBeGreaterThan(7190);
    expect((await handler(connectEvent('c2', 'no spaces')))['statusCode']).toBe(400);
    expect((await handler(connectEvent('c3')))['statusCode']).toBe(400);
    expect(table.size).toBe(1);
  });

  test('the broadcaster posts to the channel, drops gone connections, and reports only failed messages', async () => {
    const { table, posted, handler } = load('broadcast', ['gone'], ['broken']);
    for (const [id, channel] of [['a', 'x'], ['b', 'x'], ['gone', 'x'], ['other', 'y']] as const) {
      table.set(id, { connectionId: id, channel });
    }
    const ok = await handler({ Records: [{ messageId: 'm1', body: JSON.stringify({ channel: 'x', message: { n: 1 } }) }] });
    expect(ok).toEqual({ batchItemFailures: [] });
    expect(posted.sort()).toEqual(['a', 'b']);
    expect(table.has('gone')).toBe(false);
    table.set('broken', { connectionId: 'broken', channel: 'y' });
    const out = await handler({
      Records: [
        { messageId: 'm2', body: JSON.stringify({ channel: 'y', message: {} }) },
        { messageId: 'm3', body: 'not json' },
        { messageId: 'm4', body: JSON.stringify({ channel: 'x', message: {} }) },
      ],
    });
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }] });
  });
});
