import {
  emulatorEnv,
  emulatorTypes,
  motoVersion,
  MOTO_INSTALL,
  startEmulator,
  type Emulator,
} from '../../generators/emulator/emulator.ts';
import { createServer } from 'node:net';
import { withEnv } from './with-env.ts';

/**
 * For tests that need the local emulator (moto with oar's models): true to run. Without moto they
 * are skipped with a loud message; CI sets OAR_REQUIRE_EMULATOR=1, which turns the skip into a failure.
 */
export function requireEmulator(what: string): boolean {
  const found = motoVersion();
  if ('version' in found) return true;
  const message = `${found.problem}, so "${what}" cannot run. Install it with ${MOTO_INSTALL}.`;
  if (process.env['OAR_REQUIRE_EMULATOR'] === '1')
    throw new Error(`${message} OAR_REQUIRE_EMULATOR=1 forbids skipping.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

/** The emulator's types, kept with oar check, which reports entries it cannot deploy there as synth-only. */
export { EMULATED_TYPES as MOTO_CFN_TYPES } from '../../generators/check/emulator-types.ts';

/** The CloudFormation resource types the emulator (moto and oar's models) creates; moto silently skips all others. */
export function motoSupportedTypes(): ReadonlySet<string> {
  return new Set(emulatorTypes());
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running emulator on a free loopback port. */
export interface Moto extends Emulator {
  reset(): Promise<void>;
}

/** Starts the emulator (generators/emulator/launch.py, as `oar emulator` runs it) and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const emu = await startEmulator(await freePort());
  return {
    ...emu,
    reset: async () => {
      await fetch(`${emu.endpoint}/moto-api/reset`, { method: 'POST' });
    },
  };
}

/** Points the AWS SDK (and so toolkit-lib) at moto with test credentials; returns a function that undoes it. */
export function useEmulatorEnv(endpoint: string): () => void {
  return withEnv(emulatorEnv(endpoint));
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
