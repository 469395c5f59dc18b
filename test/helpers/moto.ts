import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { withEnv } from './with-env.ts';

/**
 * For tests that need the moto AWS emulator: true to run. Without moto_server
 * they are skipped with a loud message; CI sets OAR_REQUIRE_EMULATOR=1, which
 * turns the skip into a failure.
 */
export function requireEmulator(what: string): boolean {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (probe.status === 0) return true;
  const message = `moto_server is not installed, so "${what}" cannot run. Install it with pip install "moto[server]".`;
  if (process.env['OAR_REQUIRE_EMULATOR'] === '1')
    throw new Error(`${message} OAR_REQUIRE_EMULATOR=1 forbids skipping.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

/** The emulator's types, kept with oar check, which reports entries it cannot deploy there as synth-only. */
export { EMULATED_TYPES as MOTO_CFN_TYPES } from '../../generators/check/emulator-types.ts';

/** The CloudFormation resource types the installed moto can create; it silently skips all others. */
export function motoSupportedTypes(): ReadonlySet<string> {
  const out = spawnSync(
    'python3',
    ['-c', "from moto.cloudformation.parsing import get_model_map; print('\\n'.join(get_model_map()))"],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`cannot list moto's CloudFormation types: ${out.stderr}`);
  // AWS::SERVICE::RESOURCE is a placeholder in moto's model map, not a type.
  return new Set(out.stdout.split('\n').filter((t) => t.startsWith('AWS::') && t !== 'AWS::SERVICE::RESOURCE'));
}

/** A running moto_server on a free loopback port, stopped by PID. */
export interface Moto {
  /** http://localhost:<port>: moto resolves uploaded template URLs only when they say localhost. */
  readonly endpoint: string;
  reset(): Promise<void>;
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts moto_server and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok || res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`moto_server did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop: () => {
      child.kill();
    },
  };
}

/** Points the AWS SDK (and so toolkit-lib) at moto with test credentials; returns a function that undoes it. */
export function useEmulatorEnv(endpoint: string): () => void {
  const vars: Record<string, string> = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
  };
  return withEnv(vars);
}

/** Calls a CloudFormation query action on the emulator and returns its XML answer. */
export async function cfnQuery(endpoint: string, action: string, params: Record<string, string> = {}): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: '2010-05-15', ...params });
  const res = await fetch(endpoint, {
    method: 'POST',
    body,
    headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudformation/aws4_request' },
  });
  return res.text();
}

/** Every stack the emulator knows, deleted ones included, as "name status". */
export async function listStacks(endpoint: string): Promise<string[]> {
  const xml = await cfnQuery(endpoint, 'ListStacks');
  return [...xml.matchAll(/<StackName>([^<]*)<\/StackName>[\s\S]*?<StackStatus>([^<]*)<\/StackStatus>/gu)].map(
    (m) => `${m[1] ?? ''} ${m[2] ?? ''}`,
  );
}
