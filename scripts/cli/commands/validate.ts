import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('validate')
    .description('check entries against the schema and the catalogue rules; exit 1 on any error')
    .argument(
      '[ids...]',
      'entries to report on (default: all); the whole catalogue is still read for cross-entry rules',
    )
    .option('--diagrams', 'also draw every diagram in a headless browser, to catch mermaid syntax errors')
    .option('--json', 'print diagnostics as JSON');

export type ValidateOptions = OptionsOf<typeof spec>;

/** `oar validate [ids...]`. */
export const validateCommand = defineCommand(
  spec,
  async () => (await import('../report-validation.ts')).reportValidation,
);
