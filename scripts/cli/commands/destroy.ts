import { Command } from '@commander-js/extra-typings';
import { defineCommand, paramOption, regionOption, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('destroy')
    .description("delete an entry's environment; resources with a retain policy are listed as kept")
    .argument('<id>', 'entry id')
    .requiredOption('--env <name>', 'environment name given to oar deploy')
    .addOption(paramOption('parameters given to oar deploy (repeatable)'))
    .addOption(regionOption('AWS region (default: the standard AWS chain)'))
    .option(
      '--yes',
      'skip the prompt that lists the data the destroy deletes; required when the shell is not interactive',
    )
    .option('--json', 'print the result as JSON');

export type DestroyOptions = OptionsOf<typeof spec>;

/** `oar destroy <id> --env <name>`. */
export const destroyCommand = defineCommand(spec, async () => (await import('../run/destroy.ts')).destroy);
