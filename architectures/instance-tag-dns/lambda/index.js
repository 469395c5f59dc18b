// instance-tag-dns: one Route 53 A record per running EC2 instance that carries the name tag.
// An event only names an instance; the record follows the instance's current state, so late,
// repeated and replayed events are harmless. The table remembers each record this code wrote.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const ec2 = require('@aws-sdk/client-ec2');
const r53 = require('@aws-sdk/client-route-53');
const db = require('@aws-sdk/client-dynamodb');

const { TABLE_NAME: TableName, ZONE_ID, ZONE_NAME, TAG_KEY, RECORD_TTL, ADDRESS_TYPE } = process.env;
const [EC2, R53, DDB] = [new ec2.EC2Client(), new r53.Route53Client(), new db.DynamoDBClient()];
const LABEL = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const log = (msg, fields) => console.log(JSON.stringify({ msg, ...fields }));
const filter = (Name, v) => ({ Filters: [{ Name, Values: [v] }] });

// The record the instance should have now, or null.
function wanted(id, inst) {
  if (inst?.State.Name !== 'running') return null;
  const label = inst.Tags?.find((t) => t.Key === TAG_KEY)?.Value.trim().toLowerCase();
  if (!label) return null;
  const ip = ADDRESS_TYPE === 'public' ? inst.PublicIpAddress : inst.PrivateIpAddress;
  const fqdn = `${label}.${ZONE_NAME}`;
  if (LABEL.test(label) && fqdn.length < 254 && ip) return { id, fqdn, ip, ttl: +RECORD_TTL };
  log('skipped: bad tag value or no address', { id, label });
  return null;
}

const change = (Action, r) =>
  R53.send(
    new r53.ChangeResourceRecordSetsCommand({
      HostedZoneId: ZONE_ID,
      ChangeBatch: { Changes: [{ Action, ResourceRecordSet: { Name: r.fqdn, Type: 'A', TTL: r.ttl, ResourceRecords: [{ Value: r.ip }] } }] },
    }),
  );
const key = (id) => ({ TableName, Key: { id: { S: id } } });
const forget = (id) => DDB.send(new db.DeleteItemCommand(key(id)));
const remember = (r, done) => {
  const Item = { id: { S: r.id }, fqdn: { S: r.fqdn }, ip: { S: r.ip }, ttl: { N: `${r.ttl}` }, done: { BOOL: done } };
  return DDB.send(new db.PutItemCommand({ TableName, Item }));
};

async function sync(id, inst) {
  const it = (await DDB.send(new db.GetItemCommand({ ...key(id), ConsistentRead: true }))).Item;
  const had = it && { id, fqdn: it.fqdn.S, ip: it.ip.S, ttl: +it.ttl.N, done: it.done.BOOL };
  const want = wanted(id, inst);
  const same = had && want && had.fqdn === want.fqdn;
  if (same && had.done && had.ip === want.ip && had.ttl === want.ttl) return;
  if (had && !same) {
    // DELETE must match name, TTL and value: it never removes a record someone else holds now.
    await change('DELETE', had).then(
      () => log('deleted', had),
      (e) => {
        if (e.name !== 'InvalidChangeBatch') throw e;
        log('not deleted: gone or changed', { ...had, error: e.message });
      },
    );
    await forget(id);
  }
  if (!want) return;
  await remember(want, false); // first, so no crash leaves a record the table does not know
  try {
    await change(same ? 'UPSERT' : 'CREATE', want);
  } catch (e) {
    if (e.name !== 'InvalidChangeBatch') throw e;
    await forget(id); // CREATE fails on a taken name: never take over a record we did not write
    return log('not created: name taken', { ...want, error: e.message });
  }
  await remember(want, true);
  log(same ? 'updated' : 'created', want);
}

async function reconcile() {
  const all = new Map();
  for await (const p of ec2.paginateDescribeInstances({ client: EC2 }, filter('tag-key', TAG_KEY)))
    for (const r of p.Reservations) for (const i of r.Instances) all.set(i.InstanceId, i);
  for await (const p of db.paginateScan({ client: DDB }, { TableName, ProjectionExpression: 'id' }))
    for (const i of p.Items) if (!all.has(i.id.S)) all.set(i.id.S, null);
  let failed = 0;
  for (const [id, inst] of all) await sync(id, inst).catch((e) => log('failed', { id, error: `${e}`, n: ++failed }));
  log('reconciled', { instances: all.size, failed });
  if (failed) throw new Error(`${failed} instances failed`);
}

exports.handler = async (event) => {
  if (event['detail-type'] === 'Scheduled Event') return reconcile();
  const id = event.detail['instance-id'] ?? event.resources[0].split('/').pop();
  const out = await EC2.send(new ec2.DescribeInstancesCommand(filter('instance-id', id)));
  const inst = out.Reservations[0]?.Instances[0];
  // EC2 reads are eventually consistent: retry a fresh running event the API does not show yet.
  const fresh = Date.now() - Date.parse(event.time) < 6e5;
  if (fresh && event.detail.state === 'running' && (!inst || inst.State.Name === 'pending'))
    throw new Error(`${id} not visible as running yet; Lambda retries`);
  return sync(id, inst);
};
