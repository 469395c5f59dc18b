import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import { OarError } from '../../lib/diagnostics.ts';
import { findRoot, processIo, terminalSafeIo, type CommandContext, type Io } from './context.ts';

/** Exit codes: 0 ok, 1 the catalogue or a command found problems, 2 bad usage, 3 internal error. */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

/**
 * Builds the `oar` program. Commands are declared here, so --help needs no
 * imports, and each command's code is loaded only when it runs, so `oar validate`
 * never loads the CDK or Astro.
 */
export function buildProgram(io: Io, setExit: (code: number) => void) {
  const program = new Command('oar')
    .description('Open Architecture Registry: validate, search, scaffold, fork and compare catalogue entries.')
    .option(
      '--root <dir>',
      'catalogue root, the folder holding architectures/ (default: nearest one above the current folder)',
    )
    .option('--verbose', 'print stack traces for internal errors')
    .configureHelp({ helpWidth: 100 })
    .showHelpAfterError('(run oar --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        io.out(s.trimEnd());
      },
      writeErr: (s) => {
        io.err(s.trimEnd());
      },
    });

  const context = (): CommandContext => {
    const opts = program.opts();
    return { io, root: opts.root ? resolve(io.cwd, opts.root) : findRoot(io.cwd), verbose: Boolean(opts.verbose) };
  };

  program
    .command('validate')
    .description('check entries against the schema and the catalogue rules; exit 1 on any error')
    .argument(
      '[ids...]',
      'entries to report on (default: all); the whole catalogue is still read for cross-entry rules',
    )
    .option('--diagrams', 'also draw every diagram in a headless browser, to catch mermaid syntax errors')
    .option('--json', 'print diagnostics as JSON')
    .action(async (ids, opts) => {
      setExit(await (await import('./commands/validate.ts')).validate(ids, opts, context()));
    });

  program
    .command('propose')
    .description(
      'validate and check an entry, then fork the upstream registry, push entry/<id> and open or update its PR',
    )
    .argument('<id>', 'entry id')
    .option(
      '--upstream <owner/repo>',
      'the registry to propose to (default: OAR_UPSTREAM, else the upstream or origin remote)',
    )
    .option('--dry-run', 'print every step and the PR body, and change nothing')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/propose.ts')).propose(id, opts, context()));
    });

  program
    .command('codeowners')
    .description('write .github/CODEOWNERS from the authors of each entry, so they review changes to it')
    .option('--check', 'only say whether the file is up to date; exit 1 when it is not')
    .action(async (opts) => {
      setExit((await import('./commands/codeowners.ts')).codeowners(opts, context()));
    });

  program
    .command('list')
    .description('list entries')
    .option('--category <id>', 'only entries in this category')
    .option('--service <id>', 'only entries that use this AWS service')
    .addOption(
      new Option('--status <status>', 'only entries with this status').choices([
        'draft',
        'stable',
        'deprecated',
      ] as const),
    )
    .option('--json', 'print entries as JSON')
    .action(async (opts) => {
      setExit(await (await import('./commands/list.ts')).list(opts, context()));
    });

  program
    .command('show')
    .description('show one entry: summary, constraints, failure modes, cost, parameters and lineage')
    .argument('<id>', 'entry id')
    .option('--json', 'print the entry as JSON')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/show.ts')).show(id, opts, context()));
    });

  program
    .command('search')
    .description('search entries with the same index as the site')
    .argument('<words...>', 'what you are looking for, e.g. "java without ebs"')
    .option('--limit <n>', 'how many results', '10')
    .option('--json', 'print results as JSON')
    .action(async (words, opts) => {
      setExit(await (await import('./commands/search.ts')).search(words.join(' '), opts, context()));
    });

  program
    .command('new')
    .description('scaffold a new entry that validates from the start')
    .argument('<id>', 'id of the new entry (lowercase, hyphens), also its folder name')
    .option('--title <title>', 'title of the entry')
    .option('--author <name>', 'author name (default: git config user.name)')
    .option('--github <user>', 'author GitHub user name', 'your-github-user')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/new.ts')).newEntry(id, opts, context()));
    });

  program
    .command('fork')
    .description('copy an entry as a fork that records its parent, reason and changes')
    .argument('<id>', 'entry to fork')
    .requiredOption('--as <new-id>', 'id of the fork')
    .requiredOption('--reason <text>', 'why the fork exists, e.g. "EBS outages stalled the web tier"')
    .option(
      '--change <text>',
      'one change from the parent (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--title <title>', 'title of the fork (default: parent title + " (fork)")')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/fork.ts')).fork(id, opts, context()));
    });

  program
    .command('diff')
    .description('show how two entries differ, e.g. a fork against its parent')
    .argument('<a>', 'first entry (e.g. the parent)')
    .argument('<b>', 'second entry (e.g. the fork)')
    .option('--all', 'include id and forkedFrom, which always differ for a fork')
    .option('--json', 'print changes as JSON')
    .action(async (a, b, opts) => {
      setExit(await (await import('./commands/diff.ts')).diff(a, b, opts, context()));
    });

  const collect = (v: string, all: string[]) => [...all, v];

  program
    .command('synth')
    .description("synthesize an entry's CDK stack to CloudFormation in cdk.out/<id>/, with cdk-nag")
    .argument('<id>', 'entry id')
    .option('--param <name=value>', 'set a parameter (repeatable); see oar show <id>', collect, [] as string[])
    .option('--json', 'print the result as JSON')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/synth.ts')).synth(id, opts, context()));
    });

  program
    .command('check')
    .description(
      'synthesize entries and report resources, cdk-nag, CloudFormation validation, cfn-lint and declared services; exit 1 on any error',
    )
    .argument('[ids...]', 'entries to check (default: all)')
    .option('--jobs <n>', 'worker processes (default: one per core)')
    .option('--json', 'print the report as JSON')
    .option('--report <file>', 'also write the JSON report to this file (the site shows it as verification status)')
    .option('--shard <i/n>', 'check only part i of n, forks beside their parents (for a CI job matrix)')
    .action(async (ids, opts) => {
      setExit(await (await import('./commands/check.ts')).check(ids, opts, context()));
    });

  program
    .command('deploy')
    .description(
      'deploy an entry as a named environment: synth, diff, confirm, deploy with toolkit-lib, outputs, smoke tests',
    )
    .argument('<id>', 'entry id')
    .requiredOption('--env <name>', 'environment name, e.g. pr-123 or prod; the stack is oar-<id>--<env>')
    .option('--param <name=value>', 'set a parameter (repeatable); see oar show <id>', collect, [] as string[])
    .option('--region <region>', 'AWS region (default: the standard AWS chain, e.g. AWS_REGION or the profile)')
    .option(
      '--yes',
      'skip every prompt, including for security-sensitive changes such as new or wider IAM roles and policies; required when the shell is not interactive',
    )
    .option(
      '--bootstrap',
      'allow creating or updating the CDKToolkit stack (IAM roles, an S3 bucket, an ECR repository) when the account and region need it; required with --yes',
    )
    .option(
      '--execution-policy <arn>',
      'IAM managed policy for the CloudFormation execution role when oar bootstraps (repeatable; default AdministratorAccess); allow only the services the entry uses',
      collect,
      [] as string[],
    )
    .addOption(
      new Option('--method <method>', 'change-set, as the cdk CLI does, or direct (needed by the moto emulator)')
        .choices(['change-set', 'direct'] as const)
        .default('change-set' as const),
    )
    .option('--no-smoke-tests', "do not run the entry's smoke tests after the deploy")
    .option('--json', 'print the stack name, outputs and smoke test results as JSON')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/deploy.ts')).deploy(id, opts, context()));
    });

  program
    .command('destroy')
    .description("delete an entry's environment; resources with a retain policy are listed as kept")
    .argument('<id>', 'entry id')
    .requiredOption('--env <name>', 'environment name given to oar deploy')
    .option('--param <name=value>', 'parameters given to oar deploy (repeatable)', collect, [] as string[])
    .option('--region <region>', 'AWS region (default: the standard AWS chain)')
    .option(
      '--yes',
      'skip the prompt that lists the data the destroy deletes; required when the shell is not interactive',
    )
    .option('--json', 'print the result as JSON')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/deploy.ts')).destroy(id, opts, context()));
    });

  program
    .command('generate')
    .description('eject an entry as a standalone CDK project (package.json, cdk.json, bin/app.ts, stack, README)')
    .argument('<id>', 'entry id')
    .requiredOption('--out <dir>', 'folder to write; must be empty or missing')
    .option('--force', 'write into a non-empty folder, overwriting the generated files in it')
    .action(async (id, opts) => {
      setExit(await (await import('./commands/generate.ts')).generate(id, opts, context()));
    });

  return program;
}

/** Errors in how the command was called, as opposed to problems it found. */
const USAGE_CODES: ReadonlySet<string> = new Set(['OAR303', 'OAR304', 'OAR315', 'OAR317']);

/**
 * Runs `oar` with `argv` (without node and script); resolves to the exit code.
 * Everything any command writes goes through terminalSafeIo, so no text from an entry
 * can put a control sequence on the terminal, whichever command or message prints it.
 */
export async function runCli(argv: readonly string[], rawIo: Io = processIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  let exit: number = EXIT.ok;
  const program = buildProgram(io, (code) => (exit = code));
  const verbose = () => argv.includes('--verbose');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof OarError) {
      io.err(`error ${error.code}: ${error.message}`);
      if (verbose()) io.err(error.stack ?? '');
      return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.problems;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`internal error OAR900: ${message}`);
    if (verbose() && error instanceof Error) io.err(error.stack ?? '');
    else io.err('run again with --verbose for details, and report it if it persists');
    return EXIT.internal;
  }
}
