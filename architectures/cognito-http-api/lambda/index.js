// cognito-http-api: each signed-in user's items in one DynamoDB table, behind an HTTP API whose JWT
// authorizer has already checked the Cognito access token and the route's scope.
// Every key starts with the caller's sub, so a user can read and change only their own partition.
// HTTP APIs have no request validator: the body is checked here, before anything is written.
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
const strip = ({ requestHash: _, owner: __, ...item }) => item;
const show = (code, item, h) => reply(code, strip(item), { etag: `"${item.version}"`, ...h });
const read = async (owner, id) => (await db.send(new ddb.GetCommand({ TableName, Key: { owner, id }, ConsistentRead: true }))).Item;
const write = (cmd) =>
  db.send(cmd).then(
    () => true,
    (x) => (x.name === 'ConditionalCheckFailedException' ? false : Promise.reject(x)),
  );
const ifVersion = (v) => ({ ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': v } });
const text = (v, max) => typeof v === 'string' && v.length <= max;

// The body: name (1-200 characters), description (up to 2,000), tags (up to 20 unique strings of up to 50), nothing else.
function parse(e) {
  let b;
  try {
    b = JSON.parse(e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString() : e.body);
  } catch {
    return;
  }
  const { name, description, tags, ...rest } = b ?? {};
  const ok =
    typeof b === 'object' &&
    !Array.isArray(b) &&
    Object.keys(rest).length === 0 &&
    text(name, 200) &&
    name !== '' &&
    (description === undefined || text(description, 2000)) &&
    (tags === undefined || (Array.isArray(tags) && tags.length <= 20 && new Set(tags).size === tags.length && tags.every((x) => text(x, 50))));
  return ok ? { name, description, tags } : undefined;
}

// POST /items. With an Idempotency-Key the id comes from the user and the key, so a retry finds the first attempt's item.
async function create(e, body, owner) {
  const key = e.headers['idempotency-key'];
  const requestHash = sha(JSON.stringify(body));
  const id = key ? sha(`${owner}\n${key}`).slice(0, 32) : randomUUID();
  const at = now();
  const item = { ...body, owner, id, version: 1, createdAt: at, updatedAt: at, requestHash };
  const location = `items/${id}`;
  if (await write(new ddb.PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(id)' }))) {
    return show(201, item, { location });
  }
  const old = await read(owner, id);
  if (old?.requestHash !== requestHash) return fail(422, 'Idempotency-Key reused with another body');
  return show(201, old, { location, 'idempotent-replayed': 'true' });
}

// PUT /items/{id} replaces the fields of one of the user's items; with If-Match only if it is that version.
async function replace(e, body, owner, id) {
  const old = await read(owner, id);
  if (!old) return fail(404, 'no such item');
  if (e.headers['if-match'] && e.headers['if-match'] !== `"${old.version}"`) return CHANGED;
  const { createdAt, requestHash, version } = old;
  const item = { ...body, owner, id, createdAt, requestHash, version: version + 1, updatedAt: now() };
  if (!(await write(new ddb.PutCommand({ TableName, Item: item, ...ifVersion(version) })))) return CHANGED;
  return show(200, item);
}

// DELETE /items/{id}: a missing item also answers 204, so a retried delete succeeds.
async function remove(e, owner, id) {
  const v = /^"(\d+)"$/.exec(e.headers['if-match'] ?? '');
  if (!(await write(new ddb.DeleteCommand({ TableName, Key: { owner, id }, ...(v && ifVersion(+v[1])) })))) return CHANGED;
  return reply(204);
}

// GET /items?limit=&next=: one page of the user's own partition; next is an opaque token for the following page.
async function list(q, owner) {
  const Limit = Math.min(Math.max(+q.limit || 25, 1), 100);
  const ExclusiveStartKey = q.next && { owner, id: Buffer.from(q.next, 'base64url').toString() };
  const out = await db.send(
    new ddb.QueryCommand({ TableName, KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': owner }, Limit, ExclusiveStartKey }),
  );
  const next = out.LastEvaluatedKey && Buffer.from(out.LastEvaluatedKey.id).toString('base64url');
  return reply(200, { items: out.Items.map(strip), next });
}

async function route(e) {
  e.headers = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (e.routeKey === 'GET /health') {
    await read('_health', '_health');
    return reply(200, { status: 'ok' });
  }
  const owner = e.requestContext.authorizer?.jwt?.claims?.sub;
  if (!owner) return fail(401, 'no user');
  const id = e.pathParameters?.id;
  const body = /^(POST|PUT) /.test(e.routeKey) && parse(e);
  if (body === undefined) return fail(400, 'body must be {name, description?, tags?}');
  switch (e.routeKey) {
    case 'GET /items':
      return list(e.queryStringParameters ?? {}, owner);
    case 'POST /items':
      return create(e, body, owner);
    case 'GET /items/{id}': {
      const item = await read(owner, id);
      return item ? show(200, item) : fail(404, 'no such item');
    }
    case 'PUT /items/{id}':
      return replace(e, body, owner, id);
    case 'DELETE /items/{id}':
      return remove(e, owner, id);
  }
  return fail(404, 'no such route');
}

exports.handler = async (e) => {
  try {
    return await route(e);
  } catch (x) {
    console.error(x);
    if (/^(Syntax|Validation)/.test(x.name)) return fail(400, 'bad request');
    return /Throttl|Exceeded/.test(x.name) ? fail(503, 'busy; retry later') : fail(500, 'internal error');
  }
};
