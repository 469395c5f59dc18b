// Indexes the log events of archived objects into OpenSearch, one document per log event.
// Each SQS message is an EventBridge "Object Created" event for one object that Firehose wrote:
// gzip, one CloudWatch Logs record (owner, logGroup, logStream, logEvents) per line.
// Document ids are the CloudWatch Logs event ids, so indexing an object again changes nothing.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { gunzipSync } = require('node:zlib');
const { createHash, createHmac } = require('node:crypto');
const https = require('node:https');
const s3 = new S3Client({});
const HOST = process.env.DOMAIN_ENDPOINT;
const PREFIX = process.env.INDEX_PREFIX;
const CHUNK = 5e6;
const sha = (d) => createHash('sha256').update(d).digest('hex');
const hmac = (k, d) => createHmac('sha256', k).update(d).digest();
// Signature Version 4 for the es service, with the function's own credentials.
const sign = (body, now) => {
  const t = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const env = process.env;
  const h = {
    'content-type': 'application/x-ndjson',
    host: HOST,
    'x-amz-content-sha256': sha(body),
    'x-amz-date': t,
  };
  if (env.AWS_SESSION_TOKEN) h['x-amz-security-token'] = env.AWS_SESSION_TOKEN;
  const names = Object.keys(h).sort();
  const canonical = [
    'POST',
    '/_bulk',
    '',
    ...names.map((n) => `${n}:${h[n]}`),
    '',
    names.join(';'),
    h['x-amz-content-sha256'],
  ];
  const scope = `${t.slice(0, 8)}/${env.AWS_REGION}/es/aws4_request`;
  let key = 'AWS4' + env.AWS_SECRET_ACCESS_KEY;
  for (const part of [t.slice(0, 8), env.AWS_REGION, 'es', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key)
    .update(['AWS4-HMAC-SHA256', t, scope, sha(canonical.join('\n'))].join('\n'))
    .digest('hex');
  h.authorization = `AWS4-HMAC-SHA256 Credential=${env.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return h;
};
const post = (body) =>
  new Promise((resolve, reject) => {
    const headers = { ...sign(body, new Date()), 'content-length': Buffer.byteLength(body) };
    const req = https.request({ host: HOST, path: '/_bulk', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
// Bulk lines for one object: an index action and a document per DATA_MESSAGE log event.
const bulkLines = (text) => {
  const lines = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    if (r.messageType !== 'DATA_MESSAGE') continue;
    const { owner, logGroup, logStream } = r;
    for (const e of r.logEvents) {
      const at = new Date(e.timestamp).toISOString();
      lines.push(JSON.stringify({ index: { _index: PREFIX + at.slice(0, 10).replace(/-/g, '.'), _id: e.id } }));
      lines.push(JSON.stringify({ '@timestamp': at, message: e.message, owner, logGroup, logStream }));
    }
  }
  return lines;
};
async function send(lines) {
  const res = await post(lines.join('\n') + '\n');
  if (res.status !== 200) throw new Error(`bulk returned ${res.status}: ${res.text.slice(0, 300)}`);
  const items = JSON.parse(res.text).items.map((i) => i.index);
  // Throttling and server errors are retried with the whole object; rejected documents are logged and skipped.
  const retry = items.filter((i) => i.status === 429 || i.status >= 500);
  if (retry.length) throw new Error(`${retry.length} not indexed: ${JSON.stringify(retry[0].error)}`);
  const rejected = items.filter((i) => i.status >= 300);
  if (rejected.length)
    console.log(JSON.stringify({ msg: 'rejected', count: rejected.length, error: rejected[0].error }));
  return items.length - rejected.length;
}
async function indexObject(detail) {
  const raw = detail.object.key;
  // Object keys in S3 events may be URL-encoded; Firehose keys never contain a literal %.
  const key = raw.includes('%') ? decodeURIComponent(raw) : raw;
  const obj = await s3.send(new GetObjectCommand({ Bucket: detail.bucket.name, Key: key }));
  const lines = bulkLines(gunzipSync(await obj.Body.transformToByteArray()).toString());
  let indexed = 0;
  let start = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i += 2) {
    size += lines[i].length + lines[i + 1].length;
    if (size > CHUNK) {
      indexed += await send(lines.slice(start, i + 2));
      start = i + 2;
      size = 0;
    }
  }
  if (start < lines.length) indexed += await send(lines.slice(start));
  console.log(JSON.stringify({ msg: 'indexed', key, docs: indexed }));
}
// Partial batch response: only the messages whose object failed return to the queue.
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await indexObject(JSON.parse(record.body).detail);
    } catch (e) {
      console.log(JSON.stringify({ msg: 'failed', id: record.messageId, error: String(e) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
