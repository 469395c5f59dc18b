import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandUrl, requireSmokePassed, runSmokeTests } from '../../generators/deploy/smoke-tests.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  // /ok answers 200, anything else 503, as a load balancer does before its targets are healthy.
  server = createServer((req, res) => {
    res.writeHead(req.url === '/ok' ? 200 : 503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const test = (name: string, url: string) => ({ name, http: { url, expectStatus: 200 } });

describe('smoke tests after a deploy', () => {
  it('put the stack outputs into the URL, and name an output the stack did not return (OAR314)', () => {
    expect(expandUrl('${outputs.Url}/ok', { Url: 'http://x' })).toBe('http://x/ok');
    expect(() => expandUrl('${outputs.Missing}/ok', {})).toThrow(
      expect.objectContaining({
        code: 'OAR314',
        message:
          'the stack returned no output Missing, which the URL ${outputs.Missing}/ok uses; add a CfnOutput named Missing to the stack',
      }) as Error,
    );
  });

  it('pass on the expected status, fail on another after retrying, and fail without the output', async () => {
    const attempts: string[] = [];
    const results = await runSmokeTests(
      [test('home', '${outputs.Url}/ok'), test('health', '${outputs.Url}/health'), test('api', '${outputs.Api}/')],
      { Url: base },
      { timeoutMs: 50, intervalMs: 10, onAttempt: (line) => attempts.push(line) },
    );
    expect(results.map((r) => [r.name, r.ok, r.detail])).toEqual([
      ['home', true, 'HTTP 200, expected 200'],
      ['health', false, 'HTTP 503, expected 200'],
      [
        'api',
        false,
        'the stack returned no output Api, which the URL ${outputs.Api}/ uses; add a CfnOutput named Api to the stack',
      ],
    ]);
    expect(attempts.length).toBeGreaterThan(0);
    expect(() => {
      requireSmokePassed('oar-web--pr-1', results);
    }).toThrow(
      expect.objectContaining({
        code: 'OAR314',
        message: expect.stringMatching(
          /^2 smoke test\(s\) failed against oar-web--pr-1: health: HTTP 503, expected 200; api: the stack returned no output Api/u,
        ) as unknown,
      }) as Error,
    );
    expect(() => {
      requireSmokePassed('oar-web--pr-1', results.slice(0, 1));
    }).not.toThrow();
  });
});
