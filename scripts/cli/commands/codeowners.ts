import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('codeowners')
    .description('write .github/CODEOWNERS from the authors of each entry, so they review changes to it')
    .option('--check', 'only say whether the file is up to date; exit 1 when it is not');

export type CodeownersOptions = OptionsOf<typeof spec>;

/** `oar codeowners`. */
export const codeownersCommand = defineCommand(spec, async () => (await import('../run/codeowners.ts')).codeowners);
