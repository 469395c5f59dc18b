import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emulatorTypes, requireMoto } from '../../generators/emulator/emulator.ts';

/**
 * `npm run emulator:types`: rewrites the list of CloudFormation types the emulator creates
 * (generators/check/emulator-types.ts) from the launcher itself, after a model is added. The
 * emulator suite fails while the two differ.
 */
const FILE = fileURLToPath(new URL('../../generators/check/emulator-types.ts', import.meta.url));
requireMoto();
const types = emulatorTypes();
const source = readFileSync(FILE, 'utf8');
const start = source.indexOf('new Set([') + 'new Set(['.length;
const end = source.indexOf(']);', start);
const list = types.map((t) => `\n  '${t}',`).join('');
writeFileSync(FILE, `${source.slice(0, start)}${list}\n${source.slice(end)}`);
console.log(`${types.length} types written to ${FILE}`);
