// Bounce and complaint handler: SES publishes events of the configuration set to SNS, which delivers them raw to
// SQS, which invokes this function in batches. Hard bounces and complaints mark the address suppressed in the
// table (SES suppresses them itself through the configuration set); soft bounces are counted per address, and
// softBounceLimit of them within softBounceWindowDays suppress the address in the table and in SES's
// account-level suppression list, which SES never does for soft bounces by itself.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const { DynamoDBClient, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');
const { SESv2Client, PutSuppressedDestinationCommand } = require('@aws-sdk/client-sesv2');
const db = new DynamoDBClient({});
const ses = new SESv2Client({});
const TABLE = process.env.TABLE_NAME;
const LIMIT = Number(process.env.SOFT_BOUNCE_LIMIT);
const WINDOW = Number(process.env.SOFT_BOUNCE_WINDOW_DAYS) * 86400;
// Soft bounces that say something about the mailbox, not about one message.
const MAILBOX_SUBTYPES = ['General', 'MailboxFull'];
const s = (v) => ({ S: String(v) });
const n = (v) => ({ N: String(v) });
const failed = (e) => e && e.name === 'ConditionalCheckFailedException';

async function suppress(address, reason, feedbackId, inSes) {
  const now = new Date().toISOString();
  await db.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key: { address: s(address) },
      UpdateExpression:
        'SET #s = :s, #r = :r, #since = if_not_exists(#since, :t), lastEventAt = :t, lastFeedbackId = :f REMOVE expiresAt',
      ExpressionAttributeNames: { '#s': 'status', '#r': 'reason', '#since': 'since' },
      ExpressionAttributeValues: { ':s': s('suppressed'), ':r': s(reason), ':t': s(now), ':f': s(feedbackId) },
    }),
  );
  if (inSes) await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: address, Reason: 'BOUNCE' }));
}

// Counts a soft bounce; a repeat of the same feedback id (SQS delivers at least once) is not counted again.
async function softBounce(address, feedbackId) {
  const nowS = Math.floor(Date.now() / 1000);
  const values = { ':one': n(1), ':soft': s('soft'), ':f': s(feedbackId), ':now': n(nowS), ':exp': n(nowS + WINDOW) };
  const update = (expr, cond) =>
    db.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { address: s(address) },
        UpdateExpression: expr,
        ConditionExpression: cond,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
  let item;
  try {
    item = await update(
      'SET #s = :soft, expiresAt = if_not_exists(expiresAt, :exp), lastFeedbackId = :f ADD bounces :one',
      'attribute_not_exists(#s) OR (#s = :soft AND expiresAt > :now AND lastFeedbackId <> :f)',
    );
  } catch (e) {
    if (!failed(e)) throw e;
    try {
      // The window has passed (TTL deletes lazily): start counting again.
      item = await update(
        'SET bounces = :one, expiresAt = :exp, lastFeedbackId = :f',
        '#s = :soft AND expiresAt <= :now',
      );
    } catch (e2) {
      if (!failed(e2)) throw e2;
      return; // already suppressed, or this feedback was counted
    }
  }
  if (Number(item.Attributes.bounces.N) >= LIMIT) await suppress(address, 'BOUNCE', feedbackId, true);
}

async function handle(event) {
  const type = event.eventType || event.notificationType;
  if (type === 'Bounce') {
    const b = event.bounce;
    for (const r of b.bouncedRecipients) {
      const address = r.emailAddress.toLowerCase();
      if (b.bounceType === 'Permanent') await suppress(address, 'BOUNCE', b.feedbackId, false);
      else if (b.bounceType === 'Transient' && MAILBOX_SUBTYPES.includes(b.bounceSubType))
        await softBounce(address, b.feedbackId);
    }
  } else if (type === 'Complaint') {
    const c = event.complaint;
    // A recipient who marks a message as not spam has not complained.
    if (c.complaintFeedbackType === 'not-spam') return;
    for (const r of c.complainedRecipients)
      await suppress(r.emailAddress.toLowerCase(), 'COMPLAINT', c.feedbackId, false);
  }
}

exports.handler = async (sqsEvent) => {
  const batchItemFailures = [];
  for (const record of sqsEvent.Records) {
    try {
      await handle(JSON.parse(record.body));
    } catch (e) {
      console.error(JSON.stringify({ messageId: record.messageId, error: String(e) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
