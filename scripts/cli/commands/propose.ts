import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('propose')
    .description(
      'validate and check an entry, then fork the upstream registry, push entry/<id> and open or update its PR',
    )
    .argument('<id>', 'entry id')
    .option(
      '--upstream <owner/repo>',
      'the registry to propose to (default: OAR_UPSTREAM, else the upstream or origin remote)',
    )
    .option('--dry-run', 'print every step and the PR body, and change nothing');

export type ProposeOptions = OptionsOf<typeof spec>;

/** `oar propose <id>`. */
export const proposeCommand = defineCommand(spec, async () => (await import('../run/propose.ts')).propose);
