import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** Each entry's own tests, or only those of the entries OAR_ENTRIES and OAR_SHARD select (CI's jobs). */
async function entryTests(): Promise<string[]> {
  const { coversEverything, selectedEntries } = await import('./test/helpers/entry-selection.ts');
  if (coversEverything()) return ['architectures/*/cdk/**/*.test.ts'];
  const { openCatalogue } = await import('./lib/catalogue.ts');
  const root = fileURLToPath(new URL('.', import.meta.url));
  return selectedEntries(openCatalogue(root).entries).map((e) => `${e.dir}/cdk/**/*.test.ts`);
}

export default defineConfig(async () => ({
  test: {
    environment: 'node',
    // Integration tests start real processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Much of the suite waits on
    // the processes it starts (moto, site builds, oar, synth workers), so two workers take 242 s where one took 477 s.
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Two projects, so CI runs the tooling's tests once and spreads the entries over jobs (`--project entries`).
    projects: [
      {
        extends: true,
        test: {
          name: 'tooling',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/integration/deploy-moto.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'entries',
          // One pool of synth workers for all the entry test files (test/helpers/synth-service.ts).
          globalSetup: ['test/helpers/synth-service.ts'],
          include: ['test/entries.test.ts', 'test/integration/deploy-moto.test.ts', ...(await entryTests())],
        },
      },
    ],
  },
}));
