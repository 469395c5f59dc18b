import { Command } from '@commander-js/extra-typings';
import { defineCommand, repeatable, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('fork')
    .description('copy an entry as a fork that records its parent, reason and changes')
    .argument('<id>', 'entry to fork')
    .requiredOption('--as <new-id>', 'id of the fork')
    .requiredOption('--reason <text>', 'why the fork exists, e.g. "EBS outages stalled the web tier"')
    .option('--change <text>', 'one change from the parent (repeatable)', repeatable, [] as string[])
    .option('--title <title>', 'title of the fork (default: parent title + " (fork)")');

export type ForkOptions = OptionsOf<typeof spec>;

/** `oar fork <id> --as <new-id> --reason <text>`. */
export const forkCommand = defineCommand(spec, async () => (await import('../run/fork.ts')).fork);
