import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('check')
    .description(
      'synthesize entries and report resources, cdk-nag, CloudFormation validation, cfn-lint and declared services; exit 1 on any error',
    )
    .argument('[ids...]', 'entries to check (default: all)')
    .option('--jobs <n>', 'worker processes (default: one per core)')
    .option('--json', 'print the report as JSON')
    .option('--report <file>', 'also write the JSON report to this file (the site shows it as verification status)')
    .option('--shard <i/n>', 'check only part i of n, forks beside their parents (for a CI job matrix)');

export type CheckOptions = OptionsOf<typeof spec>;

/** `oar check [ids...]`. */
export const checkCommand = defineCommand(spec, async () => (await import('../run/check.ts')).check);
