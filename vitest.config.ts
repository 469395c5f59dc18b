import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'architectures/*/cdk/**/*.test.ts'],
    environment: 'node',
    // Integration tests start real processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Much of the suite waits on
    // the processes it starts (moto, site builds, oar, synth workers), so two workers take 242 s where one took 477 s.
    maxWorkers: 2,
    hookTimeout: 60_000,
  },
});
