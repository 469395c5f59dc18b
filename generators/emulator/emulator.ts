import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OarError } from '../../lib/diagnostics.ts';

/** The moto these models are written for, and the command that installs it. */
export const MOTO_VERSION = '5.2.1';
export const MOTO_INSTALL = `pip install "moto[server]==${MOTO_VERSION}"`;

/** launch.py: moto's server with the oar_moto CloudFormation models (generators/emulator/oar_moto). */
export const LAUNCHER = fileURLToPath(new URL('launch.py', import.meta.url));

/** The Python that has moto: OAR_PYTHON, else python3. */
export function emulatorPython(): string {
  return process.env['OAR_PYTHON'] ?? 'python3';
}

/** The installed moto's version, or why there is none usable (OAR336). */
export function motoVersion(): { version: string } | { problem: string } {
  const python = emulatorPython();
  const probe = spawnSync(python, ['-c', 'import moto, flask, werkzeug; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.error) return { problem: `${python} is not on PATH (${probe.error.message})` };
  if (probe.status !== 0) return { problem: `moto's server is not installed for ${python}` };
  return { version: probe.stdout.trim() };
}

/** Throws OAR336 with the install command when the emulator cannot run here. */
export function requireMoto(): string {
  const found = motoVersion();
  if ('problem' in found) {
    throw new OarError(
      'OAR336',
      `the local emulator needs moto: ${found.problem}; install it with ${MOTO_INSTALL} (or set OAR_PYTHON to a Python that has it)`,
    );
  }
  return found.version;
}

/** The launcher's command line, for a caller that runs it itself. */
export function emulatorArgs(port: number, host = '127.0.0.1'): string[] {
  return [LAUNCHER, '-H', host, '-p', String(port)];
}

/** The CloudFormation types the emulator creates (moto's models and oar_moto's), from the launcher itself. */
export function emulatorTypes(): string[] {
  const listed = spawnSync(emulatorPython(), [LAUNCHER, '--list-types'], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`cannot list the emulator's CloudFormation types: ${listed.stderr}`);
  return listed.stdout.split('\n').filter((t) => t.startsWith('AWS::'));
}

/** The environment that points the AWS SDK (and so oar and toolkit-lib) at an emulator, with test credentials. */
export function emulatorEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
  };
}

/** One row of the emulator's inventory: a resource one of moto's backends holds. */
export interface InventoryRow {
  readonly service: string;
  readonly account: string;
  readonly region: string;
  readonly collection: string;
  readonly type: string;
  readonly id: string;
  /** The lifecycle state the model reports (terminated, PendingDeletion), or ''. */
  readonly state: string;
  /** The object's number for as long as the emulator runs: a new object under the same id has another. */
  readonly ref: number;
}

/** A running emulator. */
export interface Emulator {
  /** http://localhost:<port>: moto resolves uploaded template URLs only when they say localhost. */
  readonly endpoint: string;
  readonly port: number;
  /** Every resource the backends hold; with regions, first creates each backend there (a baseline). */
  inventory(touchRegions?: readonly string[]): Promise<InventoryRow[]>;
  /** The CloudFormation types it creates. */
  types(): Promise<string[]>;
  /** What the server printed (moto logs the types it skips there), since a logMark() if given, as much as is kept. */
  log(since?: number): string;
  /** A mark for log(): how much the server has printed so far. */
  logMark(): number;
  stop(): void;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${String(res.status)}`);
  return (await res.json()) as T;
}

/** Starts the emulator on `port` and resolves once it answers; throws OAR336 when it cannot start. */
export async function startEmulator(port: number, timeoutMs = 30_000): Promise<Emulator> {
  requireMoto();
  const child: ChildProcess = spawn(emulatorPython(), emulatorArgs(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  // moto logs every request; keep the rest (the start, warnings that say what it skipped, tracebacks), the last
  // megabyte at most, with `dropped` counting what went before so a mark stays valid.
  let output = '';
  let dropped = 0;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!/"(GET|POST|PUT|DELETE|HEAD|PATCH) /u.test(line)) output += `${line}\n`;
    }
    if (output.length > 1_000_000) {
      dropped += output.length - 500_000;
      output = output.slice(-500_000);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const endpoint = `http://localhost:${String(port)}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/oar-api/types`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new OarError(
        'OAR336',
        `the emulator did not start on port ${String(port)}: ${output.trim().split('\n').slice(-3).join(' ') || 'no output'}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    port,
    inventory: (touch) =>
      getJson<InventoryRow[]>(
        `${endpoint}/oar-api/inventory${touch?.length ? `?touch=${encodeURIComponent(touch.join(','))}` : ''}`,
      ),
    types: () => getJson<string[]>(`${endpoint}/oar-api/types`),
    log: (since = 0) => output.slice(Math.max(0, since - dropped)),
    logMark: () => dropped + output.length,
    stop: () => {
      child.kill();
    },
  };
}
