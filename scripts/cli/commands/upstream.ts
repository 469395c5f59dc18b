import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('upstream')
    .description("show what changed in a fork's parent since the fork point: releases, advisories and a diff")
    .argument('<fork>', 'the fork')
    .option('--json', 'print the report as one JSON document');

export type UpstreamOptions = OptionsOf<typeof spec>;

/** `oar upstream <fork>`. */
export const upstreamCommand = defineCommand(spec, async () => (await import('../run/upstream.ts')).upstream);
