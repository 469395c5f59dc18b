import type { DeployUi } from '../../generators/deploy/deploy-entry.ts';

/** A person at the terminal who answers every question with no; records what oar printed and asked. */
export function answeringNo(): { ui: DeployUi; lines: string[]; questions: string[] } {
  const lines: string[] = [];
  const questions: string[] = [];
  const ui: DeployUi = {
    print: (l) => lines.push(l),
    confirm: async (q) => {
      questions.push(q);
      return false;
    },
    interactive: true,
    verbose: false,
  };
  return { ui, lines, questions };
}
