import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('new')
    .description('scaffold a new entry that validates from the start')
    .argument('<id>', 'id of the new entry (lowercase, hyphens), also its folder name')
    .option('--title <title>', 'title of the entry')
    .option('--author <name>', 'author name (default: git config user.name)')
    .option('--github <user>', 'author GitHub user name', 'your-github-user');

export type NewOptions = OptionsOf<typeof spec>;

/** `oar new <id>`. */
export const newCommand = defineCommand(spec, async () => (await import('../run/new.ts')).newEntry);
