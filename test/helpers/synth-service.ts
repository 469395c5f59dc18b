// The entries project's globalSetup: one pool of synth workers for every entry test file, served on loopback,
// so a file that synthesizes other parameter sets does not start (and load aws-cdk-lib in) a worker of its own.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { SynthRequest } from '../../generators/synth/synth-entry.ts';
import { defaultJobs, openSynthPool } from '../../generators/synth/synth-pool.ts';

/** Starts the pool and its server; the function it returns stops both. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pool = openSynthPool(defaultJobs(Number.POSITIVE_INFINITY));
  const server = createServer((req, res) => {
    // One connection per request. A kept-alive socket that this server closes after its 5-s idle timeout,
    // just as the client reuses it, fails the next synth with "fetch failed"; entries deployed on a shared
    // emulator ask about 5 s apart, and under load the race was lost (bedrock-rag, cicd-catalogue-pipeline).
    res.setHeader('connection', 'close');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requests = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SynthRequest[];
      void pool.run(requests).then(
        (replies) => res.end(JSON.stringify(replies)),
        (error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('synthService', `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    pool.close();
  };
}
