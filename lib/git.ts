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
  const run = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    maxBuffer: MAX_OUTPUT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
  });
  if (run.error || run.status !== 0) {
    const notFound = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    const why = notFound
      ? 'git is not installed or not on PATH'
      : (run.stderr || run.error?.message || `exit code ${String(run.status)}`).trim().split('\n').slice(-3).join(' ');
    throw new GitError(subcommandOf(args), why);
  }
  return opts.raw ? run.stdout : run.stdout.trim();
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
