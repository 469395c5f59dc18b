// multi-region-active-passive: the web tier of one Region, behind its load balancer.
// GET /health reads the Region's replica of the global table; in the primary it also fails while the
// Region does not accept writes, so that Route 53 keeps traffic away from a primary that stood down.
// GET /items/{id} reads an item; PUT /items/{id} writes one while the SSM parameter says "true".
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const db = require('@aws-sdk/client-dynamodb');
const ssm = require('@aws-sdk/client-ssm');

const { TABLE_NAME: TableName, WRITES_PARAMETER, ROLE, AWS_REGION: region } = process.env;
const [DDB, SSM] = [new db.DynamoDBClient(), new ssm.SSMClient()];
const ID = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_BODY = 16384;
let writes = { on: false, at: 0 };

const log = (msg, fields) => console.log(JSON.stringify({ msg, region, ...fields }));
const reply = (statusCode, body, headers) => ({
  statusCode,
  isBase64Encoded: false,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

// Whether this Region takes writes; read at most every 10 s, and "no" if never read.
async function writesOn() {
  if (Date.now() - writes.at < 10000) return writes.on;
  try {
    const out = await SSM.send(new ssm.GetParameterCommand({ Name: WRITES_PARAMETER }));
    writes = { on: out.Parameter?.Value === 'true', at: Date.now() };
  } catch (e) {
    log('writes flag unreadable, keeping the last value', { error: e.name, on: writes.on });
  }
  return writes.on;
}

const key = (id) => ({ TableName, Key: { id: { S: id } } });

async function health() {
  try {
    await DDB.send(new db.GetItemCommand(key('_health')));
    const on = await writesOn();
    if (ROLE === 'primary' && !on) return reply(503, { status: 'standing down', region, role: ROLE, writes: on });
    return reply(200, { status: 'ok', region, role: ROLE, writes: on });
  } catch (e) {
    log('health check failed', { error: e.name });
    return reply(503, { status: 'unavailable', region, error: e.name });
  }
}

async function getItem(id) {
  const out = await DDB.send(new db.GetItemCommand(key(id)));
  if (!out.Item) return reply(404, { error: 'not found', id, region });
  const i = out.Item;
  return reply(200, { id, value: i.value?.S, updatedAt: i.updatedAt?.S, updatedIn: i.updatedIn?.S, servedBy: region });
}

async function putItem(id, event) {
  if (!(await writesOn())) {
    return reply(503, { error: 'this Region does not accept writes now', region, role: ROLE }, { 'retry-after': '30' });
  }
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (body.length > MAX_BODY) return reply(413, { error: `body over ${MAX_BODY} bytes` });
  const updatedAt = new Date().toISOString();
  const Item = { id: { S: id }, value: { S: body }, updatedAt: { S: updatedAt }, updatedIn: { S: region } };
  await DDB.send(new db.PutItemCommand({ TableName, Item }));
  log('item written', { id, bytes: body.length });
  return reply(200, { id, updatedAt, updatedIn: region });
}

exports.handler = async (event) => {
  const method = event.httpMethod;
  const path = event.path ?? '/';
  try {
    if (path === '/health' && (method === 'GET' || method === 'HEAD')) return await health();
    if (path === '/' && method === 'GET') {
      return reply(200, { service: 'multi-region-active-passive', region, role: ROLE, writes: await writesOn() });
    }
    const m = /^\/items\/([^/]+)$/.exec(path);
    if (!m) return reply(404, { error: 'no such path', path });
    const id = ID.test(m[1]) ? m[1] : '';
    if (!id) return reply(400, { error: 'id must be 1 to 128 letters, digits, dots, dashes or underscores' });
    if (method === 'GET') return await getItem(id);
    if (method === 'PUT') return await putItem(id, event);
    return reply(405, { error: 'use GET or PUT' }, { allow: 'GET, PUT' });
  } catch (e) {
    log('request failed', { error: e.name, message: e.message, path, method });
    return reply(503, { error: 'temporarily unavailable', region });
  }
};
