// sns-sqs-fanout worker: one function per consumer queue, this code in each. Standard SQS delivers at
// least once, so each message is claimed in the idempotency table before it is handled and marked
// COMPLETED after; a copy that arrives later finds the record and is skipped.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const db = require('@aws-sdk/client-dynamodb');

const { TABLE_NAME: TableName, CONSUMER, RECORD_TTL_SECONDS, LOCK_SECONDS } = process.env;
const DDB = new db.DynamoDBClient();
const log = (msg, fields) => console.log(JSON.stringify({ msg, consumer: CONSUMER, ...fields }));
const S = (v) => ({ S: v });
const N = (v) => ({ N: `${v}` });

// The publisher's idempotency-key attribute names one business event across SNS retries and republishes;
// without it, the SQS message id still catches redeliveries of the same queue message.
const keyOf = (r) => r.messageAttributes?.['idempotency-key']?.stringValue ?? r.messageId;

// A body that is not JSON is a poison message. The parser's own error quotes the body, which must not reach
// the logs, so a plain one is thrown instead.
function parse(body) {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('poison: the body is not JSON');
  }
}

// Stand-in for the consumer's real work: replace it. Throwing fails this message only; keep message content
// out of the errors you throw, since the handler logs them.
async function work(event, r) {
  if (typeof event?.type !== 'string') throw new Error('poison: the message has no string field "type"');
  log('handled', { messageId: r.messageId, type: event.type });
}

// Takes the key unless a record exists that is COMPLETED or held by a worker whose lock has not run out.
async function claim(pk, owner, now) {
  const Item = {
    pk: S(pk),
    status: S('IN_PROGRESS'),
    owner: S(owner),
    lockedUntil: N(now + Number(LOCK_SECONDS)),
    expiresAt: N(now + Number(RECORD_TTL_SECONDS)),
  };
  try {
    await DDB.send(
      new db.PutItemCommand({
        TableName,
        Item,
        ConditionExpression: 'attribute_not_exists(pk) OR (#s = :p AND lockedUntil < :now)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':p': S('IN_PROGRESS'), ':now': N(now) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'claimed';
  } catch (e) {
    if (e.name !== 'ConditionalCheckFailedException') throw e;
    return e.Item?.status?.S === 'COMPLETED' ? 'done' : 'busy';
  }
}

const complete = (pk, now) =>
  DDB.send(
    new db.UpdateItemCommand({
      TableName,
      Key: { pk: S(pk) },
      UpdateExpression: 'SET #s = :c, completedAt = :now REMOVE lockedUntil',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':c': S('COMPLETED'), ':now': N(now) },
    }),
  );

// Frees the key for the next delivery, but only while this invocation still holds it.
const release = (pk, owner) =>
  DDB.send(
    new db.DeleteItemCommand({
      TableName,
      Key: { pk: S(pk) },
      ConditionExpression: '#o = :o AND #s = :p',
      ExpressionAttributeNames: { '#o': 'owner', '#s': 'status' },
      ExpressionAttributeValues: { ':o': S(owner), ':p': S('IN_PROGRESS') },
    }),
  ).catch((e) => log('release failed', { pk, error: `${e}` }));

async function one(r, owner) {
  const pk = `${CONSUMER}#${keyOf(r)}`;
  const state = await claim(pk, owner, Math.floor(Date.now() / 1000));
  if (state === 'done') return log('duplicate skipped', { messageId: r.messageId, pk });
  if (state === 'busy') throw new Error(`${pk} is being handled by another invocation`);
  try {
    await work(parse(r.body), r);
  } catch (e) {
    await release(pk, owner);
    throw e;
  }
  await complete(pk, Math.floor(Date.now() / 1000));
}

// Partial batch response: only the messages listed here return to the queue; the others are deleted.
exports.handler = async (event, context) => {
  const batchItemFailures = [];
  for (const r of event.Records) {
    const owner = `${context.awsRequestId}/${r.messageId}`;
    await one(r, owner).catch((e) => {
      const receiveCount = Number(r.attributes?.ApproximateReceiveCount);
      log('failed', { messageId: r.messageId, receiveCount, error: `${e}` });
      batchItemFailures.push({ itemIdentifier: r.messageId });
    });
  }
  return { batchItemFailures };
};
