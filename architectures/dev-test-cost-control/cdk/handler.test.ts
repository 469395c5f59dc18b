// Runs the reaper and the instance scheduler exactly as they ship inline, against fake Service Catalog, SNS and
// EC2 clients that record the calls.
import { describe, expect, test } from 'vitest';
import { fakeClient, fakeCommands, loadInlineHandler, type Command, type Json } from '../../../test/helpers/lambda-fakes.ts';
import { inlineSource } from './cost-control.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 6);

function reaper(products: Json[]) {
  const calls: Command[] = [];
  const modules = {
    '@aws-sdk/client-service-catalog': {
      ServiceCatalogClient: fakeClient((cmd) => {
        calls.push(cmd);
        if (cmd.kind === 'SearchProvisionedProducts') {
          const page = cmd.input['PageToken'] === undefined ? 0 : 1;
          return page === 0 ? { ProvisionedProducts: products.slice(0, 2), NextPageToken: 'p2' } : { ProvisionedProducts: products.slice(2) };
        }
        return {};
      }),
      ...fakeCommands('SearchProvisionedProducts', 'TerminateProvisionedProduct'),
    },
    '@aws-sdk/client-sns': {
      SNSClient: fakeClient((cmd) => {
        calls.push(cmd);
        return {};
      }),
      ...fakeCommands('Publish'),
    },
  };
  const FakeDate = class extends Date {
    static override now(): number {
      return NOW;
    }
  };
  const handler = loadInlineHandler(inlineSource('reaper.js'), modules, {
    process: { env: { GRACE_DAYS: '2', TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:events' } },
    Date: FakeDate,
    JSON,
    Number,
  }) as () => Promise<{ expiring: Json[]; terminated: string[] }>;
  return { handler, calls };
}

const product = (name: string, ageDays: number, lifetime: string | undefined, status = 'AVAILABLE'): Json => ({
  Id: `pp-${name}`,
  Name: name,
  Status: status,
  CreatedTime: new Date(NOW - ageDays * DAY).toISOString(),
  Tags: lifetime === undefined ? [] : [{ Key: 'expires-after', Value: lifetime }],
});

describe('reaper', () => {
  test('announces expired products, terminates them after the grace period, and leaves the rest', async () => {
    const { handler, calls } = reaper([
      product('fresh', 3, '7d'),
      product('expired', 8, '7d'),
      product('past-grace', 10, '7d'),
      product('forever', 400, 'never'),
      product('untagged', 400, undefined),
      product('busy', 10, '7d', 'UNDER_CHANGE'),
    ]);
    const result = await handler();
    expect(result.terminated).toEqual(['past-grace']);
    expect(result.expiring.map((e) => e['name'])).toEqual(['expired']);
    const terminate = calls.filter((c) => c.kind === 'TerminateProvisionedProduct');
    expect(terminate.map((c) => c.input)).toEqual([{ ProvisionedProductId: 'pp-past-grace', TerminateToken: 'reaper-pp-past-grace' }]);
    const search = calls.filter((c) => c.kind === 'SearchProvisionedProducts');
    expect(search).toHaveLength(2);
    expect(search[0]?.input['AccessLevelFilter']).toEqual({ Key: 'Account', Value: 'self' });
    const [publish] = calls.filter((c) => c.kind === 'Publish');
    expect(publish?.input['TopicArn']).toBe('arn:aws:sns:us-east-1:123456789012:events');
  });

  test('publishes nothing when nothing expired', async () => {
    const { handler, calls } = reaper([product('fresh', 1, '30d')]);
    await handler();
    expect(calls.filter((c) => c.kind === 'Publish')).toEqual([]);
  });
});

describe('instance scheduler', () => {
  function scheduler(instances: Json[]) {
    const calls: Command[] = [];
    const modules = {
      '@aws-sdk/client-ec2': {
        EC2Client: fakeClient((cmd) => {
          calls.push(cmd);
          if (cmd.kind === 'DescribeInstances') return { Reservations: [{ Instances: instances }] };
          return {};
        }),
        ...fakeCommands('DescribeInstances', 'StopInstances', 'StartInstances'),
      },
    };
    const handler = loadInlineHandler(inlineSource('scheduler.js'), modules, {
      process: { env: { TAG_KEY: 'schedule', TAG_VALUE: 'office-hours' } },
    }) as (event: Json) => Promise<{ instances: string[] }>;
    return { handler, calls };
  }

  test('stops the tagged running instances, but not Auto Scaling group members', async () => {
    const { handler, calls } = scheduler([
      { InstanceId: 'i-1', Tags: [{ Key: 'schedule', Value: 'office-hours' }] },
      { InstanceId: 'i-2', Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web' }] },
    ]);
    expect((await handler({ action: 'stop' })).instances).toEqual(['i-1']);
    const describe = calls.find((c) => c.kind === 'DescribeInstances');
    expect(describe?.input['Filters']).toEqual([
      { Name: 'tag:schedule', Values: ['office-hours'] },
      { Name: 'instance-state-name', Values: ['running'] },
    ]);
    expect(calls.filter((c) => c.kind === 'StopInstances').map((c) => c.input)).toEqual([{ InstanceIds: ['i-1'] }]);
  });

  test('starts stopped instances in batches of 50, and refuses unknown actions', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ InstanceId: `i-${i}`, Tags: [] }));
    const { handler, calls } = scheduler(many);
    await handler({ action: 'start' });
    expect(calls.filter((c) => c.kind === 'StartInstances').map((c) => (c.input['InstanceIds'] as string[]).length)).toEqual([50, 50, 20]);
    await expect(handler({ action: 'reboot' })).rejects.toThrow(/unknown action/u);
  });
});
