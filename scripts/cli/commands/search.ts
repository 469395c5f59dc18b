import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('search')
    .description('search entries with the same index as the site')
    .argument('<words...>', 'what you are looking for, e.g. "java without ebs"')
    .option('--limit <n>', 'how many results', '10')
    .option('--json', 'print results as JSON');

export type SearchOptions = OptionsOf<typeof spec>;

/** `oar search <words...>`. */
export const searchCommand = defineCommand(spec, async () => (await import('../run/search.ts')).search);
