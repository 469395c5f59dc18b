import { Command, Option } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('list')
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
    .option('--claims', 'show how many of each entry’s promises are checked, operational or neither')
    .option('--json', 'print entries as JSON');

export type ListOptions = OptionsOf<typeof spec>;

/** `oar list`. */
export const listCommand = defineCommand(spec, async () => (await import('../run/list.ts')).list);
