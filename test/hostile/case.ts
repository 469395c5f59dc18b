import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus: one JSON file per hostile input, under test/fixtures/hostile/<area>/. */
export const CORPUS = fileURLToPath(new URL('../fixtures/hostile', import.meta.url));
/** The valid catalogue every case starts from: it is then changed by the case's files and setup. */
export const BASE = fileURLToPath(new URL('../fixtures/valid', import.meta.url));

/** A file's content: text, bytes, or text made by repeating a piece (for inputs too large to commit). */
export type Content =
  | string
  | { readonly base64: string }
  | { readonly repeat: string; readonly times: number; readonly before?: string; readonly after?: string };

/** A change to the file system that a JSON file cannot hold, made after the files are written. */
export type SetupStep =
  | { readonly symlink: string; readonly to: string }
  | { readonly fifo: string }
  /** A Unix domain socket (made with python3, which the machine image has). */
  | { readonly socket: string }
  /** A file (or, with `folder`, an empty folder) whose name is raw bytes (hex), e.g. not valid UTF-8, in the folder `in`. */
  | { readonly rawName: string; readonly in: string; readonly content?: string; readonly folder?: boolean }
  /** Folders nested `depth` deep under `path`, each holding one small file. */
  | { readonly nest: string; readonly depth: number }
  /** `count` small files in the folder `path`. */
  | { readonly manyFiles: string; readonly count: number }
  /** Makes the catalogue a git repository with one commit of everything; `force` adds ignored paths too. */
  | { readonly git: 'commit'; readonly force?: readonly string[] };

/** What a case must lead to. Every case must also finish within the watchdog, with no OAR900 and no stack trace. */
export interface Expectation {
  readonly exit: number;
  /** Codes that must be reported; empty for an input that is accepted. */
  readonly codes: readonly string[];
  /** The start of a reported location, `file` or `file:line`, relative to the catalogue root. */
  readonly where?: string;
  /** Patterns the output (stdout and stderr together) must match, and must not. */
  readonly output?: string;
  readonly notOutput?: string;
}

/** One hostile input: what it is, how to make it, what to run, and the outcome required. */
export interface HostileCase {
  readonly description: string;
  /** The review finding it comes from (F1…F21), or "new" for cases of our own. */
  readonly finding: string;
  /** Files to write (root-relative paths); null removes a file of the base catalogue. */
  readonly files?: Readonly<Record<string, Content | null>>;
  readonly setup?: readonly SetupStep[];
  /** oar's arguments after `--root <catalogue>`; `validate` when absent. */
  readonly run?: readonly string[];
  /** A case that needs a headless browser (`validate --diagrams`): skipped without one, never in CI. */
  readonly needs?: 'browser';
  readonly expect: Expectation;
}

/** Every case file of the corpus, as paths relative to it (area/name.json), sorted. */
export function listCases(): string[] {
  return readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** Reads one case file. */
export function readCase(name: string): HostileCase {
  return JSON.parse(readFileSync(join(CORPUS, name), 'utf8')) as HostileCase;
}

function bytesOf(content: Content): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  if ('base64' in content) return Buffer.from(content.base64, 'base64');
  return Buffer.from(`${content.before ?? ''}${content.repeat.repeat(content.times)}${content.after ?? ''}`, 'utf8');
}

/** Writes the case's catalogue into the empty folder `root`: the base, then the case's files and setup. */
export function materialize(c: HostileCase, root: string): void {
  cpSync(BASE, root, { recursive: true });
  for (const [path, content] of Object.entries(c.files ?? {})) {
    const file = join(root, path);
    if (relative(root, file).startsWith('..')) throw new Error(`case file path ${path} leaves the catalogue`);
    if (content === null) {
      rmSync(file, { recursive: true, force: true });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytesOf(content));
  }
  for (const step of c.setup ?? []) runStep(step, root);
}

function runStep(step: SetupStep, root: string): void {
  if ('symlink' in step) {
    mkdirSync(dirname(join(root, step.symlink)), { recursive: true });
    symlinkSync(step.to, join(root, step.symlink));
  } else if ('fifo' in step) {
    mkdirSync(dirname(join(root, step.fifo)), { recursive: true });
    execFileSync('mkfifo', [join(root, step.fifo)]);
  } else if ('socket' in step) {
    mkdirSync(dirname(join(root, step.socket)), { recursive: true });
    const bind = 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])';
    execFileSync('python3', ['-c', bind, join(root, step.socket)]);
  } else if ('rawName' in step) {
    const dir = join(root, step.in);
    mkdirSync(dir, { recursive: true });
    const path = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(step.rawName, 'hex')]);
    if (step.folder) mkdirSync(path);
    else writeFileSync(path, step.content ?? 'x\n');
  } else if ('nest' in step) {
    let dir = join(root, step.nest);
    for (let i = 0; i < step.depth; i++) {
      dir = join(dir, `d${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'note.txt'), 'x\n');
    }
  } else if ('manyFiles' in step) {
    const dir = join(root, step.manyFiles);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < step.count; i++) writeFileSync(join(dir, `f${i}.txt`), 'x\n');
  } else {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    for (const path of step.force ?? []) git('add', '-f', '--', path);
    git('-c', 'user.name=Hostile', '-c', 'user.email=hostile@example.com', 'commit', '-qm', 'case');
  }
}
