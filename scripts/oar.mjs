#!/usr/bin/env node
// The `oar` command. Plain JavaScript so any Node can start it: the CLI itself is
// TypeScript run by Node 24's type stripping, so an older Node hands over to the
// Node 24 that the project pins (the `node` devDependency).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  // A reader that stops early (`oar search java | head -3`) closes the pipe: stop quietly, as other tools do.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const { enableCompileCache } = await import('./compile-cache.mjs');
  enableCompileCache();
  const { runCli } = await import('./cli/main.ts');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    console.error(
      `oar needs Node 24 (this is Node ${process.versions.node}). Run \`npm ci\` in the registry folder to install it, or use Node 24 (see .nvmrc).`,
    );
    process.exit(2);
  }
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
