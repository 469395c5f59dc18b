import { describe, expect, it } from 'vitest';
import type { InventoryRow } from '../../generators/emulator/emulator.ts';
import { mergeEmulatorReport, type EmulatorRun } from '../../lib/report/emulator-report.ts';
import { describeLeftover, leftovers } from '../deploy/leftovers.ts';

const row = (service: string, collection: string, id: string, state = '', ref = 1): InventoryRow => ({
  service,
  account: '123456789012',
  region: 'us-east-1',
  collection,
  type: 'T',
  id,
  state,
  ref,
});
const none = { physicalIds: [], snapshotServices: [] };

describe('what a destroy left in the emulator', () => {
  const before = [row('ec2', 'vpcs', 'vpc-default'), row('events', 'event_buses', 'default')];

  it('is every resource that was not there before the deploy', () => {
    const after = [...before, row('sqs', 'queues', 'https://localhost/123456789012/jobs-dlq')];
    expect(leftovers(before, after, none).map(describeLeftover)).toEqual([
      'sqs T https://localhost/123456789012/jobs-dlq (us-east-1, in queues)',
    ]);
    expect(leftovers(before, before, none)).toEqual([]);
  });

  it('is a new object under the id of one that was there before, as an earlier entry kept it', () => {
    const kept = row('logs', 'groups', '/oar/app', '', 7);
    const after = [...before, kept, row('logs', 'groups', '/oar/app', '', 9)];
    expect(leftovers([...before, kept], after, none).map((r) => `${r.id} ${r.ref}`)).toEqual(['/oar/app 9']);
    expect(leftovers([...before, kept], [...before, kept], none)).toEqual([]);
  });

  it('is not a resource kept by a retain policy, named by its physical id, or the bootstrap stack', () => {
    const after = [
      row('s3', 'buckets', 'arn:aws:s3:::audit-logs-1'),
      row('iam', 'roles', 'arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role'),
      row('s3', 'buckets', 'arn:aws:s3:::other'),
    ];
    const allowed = { physicalIds: ['audit-logs-1', 'cdk-hnb659fds-deploy-role'], snapshotServices: [] };
    expect(leftovers([], after, allowed).map((r) => r.id)).toEqual(['arn:aws:s3:::other']);
  });

  it('is not a snapshot that a Snapshot policy declared, in that service only', () => {
    const after = [row('rds', 'cluster_snapshots', 'final-1'), row('ec2', 'snapshots', 'snap-1')];
    expect(leftovers([], after, { physicalIds: [], snapshotServices: ['rds'] }).map((r) => r.id)).toEqual(['snap-1']);
  });

  it('is not a resource AWS still lists on its way out: a terminated instance, a key pending deletion', () => {
    const after = [
      row('ec2', 'reservations', 'i-1', 'terminated'),
      row('kms', 'keys', 'k-1', 'PendingDeletion'),
      row('ec2', 'reservations', 'i-2', 'running'),
    ];
    expect(leftovers([], after, none).map((r) => r.id)).toEqual(['i-2']);
  });
});

describe('merging emulator runs into the report', () => {
  const run = (id: string, version = '1.0.0'): EmulatorRun => ({
    id,
    version,
    status: 'verified',
    deployedAt: '2026-12-07T00:00:00.000Z',
    ms: 1,
    resources: 1,
    readBacks: 1,
    redeployNoOp: true,
    leftovers: [],
    unemulated: [],
    problems: [],
  });
  const versions = { moto: '5.2.1', cdkVersion: '2.276.0' };

  it("replaces an entry's earlier run and keeps the others, sorted", () => {
    const earlier = { ...versions, entries: [run('b'), run('a', '0.9.0')] };
    expect(mergeEmulatorReport(earlier, [run('a')], versions).entries.map((e) => `${e.id}@${e.version}`)).toEqual([
      'a@1.0.0',
      'b@1.0.0',
    ]);
  });

  it('drops runs made on another moto', () => {
    const earlier = { moto: '5.1.0', cdkVersion: '2.276.0', entries: [run('b')] };
    expect(mergeEmulatorReport(earlier, [run('a')], versions).entries.map((e) => e.id)).toEqual(['a']);
  });
});
