import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLeftover, leftovers } from '../deploy/leftovers.ts';
import { SharedEmulator, type EmulatorTurn } from '../deploy/shared-emulator.ts';
import { cfnQuery, requireEmulator } from '../helpers/moto.ts';

const run = requireEmulator('the emulator the deploy suite’s entries share');

/**
 * A stack of one type moto has no model for: the emulator logs that it skipped it. The answer can come
 * before the log line has crossed the pipe from moto, so this waits for the line too.
 */
async function skipType(emulator: EmulatorTurn, type: string): Promise<void> {
  const template = JSON.stringify({ Resources: { Thing: { Type: type } } });
  await cfnQuery(emulator.emu.endpoint, 'CreateStack', {
    StackName: type.replaceAll('::', '-'),
    TemplateBody: template,
  });
  await expect.poll(() => emulator.log(), { timeout: 10_000 }).toContain(`No Moto CloudFormation support for ${type}`);
}

describe.skipIf(!run)('the emulator the deploy suite’s entries share', () => {
  const root = mkdtempSync(join(tmpdir(), 'oar-shared-emulator-'));
  const shared = new SharedEmulator(root);
  afterAll(() => {
    shared.close();
  });

  it(
    'an entry after one that verified gets the same emulator, and what that one kept under an id does not hide a new object there',
    { timeout: 60_000 },
    async () => {
      const first = await shared.turn();
      const sqs = new SQSClient({
        endpoint: first.emu.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      });
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
      await skipType(first, 'AWS::Oar::First');
      shared.end('first', first, false);

      const second = await shared.turn();
      expect(second.emu.endpoint).toBe(first.emu.endpoint);
      const before = await second.emu.inventory();
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      await sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
      const after = await second.emu.inventory();
      expect(leftovers(before, after, { physicalIds: [], snapshotServices: [] }).map(describeLeftover)).toEqual([
        expect.stringMatching(/^sqs Queue \S+\/kept \(us-east-1, in queues\)$/u),
      ]);
      await skipType(second, 'AWS::Oar::Second');
      expect(second.log()).not.toContain('AWS::Oar::First');
      shared.end('second', second, false);
      expect(existsSync(shared.logFile('second'))).toBe(false);
    },
  );

  it(
    'an entry after one that failed gets a fresh emulator, and the failed one’s log is kept',
    { timeout: 60_000 },
    async () => {
      const failed = await shared.turn();
      await skipType(failed, 'AWS::Oar::Failed');
      shared.end('failed', failed, true);
      expect(readFileSync(shared.logFile('failed'), 'utf8')).toContain('AWS::Oar::Failed');
      await expect(fetch(`${failed.emu.endpoint}/oar-api/types`)).rejects.toThrow();

      const next = await shared.turn();
      expect(next.emu.endpoint).not.toBe(failed.emu.endpoint);
      expect((await next.emu.inventory()).filter((r) => r.service === 'sqs')).toEqual([]);
      shared.end('next', next, false);
    },
  );

  it(
    'an entry after one whose turn never ended (its test timed out) gets a fresh emulator',
    { timeout: 60_000 },
    async () => {
      const hung = await shared.turn();
      const next = await shared.turn();
      expect(next.emu.endpoint).not.toBe(hung.emu.endpoint);
      shared.end('hung', hung, true);
      expect((await next.emu.types()).length).toBeGreaterThan(100);
    },
  );
});
