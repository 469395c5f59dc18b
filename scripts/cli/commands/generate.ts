import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('generate')
    .description('eject an entry as a standalone CDK project (package.json, cdk.json, bin/app.ts, stack, README)')
    .argument('<id>', 'entry id')
    .requiredOption('--out <dir>', 'folder to write; must be empty or missing')
    .option('--force', 'write into a non-empty folder, overwriting the generated files in it');

export type GenerateOptions = OptionsOf<typeof spec>;

/** `oar generate <id> --out <dir>`. */
export const generateCommand = defineCommand(spec, async () => (await import('../run/generate.ts')).generate);
