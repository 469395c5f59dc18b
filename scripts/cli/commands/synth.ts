import { Command } from '@commander-js/extra-typings';
import { defineCommand, paramOption, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('synth')
    .description("synthesize an entry's CDK stack to CloudFormation in cdk.out/<id>/, with cdk-nag")
    .argument('<id>', 'entry id')
    .addOption(paramOption('set a parameter (repeatable); see oar show <id>'))
    .option(
      '--portable',
      'fail (OAR335) if the template needs file or container assets: it must deploy from the template alone, as a Service Catalog product does',
    )
    .option(
      '--permissions-boundary <policy>',
      'set this customer managed policy (a name) as the permissions boundary of every IAM role the stack makes',
    )
    .option('--json', 'print the result as JSON');

export type SynthOptions = OptionsOf<typeof spec>;

/** `oar synth <id>`. */
export const synthCommand = defineCommand(spec, async () => (await import('../run/synth.ts')).synth);
