import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTestHarnessFile, listEntryFiles } from '../../lib/load/entry-files.ts';

/** One source file of an entry as its page shows it. */
export interface SourceFile {
  readonly path: string;
  readonly lang: string;
  readonly code: string;
  readonly lines: number;
}

const LANGS: Readonly<Record<string, string>> = {
  ts: 'ts',
  js: 'js',
  mjs: 'js',
  py: 'python',
  sh: 'bash',
  pp: 'puppet',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  md: 'markdown',
  service: 'ini',
  conf: 'ini',
};

// The metadata, notes, diagrams and changelog have their own sections on the entry page.
const SHOWN_ELSEWHERE = /^(architecture\.yaml|README\.mdx|CHANGELOG\.md|diagrams\/.*)$/u;
const MAX_BYTES = 200_000;

/** The stack, bootstrap and other code of an entry, stack first, for display with highlighting. */
export function sourceFiles(root: string, dir: string): SourceFile[] {
  const { files } = listEntryFiles(join(root, dir), dir);
  const shown: SourceFile[] = [];
  for (const f of files) {
    if (SHOWN_ELSEWHERE.test(f.rel) || isTestHarnessFile(f.rel) || f.size > MAX_BYTES) continue;
    const code = readFileSync(f.abs, 'utf8');
    if (code.includes('\u0000')) continue;
    const ext = f.rel.split('.').at(-1) ?? '';
    shown.push({ path: f.rel, lang: LANGS[ext] ?? 'txt', code, lines: code.split('\n').length });
  }
  return shown.sort(
    (a, b) => Number(b.path === 'cdk/stack.ts') - Number(a.path === 'cdk/stack.ts') || a.path.localeCompare(b.path),
  );
}

/** The fragment id of a source file on the entry's source page. */
export function anchor(path: string): string {
  return `file-${path.replace(/[^A-Za-z0-9]+/gu, '-')}`;
}
