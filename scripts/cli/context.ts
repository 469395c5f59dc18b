import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { escapeForTerminal } from '../../lib/control-chars.ts';

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

// A colour or style sequence (SGR), as toolkit-lib's diff prints on a terminal.
// eslint-disable-next-line no-control-regex -- finding ESC is the point
const SGR = /\u001b\[([0-9;]{0,32})m/gu;

/**
 * `io` with every control character in what it writes shown as a visible escape (`\x1b`,
 * `\u202e`), newlines and tabs kept: titles, summaries and file names come from strangers,
 * and escape sequences could set the window title, write the clipboard (OSC 52) or erase
 * lines. On an interactive terminal, colour sequences pass, except conceal (8), which hides text.
 */
export function terminalSafeIo(io: Io): Io {
  const clean = (text: string): string => {
    if (!io.interactive) return escapeForTerminal(text);
    let out = '';
    let last = 0;
    for (const m of text.matchAll(SGR)) {
      out += escapeForTerminal(text.slice(last, m.index));
      out += isColour(m[1] ?? '') ? m[0] : escapeForTerminal(m[0]);
      last = m.index + m[0].length;
    }
    return out + escapeForTerminal(text.slice(last));
  };
  return {
    out: (text) => {
      io.out(clean(text));
    },
    err: (text) => {
      io.err(clean(text));
    },
    cwd: io.cwd,
    interactive: io.interactive,
  };
}

/** SGR parameters that only colour or style text: no conceal (8); 38;5;n and 48;5;n name colours. */
function isColour(params: string): boolean {
  const list = params.split(';');
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '38' || list[i] === '48') i += list[i + 1] === '2' ? 4 : 2;
    else if (list[i] === '8') return false;
  }
  return true;
}

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
