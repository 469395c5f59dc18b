import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('diff')
    .description('show how two entries differ, e.g. a fork against its parent')
    .argument('<a>', 'first entry (e.g. the parent)')
    .argument('<b>', 'second entry (e.g. the fork)')
    .option('--template', 'show what the committed templates add, remove and change: resource types and key properties')
    .option('--all', 'include id and forkedFrom, which always differ for a fork')
    .option('--json', 'print the whole comparison as JSON, the template view included');

export type DiffOptions = OptionsOf<typeof spec>;

/** `oar diff <a> <b>`. */
export const diffCommand = defineCommand(spec, async () => (await import('../run/diff.ts')).diff);
