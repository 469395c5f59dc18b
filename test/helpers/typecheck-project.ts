import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './synth-entry.ts';

/**
 * The TypeScript errors of an ejected project's stack, empty when it type-checks: strict, as Node
 * runs it (type stripping, `.ts` imports). The project needs node_modules beside it.
 */
export function typecheckEjected(projectDir: string): string {
  const flags = '--noEmit --strict --skipLibCheck --allowImportingTsExtensions --module nodenext --target es2022';
  const tsc = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), ...flags.split(' '), '--types', 'node', 'lib/stack.ts'],
    { cwd: projectDir, encoding: 'utf8' },
  );
  return tsc.stdout + tsc.stderr;
}
