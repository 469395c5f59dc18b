import { Command, CommanderError } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import { kindOf, type CodeKind } from '../../lib/codes.ts';
import { OarError } from '../../lib/diagnostics.ts';
import { checkCommand } from './commands/check.ts';
import { codeownersCommand } from './commands/codeowners.ts';
import { deployCommand } from './commands/deploy.ts';
import { destroyCommand } from './commands/destroy.ts';
import { diagramCommand } from './commands/diagram.ts';
import { diffCommand } from './commands/diff.ts';
import { emulatorCommand } from './commands/emulator.ts';
import { forkCommand } from './commands/fork.ts';
import { generateCommand } from './commands/generate.ts';
import { listCommand } from './commands/list.ts';
import { newCommand } from './commands/new.ts';
import { proposeCommand } from './commands/propose.ts';
import { searchCommand } from './commands/search.ts';
import { showCommand } from './commands/show.ts';
import { statusCommand } from './commands/status.ts';
import { syncCommand } from './commands/sync.ts';
import { synthCommand } from './commands/synth.ts';
import { upstreamCommand } from './commands/upstream.ts';
import { validateCommand } from './commands/validate.ts';
import { findRoot, processIo, terminalSafeIo, type CommandContext, type Io } from './context.ts';
import type { OarCommand, Wiring } from './define.ts';

/** Exit codes: 0 ok, 1 the catalogue or a command found problems, 2 bad usage, 3 internal error. */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

/** The exit code of an error, from the kind lib/codes.ts gives its code. */
const EXIT_OF_KIND: Readonly<Record<CodeKind, number>> = {
  problem: EXIT.problems,
  usage: EXIT.usage,
  internal: EXIT.internal,
};

/** Every command, in the order `oar --help` lists them; each file under commands/ is a spec and a lazy run. */
export const COMMANDS: readonly OarCommand[] = [
  validateCommand,
  proposeCommand,
  codeownersCommand,
  listCommand,
  showCommand,
  searchCommand,
  newCommand,
  forkCommand,
  upstreamCommand,
  syncCommand,
  diffCommand,
  diagramCommand,
  synthCommand,
  checkCommand,
  deployCommand,
  destroyCommand,
  statusCommand,
  emulatorCommand,
  generateCommand,
];

/** Builds the `oar` program: the global options, then every command with the settings it inherits. */
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

  const wiring: Wiring = { context, setExit };
  for (const command of COMMANDS) program.addCommand(command.build(wiring).copyInheritedSettings(program));
  return program;
}

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
      return EXIT_OF_KIND[kindOf(error.code)];
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`internal error OAR900: ${message}`);
    if (verbose() && error instanceof Error) io.err(error.stack ?? '');
    else io.err('run again with --verbose for details, and report it if it persists');
    return EXIT.internal;
  }
}
