// multi-region-active-active: the web tier of one Region, behind its load balancer; both Regions take writes.
// GET /health reads the Region's replica of the global table and fails while the Region is evacuated, so that
// Route 53 latency routing sends its users to the other Region. GET /items/{id} reads an item; PUT /items/{id}
// writes one while the Region's in-service flag is "true". A write that DynamoDB refuses because another Region
// is writing the same item (multi-Region strong consistency) answers 409 and is counted in embedded metric format.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const db = require('@aws-sdk/client-dynamodb');
const ssm = require('@aws-sdk/client-ssm');

const { TABLE_NAME: TableName, IN_SERVICE_PARAMETER, ROLE, AWS_REGION: region } = process.env;
const [DDB, SSM] = [new db.DynamoDBClient(), new ssm.SSMClient()];
const ID = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_BODY = 16384;
let serving = { on: false, at: 0 };

const log = (msg, fields) => console.log(JSON.stringify({ msg, region, ...fields }));
const reply = (statusCode, body, headers) => ({
  statusCode,
  isBase64Encoded: false,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

// One WriteConflicts data point, as a log line CloudWatch turns into a metric (embedded metric format).
function countConflict(id) {
  const _aws = {
    Timestamp: Date.now(),
    CloudWatchMetrics: [
      { Namespace: 'MultiRegionActiveActive', Dimensions: [['Region']], Metrics: [{ Name: 'WriteConflicts', Unit: 'Count' }] },
    ],
  };
  console.log(JSON.stringify({ msg: 'write conflict', _aws, Region: region, WriteConflicts: 1, id }));
}

// Whether this Region is in service; read at most every 10 s, and "no" if never read.
async function inService() {
  if (Date.now() - serving.at < 10000) return serving.on;
  try {
    const out = await SSM.send(new ssm.GetParameterCommand({ Name: IN_SERVICE_PARAMETER }));
    serving = { on: out.Parameter?.Value === 'true', at: Date.now() };
  } catch (e) {
    log('in-service flag unreadable, keeping the last value', { error: e.name, on: serving.on });
  }
  return serving.on;
}

const key = (id) => ({ TableName, Key: { id: { S: id } } });

async function health() {
  try {
    await DDB.send(new db.GetItemCommand({ ...key('_health'), ConsistentRead: true }));
    const on = await inService();
    if (!on) return reply(503, { status: 'evacuated', region, role: ROLE });
    return reply(200, { status: 'ok', region, role: ROLE });
  } catch (e) {
    log('health check failed', { error: e.name });
    return reply(503, { status: 'unavailable', region, error: e.name });
  }
}

async function getItem(id) {
  const out = await DDB.send(new db.GetItemCommand({ ...key(id), ConsistentRead: true }));
  if (!out.Item) return reply(404, { error: 'not found', id, region });
  const i = out.Item;
  return reply(200, { id, value: i.value?.S, updatedAt: i.updatedAt?.S, updatedIn: i.updatedIn?.S, servedBy: region });
}

async function putItem(id, event) {
  if (!(await inService())) {
    return reply(503, { error: 'this Region is evacuated', region }, { 'retry-after': '30' });
  }
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (body.length > MAX_BODY) return reply(413, { error: `body over ${MAX_BODY} bytes` });
  const updatedAt = new Date().toISOString();
  const Item = { id: { S: id }, value: { S: body }, updatedAt: { S: updatedAt }, updatedIn: { S: region } };
  try {
    await DDB.send(new db.PutItemCommand({ TableName, Item }));
  } catch (e) {
    if (e.name !== 'ReplicatedWriteConflictException') throw e;
    countConflict(id);
    return reply(409, { error: 'another Region is writing this item; retry', id, region }, { 'retry-after': '1' });
  }
  log('item written', { id, bytes: body.length });
  return reply(200, { id, updatedAt, updatedIn: region });
}

exports.handler = async (event) => {
  const method = event.httpMethod;
  const path = event.path ?? '/';
  try {
    if (path === '/health' && (method === 'GET' || method === 'HEAD')) return await health();
    if (path === '/' && method === 'GET') {
      return reply(200, { service: 'multi-region-active-active', region, role: ROLE, inService: await inService() });
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
