import type { Parameter } from '../../lib/validate/parameter-value.ts';

/** Where an entry keeps the TypeScript type of its parameters, derived from architecture.yaml. */
export const PARAMETERS_FILE = 'cdk/parameters.generated.ts';

/** The task that writes every entry's PARAMETERS_FILE. */
export const DERIVE_COMMAND = 'npm run entries:derive';

/**
 * The text of an entry's cdk/parameters.generated.ts: the `Parameters` its stack
 * receives as `props.parameters`, one field per declared parameter, in the order
 * architecture.yaml lists them, with a declared `enum` as a union of its values.
 * It is made from the entry's own parameters and nothing else (no date, no path,
 * no version), so it is the same on every machine and travels with the folder
 * when the entry is forked or ejected. The YAML is contributor input, so every
 * text is escaped for where it lands: names match the schema's identifier rule,
 * values are JSON literals, and a comment cannot be closed from inside.
 */
export function parametersSource(parameters: readonly Parameter[], where: 'registry' | 'ejected' = 'registry'): string {
  // An ejected project has no derive task: there the file is the project's own, kept beside parameters.json.
  const header =
    where === 'registry'
      ? `// Generated from the parameters in architecture.yaml by \`${DERIVE_COMMAND}\`; change them there, not here.\n\n`
      : "// Generated from the entry's parameters when it was ejected; a parameter added to parameters.json is added here too.\n\n";
  const doc = '/** The values of the parameters declared in architecture.yaml, defaults filled in. */\n';
  if (parameters.length === 0) return `${header}${doc}export type Parameters = Record<string, never>;\n`;
  const fields = parameters.map((p) => {
    const type = p.enum && p.type !== 'boolean' ? p.enum.map((v) => JSON.stringify(v)).join(' | ') : p.type;
    const key = /^[A-Za-z][A-Za-z0-9]*$/u.test(p.name) ? p.name : JSON.stringify(p.name);
    return `  /** ${comment(`${p.description} Default: ${JSON.stringify(p.default)}.`)} */\n  readonly ${key}: ${type};\n`;
  });
  return `${header}${doc}export interface Parameters {\n${fields.join('')}}\n`;
}

/** One line of comment text: whitespace runs become one space, and `*\/` cannot end the comment. */
function comment(text: string): string {
  return text.replace(/\s+/gu, ' ').replaceAll('*/', '*\\/');
}
