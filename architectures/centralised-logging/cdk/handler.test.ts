// Runs the indexer exactly as it ships inline, with a fake S3 client and a fake HTTPS endpoint that
// records each _bulk request. The Signature Version 4 headers are checked against the AWS SDK's own signer.
import { createHash, createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { gzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import * as crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { loadInlineHandler, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineIndexerSource } from './search.ts';

type Handler = (event: Json) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
interface Sent {
  readonly options: { host: string; path: string; method: string; headers: Record<string, string | number> };
  readonly body: string;
}

const HOST = 'vpc-logs-a4b1d745fa-abc123.us-east-1.es.amazonaws.com';
const ENV = {
  DOMAIN_ENDPOINT: HOST,
  INDEX_PREFIX: 'cwl-',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token-example',
};

/** A CloudWatch Logs subscription record as Firehose archives it (decompressed, one per line). */
const record = (logGroup: string, events: { id: string; timestamp: number; message: string }[]): string =>
  JSON.stringify({
    messageType: 'DATA_MESSAGE',
    owner: '111111111111',
    logGroup,
    logStream: 'stream-1',
    subscriptionFilters: ['central'],
    logEvents: events,
  });
const control = JSON.stringify({
  messageType: 'CONTROL_MESSAGE',
  owner: 'CloudwatchLogs',
  logGroup: '',
  logStream: '',
  logEvents: [],
});

/** Loads the shipped indexer with a fake S3 holding `objects` and a fake domain answering with `respond`. */
function load(objects: Record<string, string>, respond: (body: string) => { status: number; body: Json | string }) {
  const sent: Sent[] = [];
  const gets: string[] = [];
  const logs: Json[] = [];
  class GetObjectCommand {
    readonly input: { Bucket: string; Key: string };
    constructor(input: { Bucket: string; Key: string }) {
      this.input = input;
    }
  }
  class S3Client {
    async send(cmd: GetObjectCommand) {
      gets.push(`${cmd.input.Bucket}/${cmd.input.Key}`);
      const text = objects[cmd.input.Key];
      if (text === undefined)
        throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      const bytes = new Uint8Array(gzipSync(Buffer.from(text)));
      return { Body: { transformToByteArray: async () => bytes } };
    }
  }
  const https = {
    request(options: Sent['options'], onResponse: (res: EventEmitter & { statusCode: number }) => void) {
      const req = new EventEmitter() as EventEmitter & { end(body: string): void };
      req.end = (body: string) => {
        sent.push({ options, body });
        const answer = respond(body);
        const res = Object.assign(new EventEmitter(), { statusCode: answer.status });
        onResponse(res);
        res.emit('data', typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
        res.emit('end');
      };
      return req;
    },
  };
  const modules: Record<string, unknown> = {
    '@aws-sdk/client-s3': { S3Client, GetObjectCommand },
    'node:zlib': zlib,
    'node:crypto': crypto,
    'node:https': https,
  };
  const handler = loadInlineHandler(inlineIndexerSource(), modules, {
    Buffer,
    process: { env: ENV },
    console: { log: (line: string) => logs.push(JSON.parse(line) as Json) },
  }) as Handler;
  return { handler, sent, gets, logs };
}

/** An SQS event with one EventBridge "Object Created" event per key. */
const sqsEvent = (...keys: string[]): Json => ({
  Records: keys.map((key, i) => ({
    messageId: `msg-${i}`,
    body: JSON.stringify({
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: 'archive-bucket' }, object: { key, size: 100 } },
    }),
  })),
});
/** A _bulk answer where every action gets `status`. */
const bulkAnswer = (body: string, status = 201) => ({
  status: 200,
  body: {
    errors: status >= 300,
    items: body
      .trim()
      .split('\n')
      .filter((_, i) => i % 2 === 0)
      .map(() => ({
        index: {
          status,
          ...(status >= 300 && {
            error: { type: status === 429 ? 'es_rejected_execution_exception' : 'mapper_parsing_exception' },
          }),
        },
      })),
  },
});
const pairs = (body: string): [Json, Json][] => {
  const lines = body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Json);
  return lines.filter((_, i) => i % 2 === 0).map((action, i) => [action, lines[2 * i + 1] as Json]);
};

const KEY = 'logs/year=2026/month=11/day=26/hour=05/oar-centralised-logging-archive-1-2026-11-26-05-00-00-abc.json.gz';
const T1 = Date.UTC(2026, 10, 26, 5, 0, 1);
const T2 = Date.UTC(2026, 10, 25, 23, 59, 59);

describe('indexing', () => {
  test('one document per DATA_MESSAGE log event, daily indices by event time, event ids as document ids', async () => {
    const text = [
      control,
      record('/aws/lambda/orders', [
        { id: 'e1', timestamp: T1, message: 'START RequestId: 1' },
        { id: 'e2', timestamp: T2, message: '{"level":"error"}' },
      ]),
      record('/app/payments', [{ id: 'e3', timestamp: T1, message: 'paid' }]),
      '',
    ].join('\n');
    const { handler, sent, gets } = load({ [KEY]: text }, (b) => bulkAnswer(b));
    await expect(handler(sqsEvent(KEY))).resolves.toEqual({ batchItemFailures: [] });
    expect(gets).toEqual([`archive-bucket/${KEY}`]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.options).toMatchObject({ host: HOST, path: '/_bulk', method: 'POST' });
    expect(sent[0]?.body.endsWith('\n')).toBe(true);
    expect(pairs(sent[0]?.body ?? '')).toEqual([
      [
        { index: { _index: 'cwl-2026.11.26', _id: 'e1' } },
        {
          '@timestamp': '2026-11-26T05:00:01.000Z',
          message: 'START RequestId: 1',
          owner: '111111111111',
          logGroup: '/aws/lambda/orders',
          logStream: 'stream-1',
        },
      ],
      [
        { index: { _index: 'cwl-2026.11.25', _id: 'e2' } },
        {
          '@timestamp': '2026-11-25T23:59:59.000Z',
          message: '{"level":"error"}',
          owner: '111111111111',
          logGroup: '/aws/lambda/orders',
          logStream: 'stream-1',
        },
      ],
      [
        { index: { _index: 'cwl-2026.11.26', _id: 'e3' } },
        {
          '@timestamp': '2026-11-26T05:00:01.000Z',
          message: 'paid',
          owner: '111111111111',
          logGroup: '/app/payments',
          logStream: 'stream-1',
        },
      ],
    ]);
  });

  test('URL-encoded keys from the event are decoded before reading the object', async () => {
    const encoded = KEY.replace(/=/gu, '%3D');
    const { handler, gets } = load({ [KEY]: record('/g', [{ id: 'e1', timestamp: T1, message: 'm' }]) }, (b) =>
      bulkAnswer(b),
    );
    await expect(handler(sqsEvent(encoded))).resolves.toEqual({ batchItemFailures: [] });
    expect(gets).toEqual([`archive-bucket/${KEY}`]);
  });

  test('large objects are sent in several _bulk requests of about 5 MB', async () => {
    const big = 'x'.repeat(200_000);
    const events = Array.from({ length: 40 }, (_, i) => ({ id: `e${i}`, timestamp: T1, message: big }));
    const { handler, sent } = load({ [KEY]: record('/g', events) }, (b) => bulkAnswer(b));
    await expect(handler(sqsEvent(KEY))).resolves.toEqual({ batchItemFailures: [] });
    expect(sent.length).toBe(2);
    expect(sent.flatMap((s) => pairs(s.body)).map(([a]) => (a['index'] as Json)['_id'])).toEqual(
      events.map((e) => e.id),
    );
  });
});

describe('failures', () => {
  test('throttled documents fail the message so SQS retries the whole object', async () => {
    const { handler } = load({ [KEY]: record('/g', [{ id: 'e1', timestamp: T1, message: 'm' }]) }, (b) =>
      bulkAnswer(b, 429),
    );
    await expect(handler(sqsEvent(KEY))).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
  });

  test('documents the domain rejects are logged and skipped, not retried', async () => {
    const { handler, logs } = load({ [KEY]: record('/g', [{ id: 'e1', timestamp: T1, message: 'm' }]) }, (b) =>
      bulkAnswer(b, 400),
    );
    await expect(handler(sqsEvent(KEY))).resolves.toEqual({ batchItemFailures: [] });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'rejected', count: 1 }));
  });

  test('an unavailable or forbidden domain fails the message', async () => {
    const { handler, logs } = load({ [KEY]: record('/g', [{ id: 'e1', timestamp: T1, message: 'm' }]) }, () => ({
      status: 403,
      body: '{"message":"no permissions for [indices:data/write/bulk]"}',
    }));
    await expect(handler(sqsEvent(KEY))).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'failed', id: 'msg-0' }));
  });

  test('only the failed message of a batch is returned to the queue', async () => {
    const { handler } = load({ [KEY]: record('/g', [{ id: 'e1', timestamp: T1, message: 'm' }]) }, (b) =>
      bulkAnswer(b),
    );
    await expect(handler(sqsEvent('logs/missing.json.gz', KEY))).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'msg-0' }],
    });
  });
});

describe('Signature Version 4', () => {
  type SourceData = string | ArrayBuffer | ArrayBufferView;
  const bytes = (d: SourceData): string | Uint8Array =>
    typeof d === 'string'
      ? d
      : d instanceof ArrayBuffer
        ? new Uint8Array(d)
        : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  /** The SHA-256 the signer asks for, from node:crypto. */
  class Sha256 {
    private readonly hash: { update(d: string | Uint8Array): unknown; digest(): Buffer };
    constructor(secret?: SourceData) {
      this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
    }
    update(data: SourceData): void {
      this.hash.update(bytes(data));
    }
    async digest(): Promise<Uint8Array> {
      return new Uint8Array(this.hash.digest());
    }
  }

  test('the request is signed for the es service exactly as the AWS SDK signer signs it', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { handler, sent } = load({ [KEY]: record('/g', [{ id: 'e1', timestamp: T1, message: 'm' }]) }, (b) =>
      bulkAnswer(b),
    );
    await handler(sqsEvent(KEY));
    const request = sent[0];
    if (!request) throw new Error('no request was sent');
    const headers = request.options.headers;
    const amzDate = String(headers['x-amz-date']);
    const date = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const signer = new SignatureV4({
      service: 'es',
      region: ENV.AWS_REGION,
      sha256: Sha256,
      credentials: {
        accessKeyId: ENV.AWS_ACCESS_KEY_ID,
        secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY,
        sessionToken: ENV.AWS_SESSION_TOKEN,
      },
    });
    const expected = await signer.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: HOST,
        path: '/_bulk',
        query: {},
        headers: { host: HOST, 'content-type': 'application/x-ndjson' },
        body: request.body,
      },
      { signingDate: date },
    );
    expect(headers['authorization']).toBe(expected.headers['authorization']);
    expect(headers['x-amz-security-token']).toBe(ENV.AWS_SESSION_TOKEN);
    expect(headers['content-length']).toBe(Buffer.byteLength(request.body));
  });
});
