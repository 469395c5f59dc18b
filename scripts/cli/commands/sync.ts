import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('sync')
    .description("merge the parent's changes since the fork point into a fork")
    .argument('<fork>', 'the fork')
    .option('--dry-run', 'print what would happen to each file and write nothing');

export type SyncOptions = OptionsOf<typeof spec>;

/** `oar sync <fork>`. */
export const syncCommand = defineCommand(spec, async () => (await import('../run/sync.ts')).sync);
