import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenFromEnv } from '../../generators/contribute/github-client.ts';
import { requireClean } from '../../generators/deploy/toolkit.ts';
import type { SynthResult } from '../../generators/synth/synth-entry.ts';
import { CODES, kindOf, type Code } from '../../lib/codes.ts';
import { OarError } from '../../lib/diagnostics.ts';
import { parseYamlSource } from '../../lib/load/yaml-source.ts';
import { schemaDiagnostics } from '../../lib/validate/schema-errors.ts';
import { runCli } from '../../scripts/cli/main.ts';
import { CatalogueInvalidError } from '../../site/data/catalogue-loader.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';
import { withEnv } from '../helpers/with-env.ts';

const codes = Object.keys(CODES) as Code[];

describe('the kind of each code, and the exit code it gives', () => {
  it('marks the usage codes and the internal one; every other code is a problem found', () => {
    expect(codes.filter((c) => kindOf(c) === 'usage')).toEqual(['OAR303', 'OAR304', 'OAR315', 'OAR317']);
    expect(codes.filter((c) => kindOf(c) === 'internal')).toEqual(['OAR900']);
  });

  it('exits 2 for a usage code and 1 for a problem', async () => {
    const usage = await runOar(['--root', fixture('valid'), 'synth', 'tiny-web', '--param', 'nope=1']);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/^error OAR304: /u)]);
    const problem = await runOar(['--root', fixture('valid'), 'show', 'no-such-entry']);
    expect([problem.code, problem.stderr]).toEqual([1, expect.stringMatching(/^error OAR301: /u)]);
  });
});

describe('an internal error (OAR900)', () => {
  // `oar list` whose output cannot be written: a failure no command turns into a code of its own.
  const broken = async (argv: string[]) => {
    const err: string[] = [];
    const io = {
      out: () => {
        throw new Error('EPIPE: broken pipe, write');
      },
      err: (t: string) => err.push(t),
      cwd: process.cwd(),
      interactive: false,
    };
    const code = await runCli(['--root', fixture('valid'), ...argv], io);
    return { code, stderr: err.join('\n') };
  };

  it('prints the code and the message, and no stack without --verbose; exit 3', async () => {
    expect(await broken(['list'])).toEqual({
      code: 3,
      stderr:
        'internal error OAR900: EPIPE: broken pipe, write\nrun again with --verbose for details, and report it if it persists',
    });
  });

  it('prints the stack with --verbose', async () => {
    const run = await broken(['--verbose', 'list']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^internal error OAR900: EPIPE: broken pipe, write\nError: EPIPE[^\n]*\n\s+at /u);
  });
});

describe('codes no other test reaches', () => {
  it('OAR199: a schema keyword without a message of its own still names the field, the rule and the value', () => {
    const { source } = parseYamlSource('architectures/x/architecture.yaml', 'size: 3\n');
    if (!source) throw new Error('the YAML did not parse');
    const error = {
      keyword: 'multipleOf',
      instancePath: '/size',
      schemaPath: '#/properties/size/multipleOf',
      params: { multipleOf: 2 },
      message: 'must be multiple of 2',
      data: 3,
    };
    expect(schemaDiagnostics([error], source)).toEqual([
      {
        code: 'OAR199',
        severity: 'error',
        file: 'architectures/x/architecture.yaml',
        line: 1,
        col: 7,
        path: '/size',
        message: '`size` must be multiple of 2 (received 3)',
      },
    ]);
  });

  it('OAR218: validate --diagrams without a browser warns that diagrams were only checked for their type', async () => {
    const cat = tempCatalogue('valid');
    // A diagram no earlier run drew, so the cache cannot stand in for the browser.
    for (const id of readdirSync(join(cat.root, 'architectures')))
      appendFileSync(join(cat.root, 'architectures', id, 'diagrams/main.mmd'), `\n%% ${String(Math.random())}\n`);
    const restore = withEnv({ OAR_CHROMIUM: '/bin/false' });
    try {
      const run = await runOar(['--root', cat.root, 'validate', '--diagrams']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'architectures  OAR218  warning no browser could start, so diagrams were only checked for a known type; install Chromium or set OAR_CHROMIUM',
      );
    } finally {
      restore();
      cat.dispose();
    }
  });

  it('OAR307: deploy refuses a stack with unresolved findings, listing each as validate prints it', () => {
    const finding = {
      code: 'OAR308' as const,
      severity: 'error' as const,
      file: 'architectures/web/cdk/stack.ts',
      line: 9,
      col: 5,
      message: 'AwsSolutions-S1 at oar-web/Bucket/Resource: The S3 Bucket has server access logs disabled.',
    };
    const synth = { id: 'web', stackName: 'oar-web--dev', findings: [finding] } as unknown as SynthResult;
    expect(() => {
      requireClean(synth);
    }).toThrow(
      expect.objectContaining({
        code: 'OAR307',
        message:
          'oar-web--dev has 1 unresolved finding(s); run oar check web:\n  architectures/web/cdk/stack.ts:9:5  OAR308  AwsSolutions-S1 at oar-web/Bucket/Resource: The S3 Bucket has server access logs disabled.',
      }) as Error,
    );
    expect(() => {
      requireClean({ ...synth, findings: [{ ...finding, severity: 'warning' }] });
    }).not.toThrow();
  });

  it('OAR320: no GitHub token, and how to get one', () => {
    expect(() => tokenFromEnv({ GITHUB_TOKEN: ' ' })).toThrow(
      expect.objectContaining({
        code: 'OAR320',
        message: expect.stringMatching(/^no GitHub token: set GITHUB_TOKEN or GH_TOKEN/u) as unknown,
      }) as Error,
    );
    expect(tokenFromEnv({ GH_TOKEN: ' t0ken ' })).toBe('t0ken');
  });

  it('OAR331: the site build stops on an invalid catalogue with the code, then the report', () => {
    const error = new CatalogueInvalidError('architectures/x/architecture.yaml:1:1  OAR101  missing `id`');
    expect(error).toBeInstanceOf(OarError);
    expect(error.code).toBe('OAR331');
    expect(error.message).toBe(
      'OAR331: the catalogue is invalid; nothing was built.\narchitectures/x/architecture.yaml:1:1  OAR101  missing `id`',
    );
  });
});

describe('every code', () => {
  // A code that no test names is a code whose message nobody has read; this keeps the next one from slipping by.
  const testFiles = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(test\.ts|json|txt)$/u.test(f))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
  const corpus = [...testFiles(fixture('..')), ...testFiles(fixture('../../architectures'))].join('\n');

  it.for(codes)('%s is asserted by a test', (code) => {
    expect(corpus).toContain(code);
  });
});
