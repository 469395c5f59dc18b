import { spawn } from 'node:child_process';

/**
 * `npm test`: every check, in order, stopping at the first stage that fails. Lint and typecheck run side by
 * side: each is one single-threaded process (ESLint's typed rules, tsc), so on the 2-core CI machine together
 * they take little longer than the slower one (docs/decisions/test-suite-time.md). A stage's output is printed
 * whole when it ends, never interleaved, and the stages' times at the end.
 */
interface Stage {
  readonly name: string;
  /** What npm runs: a script of package.json, or a command of node_modules/.bin with `exec`. */
  readonly npm: readonly string[];
}

const STAGES: readonly (Stage | readonly Stage[])[] = [
  // The catalogue and its diagrams first: a broken entry stops everything with the validator's own report.
  { name: 'validate', npm: ['run', 'validate', '--', '--diagrams'] },
  // The content collection's types, which tsc, astro check and ESLint's typed rules read.
  { name: 'astro sync', npm: ['exec', '--', 'astro', 'sync'] },
  // Side by side: one single-threaded process each. The test stages already use both cores: the browser tests
  // beside these took longer than after them (docs/decisions/test-suite-time.md).
  [
    { name: 'lint', npm: ['run', 'lint'] },
    { name: 'typecheck', npm: ['run', 'typecheck'] },
  ],
  { name: 'unit and integration tests', npm: ['run', 'test:unit'] },
  { name: 'browser tests', npm: ['run', 'test:e2e'] },
];

interface Ran {
  readonly stage: Stage;
  readonly code: number;
  readonly seconds: number;
}

/** Runs the stage; `streamed` prints as it goes (a stage alone), else the output is kept for the end. */
function run(stage: Stage, streamed: boolean): Promise<Ran & { readonly output: string }> {
  const started = performance.now();
  const child = spawn('npm', stage.npm, {
    stdio: streamed ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ stage, code: code ?? (signal ? 1 : 0), seconds: (performance.now() - started) / 1000, output });
    });
  });
}

const ran: Ran[] = [];
for (const step of STAGES) {
  const group: readonly Stage[] = 'name' in step ? [step] : step;
  const together = group.length > 1;
  if (together) console.log(`\n== ${group.map((s) => s.name).join(', ')}: side by side`);
  else console.log(`\n== ${group[0]?.name ?? ''}`);
  const results = await Promise.all(
    group.map((stage) =>
      run(stage, !together).then((r) => {
        if (together) process.stdout.write(`\n-- ${stage.name} (${r.seconds.toFixed(0)} s)\n${r.output}`);
        return r;
      }),
    ),
  );
  ran.push(...results);
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length > 0) {
    summary();
    console.error(`\nnpm test failed at: ${failed.map((r) => r.stage.name).join(', ')} (its output is above)`);
    process.exit(1);
  }
}
summary();

function summary(): void {
  console.log('\nstage times:');
  for (const r of ran)
    console.log(`  ${r.stage.name.padEnd(28)} ${r.seconds.toFixed(0).padStart(5)} s${r.code === 0 ? '' : '  FAILED'}`);
}
