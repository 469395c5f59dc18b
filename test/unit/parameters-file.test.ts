import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { parametersSource } from '../../generators/scaffold/parameters-file.ts';
import type { Parameter } from '../../lib/validate/parameter-value.ts';

const declared: Parameter[] = [
  { name: 'azCount', type: 'number', default: 2, description: 'Availability Zones.', enum: [2, 3] },
  { name: 'cidr', type: 'string', default: '10.0.0.0/16', description: 'The VPC range.' },
  { name: 'mode', type: 'string', default: 'a', description: 'How it runs.', enum: ['a', "b'c", 'd"e'] },
  { name: 'retain', type: 'boolean', default: true, description: 'Keep the data.' },
];

/** The diagnostics TypeScript reports for a source file, plus a use of its Parameters. */
function compile(source: string, use = ''): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oar-params-'));
  writeFileSync(join(dir, 'parameters.generated.ts'), source);
  writeFileSync(join(dir, 'use.ts'), `import type { Parameters } from './parameters.generated.ts';\n${use}\n`);
  const program = ts.createProgram([join(dir, 'use.ts')], {
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('parameters.generated.ts', () => {
  test('one field per parameter, in order, an enum as the union of its values, the description and default as its doc', () => {
    expect(parametersSource(declared)).toMatchInlineSnapshot(`
      "// Generated from the parameters in architecture.yaml by \`npm run entries:derive\`; change them there, not here.

      /** The values of the parameters declared in architecture.yaml, defaults filled in. */
      export interface Parameters {
        /** Availability Zones. Default: 2. */
        readonly azCount: 2 | 3;
        /** The VPC range. Default: "10.0.0.0/16". */
        readonly cidr: string;
        /** How it runs. Default: "a". */
        readonly mode: "a" | "b'c" | "d\\"e";
        /** Keep the data. Default: true. */
        readonly retain: boolean;
      }
      "
    `);
  });

  test('compiles, and types the values a stack receives', () => {
    const source = parametersSource(declared);
    expect(
      compile(source, 'export const p: Parameters = { azCount: 3, cidr: "x", mode: "b\'c", retain: false };'),
    ).toEqual([]);
    expect(
      compile(source, 'export const p: Parameters = { azCount: 4, cidr: "x", mode: "a", retain: false };'),
    ).toEqual(["Type '4' is not assignable to type '2 | 3'."]);
  });

  test('an entry without parameters gets a type that admits none', () => {
    const source = parametersSource([]);
    expect(source).toContain('export type Parameters = Record<string, never>;');
    expect(compile(source, 'export const p: Parameters = {};')).toEqual([]);
  });

  test('text from architecture.yaml cannot end the comment or the file', () => {
    const hostile: Parameter[] = [
      {
        name: 'x',
        type: 'string',
        default: '*/ export const pwned = 1; /*',
        description: 'Ends early */ export const pwned = 1; /*\nand on a new line.',
        enum: ['*/ y', '*/ export const pwned = 1; /*'],
      },
    ];
    const source = parametersSource(hostile);
    expect(source).not.toMatch(/^export const pwned/mu);
    expect(
      compile(source, 'import * as all from "./parameters.generated.ts";\nexport const keys = Object.keys(all);'),
    ).toEqual([]);
    // The only export is the type.
    const file = ts.createSourceFile('p.ts', source, ts.ScriptTarget.ES2022);
    expect(file.statements.map((s) => ts.SyntaxKind[s.kind])).toEqual(['InterfaceDeclaration']);
  });

  test('is the same text for the same parameters, whatever else differs', () => {
    expect(parametersSource(structuredClone(declared))).toBe(parametersSource(declared));
  });
});
