import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('emulator')
    .description(
      'run the local AWS emulator (moto, with the CloudFormation models every entry needs) in the foreground, to deploy entries without an AWS account',
    )
    .addOption(
      new Option('--port <n>', 'port to listen on').default('5000').argParser((v) => {
        if (!/^\d{1,5}$/u.test(v) || Number(v) < 1 || Number(v) > 65535)
          throw new InvalidArgumentError(`${v} is not a port number (1 to 65535)`);
        return v;
      }),
    );

export type EmulatorOptions = OptionsOf<typeof spec>;

/** `oar emulator [--port N]`. */
export const emulatorCommand = defineCommand(spec, async () => (await import('../run/emulator.ts')).emulator);
