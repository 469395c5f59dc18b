import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prReportMarkdown } from './report/markdown.ts';
import { parseCheckReport, parseValidateJson, type Parsed } from '../../lib/report/report-shapes.ts';

/**
 * `node scripts/tasks/pr-report.ts <dir>`: the PR report, in Markdown, from the
 * validate and check reports the PR workflow wrote into <dir>, for the run's summary
 * page. It reads them as strictly as pr-comment.ts will (exit 1 when it would refuse
 * them), so a change to the report format fails here, in the PR, not after it.
 * A missing report is said so, because a step that did not run is news too.
 */
const dir = process.argv[2] ?? 'pr-report';
const problems: string[] = [];
function read<T>(file: string, parse: (source: string) => Parsed<T>): T | undefined {
  if (!existsSync(join(dir, file))) return undefined;
  const parsed = parse(readFileSync(join(dir, file), 'utf8'));
  if ('ok' in parsed) return parsed.ok;
  problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
  return undefined;
}

const markdown = prReportMarkdown(read('validate.json', parseValidateJson), read('check.json', parseCheckReport));
console.log(markdown);
if (problems.length > 0) {
  console.error(`The report comment would be refused:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
