import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('show')
    .description('show one entry: summary, constraints, failure modes, cost, parameters and lineage')
    .argument('<id>', 'entry id')
    .option('--json', 'print the entry as JSON');

export type ShowOptions = OptionsOf<typeof spec>;

/** `oar show <id>`. */
export const showCommand = defineCommand(spec, async () => (await import('../run/show.ts')).show);
