import { Command, Option } from '@commander-js/extra-typings';
import { defineCommand, paramOption, regionOption, repeatable, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('deploy')
    .description(
      'deploy an entry as a named environment: synth, diff, confirm, deploy with toolkit-lib, outputs, smoke tests',
    )
    .argument('<id>', 'entry id')
    .requiredOption('--env <name>', 'environment name, e.g. pr-123 or prod; the stack is oar-<id>--<env>')
    .addOption(paramOption('set a parameter (repeatable); see oar show <id>'))
    .addOption(regionOption('AWS region (default: the standard AWS chain, e.g. AWS_REGION or the profile)'))
    .option(
      '--yes',
      'skip every prompt, including for security-sensitive changes such as new or wider IAM roles and policies; required when the shell is not interactive',
    )
    .option(
      '--bootstrap',
      'allow creating or updating the CDKToolkit stack (IAM roles, an S3 bucket, an ECR repository) when the account and region need it; required with --yes',
    )
    .option(
      '--execution-policy <arn>',
      'IAM managed policy for the CloudFormation execution role when oar bootstraps (repeatable; default AdministratorAccess); allow only the services the entry uses',
      repeatable,
      [] as string[],
    )
    .addOption(
      new Option(
        '--method <method>',
        'change-set, as the cdk CLI does (the local emulator supports it too), or direct: CreateStack or UpdateStack without a change set',
      )
        .choices(['change-set', 'direct'] as const)
        .default('change-set' as const),
    )
    .option('--no-smoke-tests', "do not run the entry's smoke tests after the deploy")
    .option('--json', 'print the stack name, outputs and smoke test results as JSON');

export type DeployOptions = OptionsOf<typeof spec>;

/** `oar deploy <id> --env <name>`. */
export const deployCommand = defineCommand(spec, async () => (await import('../run/deploy.ts')).deploy);
