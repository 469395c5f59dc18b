// serverless-rest-api: CRUD on items in one DynamoDB table, behind an API Gateway REST API with IAM auth.
// API Gateway has already checked the caller's signature and the body against the Item model.
// Every write is conditional, so a retried request never creates a second item or undoes a newer write.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const ddb = require('@aws-sdk/lib-dynamodb');
const { createHash, randomUUID } = require('node:crypto');

const TableName = process.env.TABLE_NAME;
const db = ddb.DynamoDBDocumentClient.from(new DynamoDBClient());
const sha = (s) => createHash('sha256').update(s).digest('hex');
const now = () => new Date().toISOString();
const reply = (statusCode, body, h) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...h },
  body: JSON.stringify(body) ?? '',
});
const fail = (code, message) => reply(code, { message });
const CHANGED = fail(412, 'item changed; read it again');
// What clients see: the item without the hash of the request that created it, and its version as ETag.
const strip = ({ requestHash: _, ...item }) => item;
const show = (code, item, h) => reply(code, strip(item), { etag: `"${item.version}"`, ...h });
const read = async (id) => (await db.send(new ddb.GetCommand({ TableName, Key: { id }, ConsistentRead: true }))).Item;
// Runs a conditional write; false when its condition failed.
const write = (cmd) =>
  db.send(cmd).then(
    () => true,
    (x) => (x.name === 'ConditionalCheckFailedException' ? false : Promise.reject(x)),
  );
const ifVersion = (v) => ({ ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': v } });

// POST /items. With an Idempotency-Key header the id comes from caller and key, so a retry finds
// the item that its first attempt wrote instead of creating a second one.
async function create(e, h, by) {
  const key = h['idempotency-key'];
  const requestHash = sha(e.body);
  const id = key ? sha(`${by}\n${key}`).slice(0, 32) : randomUUID();
  const at = now();
  // The model allows only name, description and tags in the body; the fields set here come last and win.
  const item = { ...JSON.parse(e.body), id, version: 1, createdAt: at, updatedAt: at, createdBy: by, requestHash };
  const location = `items/${id}`;
  if (await write(new ddb.PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(id)' }))) {
    return show(201, item, { location });
  }
  const old = await read(id);
  if (old?.requestHash !== requestHash) return fail(422, 'Idempotency-Key reused with another body');
  return show(201, old, { location, 'idempotent-replayed': 'true' });
}

// PUT /items/{id} replaces the fields of an existing item; with If-Match only if it is that version.
async function replace(e, h, id, by) {
  const old = await read(id);
  if (!old) return fail(404, 'no such item');
  if (h['if-match'] && h['if-match'] !== `"${old.version}"`) return CHANGED;
  const { createdAt, createdBy, requestHash, version } = old;
  const changes = { version: version + 1, updatedAt: now(), updatedBy: by };
  const item = { ...JSON.parse(e.body), id, createdAt, createdBy, requestHash, ...changes };
  if (!(await write(new ddb.PutCommand({ TableName, Item: item, ...ifVersion(version) })))) return CHANGED;
  return show(200, item);
}

// DELETE /items/{id}: a missing item also answers 204, so a retried delete succeeds.
async function remove(h, id) {
  const v = /^"(\d+)"$/.exec(h['if-match'] ?? '');
  if (!(await write(new ddb.DeleteCommand({ TableName, Key: { id }, ...(v && ifVersion(+v[1])) })))) return CHANGED;
  return reply(204);
}

// GET /items?limit=&next=: one page of a scan; next is an opaque token for the following page.
async function list(q) {
  const Limit = Math.min(Math.max(+q.limit || 25, 1), 100);
  const ExclusiveStartKey = q.next && JSON.parse(Buffer.from(q.next, 'base64url').toString());
  const out = await db.send(new ddb.ScanCommand({ TableName, Limit, ExclusiveStartKey }));
  const next = out.LastEvaluatedKey && Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url');
  return reply(200, { items: out.Items.map(strip), next });
}

async function route(e) {
  const h = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const by = e.requestContext.identity.userArn;
  const id = e.pathParameters?.id;
  switch (`${e.httpMethod} ${e.resource}`) {
    case 'GET /health':
      await read('_health');
      return reply(200, { status: 'ok' });
    case 'GET /items':
      return list(e.queryStringParameters ?? {});
    case 'POST /items':
      return create(e, h, by);
    case 'GET /items/{id}': {
      const item = await read(id);
      return item ? show(200, item) : fail(404, 'no such item');
    }
    case 'PUT /items/{id}':
      return replace(e, h, id, by);
    case 'DELETE /items/{id}':
      return remove(h, id);
  }
  return fail(404, 'no such route');
}

exports.handler = async (e) => {
  try {
    return await route(e);
  } catch (x) {
    // A next token that is not one, or an id longer than a DynamoDB key; throttling; an outage or a bug.
    // With the JSON log format, Lambda logs the error type, message and stack with its request id.
    console.error(x);
    if (/^(Syntax|Validation)/.test(x.name)) return fail(400, 'bad request');
    return /Throttl|Exceeded/.test(x.name) ? fail(503, 'busy; retry later') : fail(500, 'internal error');
  }
};
