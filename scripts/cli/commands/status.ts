import { Command } from '@commander-js/extra-typings';
import { defineCommand, regionOption, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('status')
    .description(
      'list the stacks deployed from catalogue entries in an account and region, with the advisories that apply and what to do',
    )
    .addOption(regionOption('AWS region (default: the standard AWS chain, e.g. AWS_REGION or the profile)'))
    .option('--profile <name>', 'AWS profile from ~/.aws/config or ~/.aws/credentials, as the AWS CLI takes it')
    .option(
      '--fail-on <severity>',
      'exit 1 (OAR341) when an advisory at or above this severity applies to a stack: low, medium, high or critical',
    )
    .option('--json', 'print the stacks and their advisories as JSON');

export type StatusOptions = OptionsOf<typeof spec>;

/** `oar status`. */
export const statusCommand = defineCommand(spec, async () => (await import('../run/status.ts')).status);
