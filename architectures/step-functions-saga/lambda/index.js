// step-functions-saga: the saga's participants (inventory, payment, shipping) as one small function, and its
// idempotency gate. Every action is idempotent: it writes its ledger entry only if it is not there yet, and an
// undo of something never done is a success, so Step Functions can retry any step, and compensate any step.
// Replace each action with a call to the real service, passing the orderId as that service's idempotency key.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const ddb = require('@aws-sdk/lib-dynamodb');

const db = ddb.DynamoDBDocumentClient.from(new DynamoDBClient());
const { IDEMPOTENCY_TABLE, LEDGER_TABLE, IDEMPOTENCY_TTL_DAYS } = process.env;
const put = (TableName, Item, ConditionExpression) =>
  db.send(new ddb.PutCommand({ TableName, Item, ConditionExpression })).then(
    () => true,
    (x) => (x.name === 'ConditionalCheckFailedException' ? false : Promise.reject(x)),
  );

// A business refusal (out of stock, card declined) is not retried: Step Functions catches it and compensates.
class Refused extends Error {
  constructor(message) {
    super(message);
    this.name = 'Refused';
  }
}

// The saga starts once per idempotency key: the first execution records it, a duplicate event finds it.
async function begin({ idempotencyKey, orderId }) {
  const expiresAt = Math.floor(Date.now() / 1000) + Number(IDEMPOTENCY_TTL_DAYS) * 86400;
  const Item = { pk: idempotencyKey, orderId, status: 'STARTED', expiresAt };
  return { duplicate: !(await put(IDEMPOTENCY_TABLE, Item, 'attribute_not_exists(pk)')) };
}

async function finish({ idempotencyKey, status }) {
  await db.send(
    new ddb.UpdateCommand({
      TableName: IDEMPOTENCY_TABLE,
      Key: { pk: idempotencyKey },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
    }),
  );
  return { status };
}

// Do: one ledger entry per order and step; a retry finds it and succeeds without doing it twice.
async function step(order, sk, check) {
  check(order);
  await put(LEDGER_TABLE, { pk: order.orderId, sk, at: new Date().toISOString() }, 'attribute_not_exists(pk)');
  return { orderId: order.orderId, [sk]: 'done' };
}

// Undo: marks the entry undone; undoing what was never done also succeeds, so compensation can always run.
async function undo(order, sk) {
  await put(LEDGER_TABLE, { pk: order.orderId, sk, undone: true, at: new Date().toISOString() });
  return { orderId: order.orderId, [sk]: 'undone' };
}

const ACTIONS = {
  begin,
  finish,
  reserve: (o) => step(o, 'inventory', (x) => { if (!(x.items?.length > 0)) throw new Refused('no items'); }),
  release: (o) => undo(o, 'inventory'),
  charge: (o) => step(o, 'payment', (x) => { if (!(x.amount > 0) || x.amount > 10000) throw new Refused('payment declined'); }),
  refund: (o) => undo(o, 'payment'),
  ship: (o) => step(o, 'shipment', (x) => { if (!x.address) throw new Refused('no shipping address'); }),
  cancelShipment: (o) => undo(o, 'shipment'),
};

exports.handler = async ({ action, order, status }) => {
  const run = ACTIONS[action];
  if (!run) throw new Refused(`unknown action ${action}`);
  return run(status ? { ...order, status } : order);
};
