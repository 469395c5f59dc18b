// Runs the handler exactly as it ships inline, against an in-memory suppression table that applies the three
// updates the handler makes (their condition expressions included) and a fake SES v2 client that records the
// addresses put on the account-level suppression list.
import { describe, expect, test } from 'vitest';
import { fakeClient, fakeCommands, loadInlineHandler, type Command, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './feedback.ts';

type Handler = (event: Json) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
type Item = Record<string, string | number>;
const DAY = 86400;
const named = (name: string) => Object.assign(new Error(name), { name });

/** The suppression table: items by address, with the semantics of the handler's UpdateItem calls. */
class Table {
  readonly items = new Map<string, Item>();
  failNext = false;

  handle(cmd: Command, nowS: number): Json {
    expect(cmd.kind).toBe('UpdateItem');
    const input = cmd.input;
    expect(input['TableName']).toBe('suppression');
    if (this.failNext) {
      this.failNext = false;
      throw named('ProvisionedThroughputExceededException');
    }
    const address = ((input['Key'] as Json)['address'] as { S: string }).S;
    const v = input['ExpressionAttributeValues'] as Record<string, { S?: string; N?: string }>;
    const current = this.items.get(address);
    const expr = String(input['UpdateExpression']);
    const cond = input['ConditionExpression'] as string | undefined;
    if (expr.startsWith('SET #s = :s,')) {
      expect(cond).toBeUndefined();
      const next: Item = { ...current, status: String(v[':s']?.S), reason: String(v[':r']?.S), lastFeedbackId: String(v[':f']?.S) };
      next['since'] = current?.['since'] ?? String(v[':t']?.S);
      delete next['expiresAt'];
      this.items.set(address, next);
      return {};
    }
    const now = Number(v[':now']?.N);
    expect(now).toBe(nowS);
    if (cond === 'attribute_not_exists(#s) OR (#s = :soft AND expiresAt > :now AND lastFeedbackId <> :f)') {
      const ok =
        current === undefined ||
        (current['status'] === 'soft' && Number(current['expiresAt']) > now && current['lastFeedbackId'] !== v[':f']?.S);
      if (!ok) throw named('ConditionalCheckFailedException');
      const next: Item = {
        ...current,
        status: 'soft',
        expiresAt: current?.['expiresAt'] ?? Number(v[':exp']?.N),
        lastFeedbackId: String(v[':f']?.S),
        bounces: Number(current?.['bounces'] ?? 0) + 1,
      };
      this.items.set(address, next);
      return { Attributes: { bounces: { N: String(next['bounces']) } } };
    }
    if (cond === '#s = :soft AND expiresAt <= :now') {
      if (!(current?.['status'] === 'soft' && Number(current['expiresAt']) <= now)) throw named('ConditionalCheckFailedException');
      const next: Item = { ...current, bounces: 1, expiresAt: Number(v[':exp']?.N), lastFeedbackId: String(v[':f']?.S) };
      this.items.set(address, next);
      return { Attributes: { bounces: { N: '1' } } };
    }
    throw new Error(`unexpected update ${expr} / ${cond}`);
  }
}

function setup(limit = 3, windowDays = 7) {
  const table = new Table();
  const suppressed: Json[] = [];
  const clock = { now: Date.UTC(2026, 11, 7, 12) };
  const nowS = () => Math.floor(clock.now / 1000);
  const modules = {
    '@aws-sdk/client-dynamodb': {
      DynamoDBClient: fakeClient((cmd) => table.handle(cmd, nowS())),
      ...fakeCommands('UpdateItem'),
    },
    '@aws-sdk/client-sesv2': {
      SESv2Client: fakeClient((cmd) => {
        expect(cmd.kind).toBe('PutSuppressedDestination');
        suppressed.push(cmd.input);
        return {};
      }),
      ...fakeCommands('PutSuppressedDestination'),
    },
  };
  const FakeDate = class extends Date {
    static override now(): number {
      return clock.now;
    }
    constructor() {
      super(clock.now);
    }
  };
  const errors: string[] = [];
  const handler = loadInlineHandler(inlineHandlerSource(), modules, {
    process: { env: { TABLE_NAME: 'suppression', SOFT_BOUNCE_LIMIT: String(limit), SOFT_BOUNCE_WINDOW_DAYS: String(windowDays) } },
    console: { error: (m: string) => errors.push(m), log: () => undefined },
    Date: FakeDate,
    JSON,
    Math,
    Number,
    String,
  }) as Handler;
  return { table, suppressed, clock, handler, errors };
}

let ids = 0;
const bounce = (type: string, subType: string, ...addresses: string[]): Json => ({
  eventType: 'Bounce',
  bounce: {
    bounceType: type,
    bounceSubType: subType,
    feedbackId: `fb-${++ids}`,
    bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress })),
  },
  mail: { messageId: `m-${ids}` },
});
const complaint = (feedbackType: string | undefined, ...addresses: string[]): Json => ({
  eventType: 'Complaint',
  complaint: {
    feedbackId: `fb-${++ids}`,
    ...(feedbackType && { complaintFeedbackType: feedbackType }),
    complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })),
  },
});
const batch = (...events: (Json | string)[]): Json => ({
  Records: events.map((e, i) => ({ messageId: `r${i}`, body: typeof e === 'string' ? e : JSON.stringify(e) })),
});

describe('bounce and complaint handler', () => {
  test('a hard bounce suppresses the address, in lower case, without calling SES (SES suppresses it itself)', async () => {
    const { table, suppressed, handler } = setup();
    expect(await handler(batch(bounce('Permanent', 'General', 'Ana@Example.NET')))).toEqual({ batchItemFailures: [] });
    expect(table.items.get('ana@example.net')).toMatchObject({ status: 'suppressed', reason: 'BOUNCE' });
    expect(suppressed).toEqual([]);
  });

  test('a complaint suppresses the address, but a not-spam report does not', async () => {
    const { table, handler } = setup();
    await handler(batch(complaint('abuse', 'bob@example.net'), complaint('not-spam', 'cy@example.net')));
    expect(table.items.get('bob@example.net')).toMatchObject({ status: 'suppressed', reason: 'COMPLAINT' });
    expect(table.items.has('cy@example.net')).toBe(false);
  });

  test('softBounceLimit mailbox soft bounces within the window suppress the address in the table and in SES', async () => {
    const { table, suppressed, handler, clock } = setup(3, 7);
    await handler(batch(bounce('Transient', 'MailboxFull', 'dee@example.net')));
    clock.now += 2 * DAY * 1000;
    await handler(batch(bounce('Transient', 'General', 'dee@example.net')));
    expect(table.items.get('dee@example.net')).toMatchObject({ status: 'soft', bounces: 2 });
    expect(suppressed).toEqual([]);
    clock.now += 2 * DAY * 1000;
    await handler(batch(bounce('Transient', 'MailboxFull', 'dee@example.net')));
    expect(table.items.get('dee@example.net')).toMatchObject({ status: 'suppressed', reason: 'BOUNCE' });
    expect(table.items.get('dee@example.net')?.['expiresAt']).toBeUndefined();
    expect(suppressed).toEqual([{ EmailAddress: 'dee@example.net', Reason: 'BOUNCE' }]);
  });

  test('a soft bounce after the window has passed starts the count again', async () => {
    const { table, suppressed, handler, clock } = setup(2, 7);
    await handler(batch(bounce('Transient', 'MailboxFull', 'eve@example.net')));
    clock.now += 8 * DAY * 1000;
    await handler(batch(bounce('Transient', 'MailboxFull', 'eve@example.net')));
    expect(table.items.get('eve@example.net')).toMatchObject({ status: 'soft', bounces: 1 });
    expect(suppressed).toEqual([]);
  });

  test('the same soft bounce delivered twice is counted once', async () => {
    const { table, handler } = setup(2, 7);
    const event = bounce('Transient', 'MailboxFull', 'fay@example.net');
    await handler(batch(event));
    await handler(batch(event));
    expect(table.items.get('fay@example.net')).toMatchObject({ status: 'soft', bounces: 1 });
  });

  test('soft bounces caused by the message, not the mailbox, are not counted', async () => {
    const { table, handler } = setup(1, 7);
    await handler(batch(bounce('Transient', 'MessageTooLarge', 'gil@example.net'), bounce('Transient', 'ContentRejected', 'gil@example.net')));
    expect(table.items.has('gil@example.net')).toBe(false);
  });

  test('soft bounces do not undo a suppression', async () => {
    const { table, handler } = setup(3, 7);
    await handler(batch(bounce('Permanent', 'General', 'hal@example.net')));
    await handler(batch(bounce('Transient', 'MailboxFull', 'hal@example.net')));
    expect(table.items.get('hal@example.net')).toMatchObject({ status: 'suppressed' });
  });

  test('a failed or malformed record is reported alone, so the rest of the batch is not retried', async () => {
    const { table, handler, errors } = setup();
    table.failNext = true;
    const result = await handler(batch(bounce('Permanent', 'General', 'ida@example.net'), 'not json', complaint('abuse', 'jo@example.net')));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'r0' }, { itemIdentifier: 'r1' }] });
    expect(table.items.get('jo@example.net')).toMatchObject({ status: 'suppressed' });
    expect(errors).toHaveLength(2);
  });

  test('identity notifications (notificationType) are handled like events', async () => {
    const { table, handler } = setup();
    const { eventType: _, ...rest } = bounce('Permanent', 'General', 'kim@example.net');
    await handler(batch({ notificationType: 'Bounce', ...rest }));
    expect(table.items.get('kim@example.net')).toMatchObject({ status: 'suppressed' });
  });
});
