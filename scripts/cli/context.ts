import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where a command writes. Tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  /** True when a person is at the terminal (confirmations, progress). */
  readonly interactive: boolean;
}

/** What every command receives besides its own arguments. */
export interface CommandContext {
  readonly io: Io;
  /** The catalogue root: the folder that holds architectures/. */
  readonly root: string;
  readonly verbose: boolean;
}

/** The process's own terminal. */
export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  // isTTY is undefined, not false, when a stream is not a terminal.
  interactive: process.stdin.isTTY && process.stdout.isTTY,
};

/** The nearest folder at or above `start` that holds architectures/, or `start` itself. */
export function findRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'architectures'))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

/** Today's date as YYYY-MM-DD (UTC), for changelogs and cost dates. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
