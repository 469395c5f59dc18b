import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTestHarnessFile, listEntryFiles } from '../../lib/load/entry-files.ts';
import { CLAIMS_FILE } from '../../lib/load/read-entry.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { parametersSource, PARAMETERS_FILE } from '../scaffold/parameters-file.ts';
import { describeAll } from '../synth/parameters.ts';
import type { EntryFiles } from '../write-entry.ts';
import { appSource } from './app-template.ts';

/** Versions the ejected project pins: the ones this registry synthesizes and tests with. */
export interface EjectVersions {
  readonly awsCdkLib: string;
  readonly constructs: string;
  readonly cdkNag: string;
  readonly cdkCli: string;
}

/**
 * A standalone CDK project for one entry: the stack as lib/stack.ts, its
 * bootstrap and other files at the same relative places, bin/app.ts, cdk.json,
 * package.json with pinned versions, and a README with the usage notes.
 */
export function ejectProject(root: string, entry: ResolvedEntry, v: EjectVersions, commit: string): EntryFiles {
  const out = new Map<string, string | Uint8Array>();
  const { files } = listEntryFiles(join(root, entry.dir), entry.dir);
  for (const f of files) {
    // The claims run in the registry's harness (oar check), which the ejected project does not have.
    if (isTestHarnessFile(f.rel) || f.rel === CLAIMS_FILE || f.rel === 'README.mdx') continue;
    out.set(f.rel.startsWith('cdk/') ? `lib/${f.rel.slice(4)}` : f.rel, readFileSync(f.abs));
  }
  out.set(`lib/${PARAMETERS_FILE.slice(4)}`, parametersSource(entry.meta.parameters ?? [], 'ejected'));
  const params = (entry.meta.parameters ?? []).map(({ description: _d, ...p }) => p);
  out.set('parameters.json', `${JSON.stringify(params, null, 2)}\n`);
  out.set('bin/app.ts', appSource(entry.id, entry.meta.title, entry.meta.version));
  out.set('cdk.json', `${JSON.stringify({ app: 'node bin/app.ts', versionReporting: false }, null, 2)}\n`);
  out.set(
    'package.json',
    `${JSON.stringify(
      {
        name: entry.id,
        version: entry.meta.version,
        private: true,
        type: 'module',
        description: entry.meta.summary,
        license: entry.meta.license,
        // bin/app.ts runs with Node's built-in TypeScript support.
        engines: { node: '>=22.18' },
        scripts: { synth: 'cdk synth', diff: 'cdk diff', deploy: 'cdk deploy', destroy: 'cdk destroy' },
        dependencies: { 'aws-cdk-lib': v.awsCdkLib, constructs: v.constructs, 'cdk-nag': v.cdkNag },
        devDependencies: { 'aws-cdk': v.cdkCli },
      },
      null,
      2,
    )}\n`,
  );
  out.set('.gitignore', 'node_modules/\ncdk.out/\n');
  out.set('README.md', readme(entry, commit));
  return out;
}

function readme(entry: ResolvedEntry, commit: string): string {
  const m = entry.meta;
  const notes = entry.readme
    .replace(/^import .*$/gmu, '')
    .replace(
      /<Callout[^>]*?(?:title="([^"]*)")?[^>]*>/gu,
      (_, title: string | undefined) => `> **${title ?? 'Note'}**\n>`,
    )
    .replace(/<\/Callout>/gu, '')
    .trim();
  return `# ${m.title}

${m.summary}

Ejected from the Open Architecture Registry entry \`${m.id}\` ${m.version} (catalogue commit ${commit}).
Forks and fixes are welcome back as pull requests to the registry.

## Use it

\`\`\`sh
npm install
npx cdk synth                       # CloudFormation in cdk.out/, checked by cdk-nag
npx cdk synth -c minCapacity=3      # parameters are cdk context values
npx cdk deploy -c env=prod          # the stack is oar-${m.id}--<env>
npx cdk destroy -c env=prod
\`\`\`

The first deploy to an account and region needs \`npx cdk bootstrap\`.

## Parameters

${describeAll(m.parameters ?? [])}

## Usage notes

${notes}
`;
}
