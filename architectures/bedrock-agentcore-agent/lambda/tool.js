// The gateway's Lambda target: one read-only tool, get_order_status. The gateway passes the tool's arguments as
// the event and names the tool in the client context; anything else is refused.
// Inline Lambda code is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({ maxAttempts: 2 });
exports.handler = async (event, context) => {
  const tool = String(context.clientContext?.custom?.bedrockAgentCoreToolName ?? '').split('___').pop();
  if (tool !== 'get_order_status') return { error: `unknown tool ${tool}` };
  const orderId = String(event.orderId ?? '');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(orderId)) return { error: 'orderId must be 1 to 64 letters, digits or hyphens' };
  const { Item } = await db.send(new GetItemCommand({
    TableName: process.env.TABLE_NAME,
    Key: { orderId: { S: orderId } },
    ProjectionExpression: 'orderId, orderStatus, updatedAt',
  }));
  if (!Item) return { orderId, found: false };
  return { orderId, found: true, status: Item.orderStatus?.S, updatedAt: Item.updatedAt?.S };
};
