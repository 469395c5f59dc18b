import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '../../generators/check/check-entries.ts';
import { checkMarkdown, validateMarkdown, type ValidateJson } from '../../generators/contribute/report-markdown.ts';

/**
 * `node scripts/tasks/pr-report.ts <dir>`: the PR comment, in Markdown, from the
 * validate and check reports the PR workflow wrote into <dir>. A missing report
 * is said so, because a step that did not run is news to the contributor too.
 */
const dir = process.argv[2] ?? 'pr-report';
const read = (file: string): unknown =>
  existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : undefined;

const validate = read('validate.json') as ValidateJson | undefined;
const check = read('check.json') as CheckReport | undefined;
const parts = [
  '### Open Architecture Registry report',
  validate ? validateMarkdown(validate) : '**oar validate** did not run; see the workflow log.',
  check ? checkMarkdown(check) : '**oar check** did not run (an earlier step failed); see the workflow log.',
  'Run `npx oar validate` and `npx oar check <id>` locally to see the same reports (CONTRIBUTING.md explains every code).',
];
console.log(parts.join('\n\n'));
