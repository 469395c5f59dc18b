import { runInNewContext } from 'node:vm';

/** A JSON object as an AWS SDK command's input or output. */
export type Json = Record<string, unknown>;

/** An AWS SDK v3 command as the fakes receive it: which API, with what input. */
export interface Command {
  readonly kind: string;
  readonly input: Json;
}

/** A fake SDK v3 command class for one API: `new GetItemCommand(input)` records the kind and the input. */
export function fakeCommand(kind: string): new (input: Json) => Command {
  return class {
    readonly kind = kind;
    readonly input: Json;
    constructor(input: Json) {
      this.input = input;
    }
  };
}

/** Fake command classes by their SDK export name, e.g. `GetItemCommand` for GetItem. */
export function fakeCommands(...kinds: string[]): Record<string, new (input: Json) => Command> {
  return Object.fromEntries(kinds.map((kind) => [`${kind}Command`, fakeCommand(kind)]));
}

/**
 * A fake SDK v3 client class: send() hands every command to `handle` (an
 * in-memory service), and `onCreate` sees the configuration each client is made with.
 */
export function fakeClient(
  handle: (cmd: Command) => Json | Promise<Json>,
  onCreate: (config: Json) => void = () => undefined,
): new (config?: Json) => { send(cmd: Command): Promise<Json> } {
  return class {
    constructor(config: Json = {}) {
      onCreate(config);
    }
    async send(cmd: Command): Promise<Json> {
      return handle(cmd);
    }
  };
}

/**
 * Runs a handler's shipped source, as Lambda would, in a fresh context where
 * `require` answers from `modules` (the fakes) and `globals` supply the rest
 * (process.env, console, Date…), and returns what it set as exports.handler,
 * for the test to type as the handler it expects.
 */
export function loadInlineHandler(source: string, modules: Readonly<Record<string, unknown>>, globals: Json): unknown {
  const exports: { handler?: unknown } = {};
  runInNewContext(source, { ...globals, require: (name: string) => modules[name], exports });
  if (!exports.handler) throw new Error('the handler source did not set exports.handler');
  return exports.handler;
}
