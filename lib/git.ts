import { spawnSync } from 'node:child_process';
import { OarError } from './diagnostics.ts';

/** How to run one git command. */
export interface GitOptions {
  /** Variables added to this process's environment for git, e.g. GIT_INDEX_FILE or GIT_CONFIG_* (never the command line). */
  readonly env?: Readonly<Record<string, string>>;
  /** Keep stdout as git wrote it; by default it is trimmed. */
  readonly raw?: boolean;
  /** Stop git after this long, e.g. for a probe a command should not hang on. */
  readonly timeoutMs?: number;
}

/** A git command that failed (OAR326): the subcommand is named, with the last lines git wrote to stderr. */
export class GitError extends OarError {
  readonly subcommand: string;
  constructor(subcommand: string, why: string) {
    super('OAR326', `git ${subcommand} failed: ${why}`);
    this.name = 'GitError';
    this.subcommand = subcommand;
  }
}

// `git log` of a large catalogue's history is many megabytes; spawnSync's default is 1 MiB.
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Runs `git args` in `cwd` and returns what it printed; throws a GitError when it fails or cannot start. */
export function git(cwd: string, args: readonly string[], opts: GitOptions = {}): string {
  const out = run(cwd, args, opts, 'utf8').stdout;
  return opts.raw ? out : out.trim();
}

/** How to run a git command whose output is bytes (file contents), or whose exit status is an answer. */
export interface GitBytesOptions extends GitOptions {
  /** Written to git's standard input, e.g. object ids for `cat-file --batch`. */
  readonly input?: string;
  /** Exit statuses besides 0 that are answers, not failures: `git merge-file` exits with its number of conflicts. */
  readonly accept?: (status: number) => boolean;
}

/** Like git(), with stdout as bytes and the exit status; throws a GitError unless the status is 0 or accepted. */
export function gitBytes(
  cwd: string,
  args: readonly string[],
  opts: GitBytesOptions = {},
): { readonly stdout: Buffer; readonly status: number } {
  return run(cwd, args, opts, 'buffer');
}

function run<E extends 'utf8' | 'buffer'>(
  cwd: string,
  args: readonly string[],
  opts: GitBytesOptions,
  encoding: E,
): { stdout: E extends 'utf8' ? string : Buffer; status: number } {
  const result = spawnSync('git', args, {
    cwd,
    encoding,
    env: { ...process.env, ...opts.env },
    maxBuffer: MAX_OUTPUT,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    // As bytes: spawnSync would decode a string input with `encoding`, which may be 'buffer'.
    ...(opts.input === undefined ? {} : { input: Buffer.from(opts.input, 'utf8') }),
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
  });
  const status = result.status ?? -1;
  if (result.error || (status !== 0 && !(opts.accept?.(status) ?? false))) {
    const notFound = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    // Null, not empty, when git could not start.
    const stderr = (result.stderr as string | Buffer | null)?.toString() ?? '';
    const why = notFound
      ? 'git is not installed or not on PATH'
      : (stderr || result.error?.message || `exit code ${String(result.status)}`)
          .trim()
          .split('\n')
          .slice(-3)
          .join(' ');
    throw new GitError(subcommandOf(args), why);
  }
  return { stdout: result.stdout as E extends 'utf8' ? string : Buffer, status };
}

/**
 * Like git(), for a question whose failure is an answer (not a repository, no
 * such remote, git missing): undefined instead of an error.
 */
export function tryGit(cwd: string, args: readonly string[], opts: GitOptions = {}): string | undefined {
  try {
    return git(cwd, args, opts);
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** The git subcommand in `args`, past any leading `-c name=value` and other global options. */
export function subcommandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-c' || arg === '-C') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return '';
}
