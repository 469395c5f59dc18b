// Runs the handler exactly as it ships inline, against in-memory EC2, Route 53 and DynamoDB
// that follow the documented semantics the handler relies on: Route 53 CREATE fails on an
// existing name, DELETE fails unless name, TTL and value all match (InvalidChangeBatch).
import { describe, expect, test } from 'vitest';
import {
  fakeClient,
  fakeCommand,
  loadInlineHandler,
  type Command,
  type Json,
} from '../../../test/helpers/lambda-fakes.ts';
import { inlineHandlerSource } from './stack.ts';

interface Instance {
  InstanceId: string;
  State: { Name: string };
  Tags?: { Key: string; Value: string }[];
  PrivateIpAddress?: string;
  PublicIpAddress?: string;
}
interface RecordSet {
  Name: string;
  Type: string;
  TTL: number;
  ResourceRecords: { Value: string }[];
}

const ZONE = 'hosts.corp.internal';
const arn = (id: string) => `arn:aws:ec2:us-east-1:123456789012:instance/${id}`;
const invalidChangeBatch = (message: string) => Object.assign(new Error(message), { name: 'InvalidChangeBatch' });

/** An account with instances, one hosted zone and the record table, plus what the handler did to them. */
class World {
  readonly instances = new Map<string, Instance>();
  readonly records = new Map<string, RecordSet>();
  readonly items = new Map<string, Json>();
  readonly changes: string[] = [];
  readonly logs: Json[] = [];
  failNextChange: Error | undefined;

  launch(id: string, ip: string, name?: string, publicIp?: string): Instance {
    const inst: Instance = { InstanceId: id, State: { Name: 'running' }, PrivateIpAddress: ip };
    if (name !== undefined) inst.Tags = [{ Key: 'dns:name', Value: name }];
    if (publicIp !== undefined) inst.PublicIpAddress = publicIp;
    this.instances.set(id, inst);
    return inst;
  }

  /** The A records as `name ttl value`, sorted. */
  zone(): string[] {
    return [...this.records.values()].map((r) => `${r.Name} ${r.TTL} ${r.ResourceRecords[0]?.Value ?? ''}`).sort();
  }

  handle(cmd: Command): Json {
    const input = cmd.input;
    switch (cmd.kind) {
      case 'DescribeInstances': {
        const [filter] = input['Filters'] as { Name: string; Values: string[] }[];
        const wanted = [...this.instances.values()].filter((i) =>
          filter?.Name === 'instance-id'
            ? filter.Values.includes(i.InstanceId)
            : (i.Tags ?? []).some((t) => filter?.Values.includes(t.Key)),
        );
        return { Reservations: wanted.map((i) => ({ Instances: [structuredClone(i)] })) };
      }
      case 'ChangeResourceRecordSets':
        return this.change(input);
      case 'GetItem': {
        const item = this.items.get(((input['Key'] as Json)['id'] as { S: string }).S);
        return item ? { Item: structuredClone(item) } : {};
      }
      case 'PutItem': {
        const item = input['Item'] as Json;
        this.items.set((item['id'] as { S: string }).S, structuredClone(item));
        return {};
      }
      case 'DeleteItem':
        this.items.delete(((input['Key'] as Json)['id'] as { S: string }).S);
        return {};
      case 'Scan':
        return { Items: [...this.items.keys()].map((id) => ({ id: { S: id } })) };
      default:
        throw new Error(`unexpected command ${cmd.kind}`);
    }
  }

  private change(input: Json): Json {
    expect(input['HostedZoneId']).toBe('Z0ZONE');
    const fail = this.failNextChange;
    this.failNextChange = undefined;
    if (fail) throw fail;
    const [change] = (input['ChangeBatch'] as { Changes: { Action: string; ResourceRecordSet: RecordSet }[] }).Changes;
    if (!change) throw new Error('empty change batch');
    const rr = change.ResourceRecordSet;
    const current = this.records.get(rr.Name);
    this.changes.push(`${change.Action} ${rr.Name} ${rr.ResourceRecords[0]?.Value ?? ''}`);
    if (change.Action === 'CREATE' && current) {
      throw invalidChangeBatch(`Tried to create resource record set [name='${rr.Name}.', type='A'] but it already exists`);
    }
    if (change.Action === 'DELETE') {
      if (!current) {
        throw invalidChangeBatch(`Tried to delete resource record set [name='${rr.Name}.', type='A'] but it was not found`);
      }
      if (JSON.stringify(current) !== JSON.stringify(rr)) {
        throw invalidChangeBatch('Tried to delete resource record set but the values provided do not match');
      }
      this.records.delete(rr.Name);
    } else {
      this.records.set(rr.Name, structuredClone(rr));
    }
    return { ChangeInfo: { Status: 'PENDING' } };
  }
}

type Handler = (event: Json) => Promise<unknown>;

/** Loads the shipped handler with fake AWS SDK modules bound to a new World. */
function load(env: Json = {}): { world: World; handler: Handler } {
  const world = new World();
  const client = fakeClient((cmd) => world.handle(cmd));
  const paginate = (kind: string, key: string) =>
    async function* (_config: unknown, input: Json): AsyncGenerator<Json> {
      const page = world.handle({ kind, input });
      yield { [key]: page[key] };
    };
  const modules: Record<string, Json> = {
    '@aws-sdk/client-ec2': {
      EC2Client: client,
      DescribeInstancesCommand: fakeCommand('DescribeInstances'),
      paginateDescribeInstances: paginate('DescribeInstances', 'Reservations'),
    },
    '@aws-sdk/client-route-53': {
      Route53Client: client,
      ChangeResourceRecordSetsCommand: fakeCommand('ChangeResourceRecordSets'),
    },
    '@aws-sdk/client-dynamodb': {
      DynamoDBClient: client,
      GetItemCommand: fakeCommand('GetItem'),
      PutItemCommand: fakeCommand('PutItem'),
      DeleteItemCommand: fakeCommand('DeleteItem'),
      paginateScan: paginate('Scan', 'Items'),
    },
  };
  const handler = loadInlineHandler(inlineHandlerSource(), modules, {
    process: {
      env: {
        TABLE_NAME: 'records',
        ZONE_ID: 'Z0ZONE',
        ZONE_NAME: ZONE,
        TAG_KEY: 'dns:name',
        RECORD_TTL: '60',
        ADDRESS_TYPE: 'private',
        ...env,
      },
    },
    console: { log: (line: string) => world.logs.push(JSON.parse(line) as Json) },
  }) as Handler;
  return { world, handler };
}

const stateChange = (id: string, state: string, ageSeconds = 0): Json => ({
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  id: `event-${id}-${state}`,
  time: new Date(Date.now() - ageSeconds * 1000).toISOString(),
  resources: [arn(id)],
  detail: { 'instance-id': id, state },
});
const tagChange = (id: string): Json => ({
  'detail-type': 'Tag Change on Resource',
  source: 'aws.tag',
  id: `tag-${id}`,
  time: new Date().toISOString(),
  resources: [arn(id)],
  detail: { 'changed-tag-keys': ['dns:name'], service: 'ec2', 'resource-type': 'instance', tags: {} },
});
const scheduled: Json = {
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  id: 'schedule',
  time: new Date().toISOString(),
  resources: [],
  detail: {},
};

describe('instance-tag-dns handler', () => {
  test('a running tagged instance gets one A record, and a repeated event changes nothing', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'Web-1');
    await handler(stateChange('i-0a', 'running'));
    await handler(stateChange('i-0a', 'running'));
    expect(world.zone()).toEqual([`web-1.${ZONE} 60 10.0.0.10`]);
    expect(world.changes).toEqual([`CREATE web-1.${ZONE} 10.0.0.10`]);
    expect(world.items.get('i-0a')).toMatchObject({ fqdn: { S: `web-1.${ZONE}` }, ip: { S: '10.0.0.10' } });
  });

  test('stopping or terminating removes the record with the remembered address, even when EC2 has forgotten it', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'web-1');
    world.launch('i-0b', '10.0.0.11', 'db');
    await handler(stateChange('i-0a', 'running'));
    await handler(stateChange('i-0b', 'running'));
    world.launch('i-0a', '10.0.0.10', 'web-1').State.Name = 'stopped';
    await handler(stateChange('i-0a', 'stopped'));
    world.instances.delete('i-0b'); // terminated long ago: DescribeInstances no longer knows it
    await handler(stateChange('i-0b', 'terminated'));
    expect(world.zone()).toEqual([]);
    expect(world.items.size).toBe(0);
  });

  test('a late running event for an instance that has stopped since does not bring the record back', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'web-1');
    await handler(stateChange('i-0a', 'running'));
    world.launch('i-0a', '10.0.0.10', 'web-1').State.Name = 'stopped';
    await handler(stateChange('i-0a', 'stopped'));
    await handler(stateChange('i-0a', 'running', 120));
    await handler(stateChange('i-0a', 'stopped'));
    expect(world.zone()).toEqual([]);
    expect(world.changes).toEqual([`CREATE web-1.${ZONE} 10.0.0.10`, `DELETE web-1.${ZONE} 10.0.0.10`]);
  });

  test('a name that is taken is never overwritten; the reconcile hands it over once it is free', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'web-1');
    world.launch('i-0b', '10.0.0.11', 'web-1');
    await handler(stateChange('i-0a', 'running'));
    await handler(stateChange('i-0b', 'running'));
    expect(world.zone()).toEqual([`web-1.${ZONE} 60 10.0.0.10`]);
    expect(world.items.has('i-0b')).toBe(false);
    expect(world.logs).toContainEqual(expect.objectContaining({ msg: 'not created: name taken', id: 'i-0b' }));

    world.launch('i-0a', '10.0.0.10', 'web-1').State.Name = 'stopped';
    await handler(stateChange('i-0a', 'stopped'));
    await handler(scheduled);
    expect(world.zone()).toEqual([`web-1.${ZONE} 60 10.0.0.11`]);
  });

  test('a record created by hand is left alone', async () => {
    const { world, handler } = load();
    world.records.set(`db.${ZONE}`, { Name: `db.${ZONE}`, Type: 'A', TTL: 300, ResourceRecords: [{ Value: '10.9.9.9' }] });
    world.launch('i-0a', '10.0.0.10', 'db');
    await handler(stateChange('i-0a', 'running'));
    world.launch('i-0a', '10.0.0.10', 'db').State.Name = 'stopped';
    await handler(stateChange('i-0a', 'stopped'));
    expect(world.zone()).toEqual([`db.${ZONE} 300 10.9.9.9`]);
  });

  test('renaming or untagging a running instance moves or removes its record', async () => {
    const { world, handler } = load();
    const inst = world.launch('i-0a', '10.0.0.10', 'web-1');
    await handler(stateChange('i-0a', 'running'));
    inst.Tags = [{ Key: 'dns:name', Value: 'api.eu' }];
    await handler(tagChange('i-0a'));
    expect(world.zone()).toEqual([`api.eu.${ZONE} 60 10.0.0.10`]);
    inst.Tags = [];
    await handler(tagChange('i-0a'));
    expect(world.zone()).toEqual([]);
  });

  test('values that are not DNS names, and untagged instances, get no record', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'bad_name!');
    world.launch('i-0b', '10.0.0.11', '-web');
    world.launch('i-0c', '10.0.0.12');
    for (const id of ['i-0a', 'i-0b', 'i-0c']) await handler(stateChange(id, 'running'));
    expect(world.zone()).toEqual([]);
    expect(world.changes).toEqual([]);
  });

  test('a record that someone else deleted does not fail the event', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'web-1');
    await handler(stateChange('i-0a', 'running'));
    world.records.clear();
    world.instances.delete('i-0a');
    await handler(stateChange('i-0a', 'terminated'));
    expect(world.items.size).toBe(0);
    expect(world.logs).toContainEqual(expect.objectContaining({ msg: 'not deleted: gone or changed' }));
  });

  test('a fresh running event for an instance EC2 does not show yet fails, so Lambda retries it', async () => {
    const { world, handler } = load();
    await expect(handler(stateChange('i-0new', 'running'))).rejects.toThrow(/not visible as running yet/);
    world.launch('i-0new', '10.0.0.10', 'web-1').State.Name = 'pending';
    await expect(handler(stateChange('i-0new', 'running'))).rejects.toThrow(/not visible as running yet/);
    // An old event (a replay from the dead-letter queue) for an instance that is gone is simply done.
    world.instances.delete('i-0new');
    await expect(handler(stateChange('i-0new', 'running', 3600))).resolves.toBeUndefined();
  });

  test('a Route 53 failure fails the event, and the retry completes the pending change', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'web-1');
    world.failNextChange = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    await expect(handler(stateChange('i-0a', 'running'))).rejects.toThrow(/Rate exceeded/);
    expect(world.items.get('i-0a')).toMatchObject({ done: { BOOL: false } });
    await handler(stateChange('i-0a', 'running'));
    expect(world.zone()).toEqual([`web-1.${ZONE} 60 10.0.0.10`]);
    expect(world.items.get('i-0a')).toMatchObject({ done: { BOOL: true } });
  });

  test('with public addresses and a new TTL, a changed address is updated in place', async () => {
    const { world, handler } = load({ ADDRESS_TYPE: 'public', RECORD_TTL: '300' });
    world.launch('i-0a', '10.0.0.10', 'dev', '203.0.113.10');
    world.launch('i-0b', '10.0.0.11', 'no-public-ip');
    await handler(stateChange('i-0a', 'running'));
    await handler(stateChange('i-0b', 'running'));
    world.launch('i-0a', '10.0.0.10', 'dev', '203.0.113.99');
    await handler(stateChange('i-0a', 'running'));
    expect(world.zone()).toEqual([`dev.${ZONE} 300 203.0.113.99`]);
    expect(world.changes).toEqual([`CREATE dev.${ZONE} 203.0.113.10`, `UPSERT dev.${ZONE} 203.0.113.99`]);
  });

  test('the reconcile repairs lost events in both directions', async () => {
    const { world, handler } = load();
    world.launch('i-0a', '10.0.0.10', 'web-1');
    world.launch('i-0b', '10.0.0.11', 'web-2');
    await handler(stateChange('i-0a', 'running'));
    // Lost events: i-0a terminated and i-0b started without the function hearing of it.
    world.instances.delete('i-0a');
    await handler(scheduled);
    expect(world.zone()).toEqual([`web-2.${ZONE} 60 10.0.0.11`]);
    expect(world.logs).toContainEqual(expect.objectContaining({ msg: 'reconciled', instances: 2, failed: 0 }));
  });
});
