import { Option, type Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import type { CommandContext } from './context.ts';

/**
 * A command's body: the arguments and options its spec parsed (typed by the spec, so
 * nobody restates them), then where it runs; resolves to the exit code.
 */
export type Run<Args extends unknown[], Opts extends OptionValues> = (
  ...args: [...Args, Opts, CommandContext]
) => number | Promise<number>;

/** The options a spec parses, as its run receives them. */
export type OptionsOf<Spec extends () => CommandUnknownOpts> =
  ReturnType<Spec> extends { opts(): infer Opts } ? Opts : never;

/** What main.ts gives each command when it builds the program. */
export interface Wiring {
  /** The context, from the global options, once they are parsed. */
  context(): CommandContext;
  setExit(code: number): void;
}

/** One `oar` command, as main.ts composes it. */
export interface OarCommand {
  readonly name: string;
  /** A fresh parser, wired to the run: commander keeps parsed values on the parser, so each program needs its own. */
  build(wiring: Wiring): CommandUnknownOpts;
}

/**
 * A command from its spec (name, arguments, options, help) and its run, which is imported only
 * when the command runs, so `oar --help` and `oar validate` never load the CDK or Astro.
 */
export function defineCommand<Args extends unknown[], Opts extends OptionValues>(
  spec: () => Command<Args, Opts>,
  load: () => Promise<Run<Args, Opts>>,
): OarCommand {
  return {
    // Read when asked (tests, listings), not built for every command each time oar starts.
    get name() {
      return spec().name();
    },
    build: (wiring) => {
      const command = spec();
      return command.action(async () => {
        const run = await load();
        wiring.setExit(await run(...command.processedArgs, command.opts(), wiring.context()));
      });
    },
  };
}

/** The parser of an option that may be given more than once (`--param a=1 --param b=2`). */
export function repeatable(value: string, all: string[]): string[] {
  return [...all, value];
}

/** `--param <name=value>`, repeatable, as synth, deploy and destroy take it. */
export function paramOption(description: string) {
  return new Option('--param <name=value>', description).argParser(repeatable).default([] as string[]);
}

/** `--region <region>`, as deploy and destroy take it. */
export function regionOption(description: string) {
  return new Option('--region <region>', description);
}
