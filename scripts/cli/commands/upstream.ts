import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('upstream')
    .description("show the parent's releases, advisories and diff since a fork was made")
    .argument('<fork>', 'the fork')
    .option('--json', 'print the report as one JSON document');

export type UpstreamOptions = OptionsOf<typeof spec>;

/** `oar upstream <fork>`. */
export const upstreamCommand = defineCommand(spec, async () => (await import('../run/upstream.ts')).upstream);
