import { Command } from '@commander-js/extra-typings';
import { defineCommand, type OptionsOf } from '../define.ts';

const spec = () =>
  new Command('diagram')
    .description('draw an entry as built: a mermaid flowchart of its committed template, never a synth')
    .argument('<id>', 'entry id')
    .option(
      '--out <file>',
      'write the diagram to this file (only over a file oar diagram wrote) instead of printing it',
    );

export type DiagramOptions = OptionsOf<typeof spec>;

/** `oar diagram <id>`. */
export const diagramCommand = defineCommand(spec, async () => (await import('../run/diagram.ts')).diagram);
