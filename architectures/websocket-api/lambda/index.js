// websocket-api: the WebSocket routes and the broadcaster, one file deployed as one function per role (ROLE).
// $connect stores the connection with its channel and a TTL; $disconnect removes it; $default answers pings;
// the broadcaster reads messages from SQS and posts each to every connection of its channel, dropping gone ones.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const ddb = require('@aws-sdk/lib-dynamodb');
const gw = require('@aws-sdk/client-apigatewaymanagementapi');

const db = ddb.DynamoDBDocumentClient.from(new DynamoDBClient());
const { ROLE, TABLE_NAME: TableName, CHANNEL_INDEX, TTL_SECONDS, ENDPOINT } = process.env;
const ok = (body) => ({ statusCode: 200, body: body ?? '' });
const CHANNEL = /^[A-Za-z0-9_-]{1,64}$/;

// $connect: IAM has already checked the caller's signature; the channel comes from ?channel=.
async function connect(e) {
  const channel = e.queryStringParameters?.channel;
  if (!CHANNEL.test(channel ?? '')) return { statusCode: 400, body: 'channel must be 1 to 64 letters, digits, _ or -' };
  const expiresAt = Math.floor(Date.now() / 1000) + Number(TTL_SECONDS);
  const Item = { connectionId: e.requestContext.connectionId, channel, expiresAt, caller: e.requestContext.identity?.userArn };
  await db.send(new ddb.PutCommand({ TableName, Item }));
  return ok();
}

async function disconnect(e) {
  await db.send(new ddb.DeleteCommand({ TableName, Key: { connectionId: e.requestContext.connectionId } }));
  return ok();
}

// $default: clients only listen; anything they send gets a pong, so they can keep the connection alive.
const fallback = () => ok(JSON.stringify({ type: 'pong' }));

// Broadcaster: one SQS batch; a message that could not reach every live connection is reported for a retry.
async function broadcast(e) {
  const api = new gw.ApiGatewayManagementApiClient({ endpoint: ENDPOINT });
  const failures = [];
  for (const record of e.Records) {
    try {
      const { channel, message } = JSON.parse(record.body);
      if (!CHANNEL.test(channel ?? '')) throw new Error('bad channel');
      const Data = Buffer.from(JSON.stringify(message));
      let ExclusiveStartKey;
      do {
        const page = await db.send(
          new ddb.QueryCommand({ TableName, IndexName: CHANNEL_INDEX, KeyConditionExpression: 'channel = :c', ExpressionAttributeValues: { ':c': channel }, ExclusiveStartKey }),
        );
        await Promise.all(
          page.Items.map(({ connectionId }) =>
            api.send(new gw.PostToConnectionCommand({ ConnectionId: connectionId, Data })).catch((x) => {
              if (x.name !== 'GoneException') throw x;
              return db.send(new ddb.DeleteCommand({ TableName, Key: { connectionId } }));
            }),
          ),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    } catch (x) {
      console.error(x);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

const ROLES = { connect, disconnect, default: fallback, broadcast };
exports.handler = (e) => ROLES[ROLE](e);
