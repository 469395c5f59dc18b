import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEntryFiles, wasRefused } from '../../lib/load/entry-files.ts';
import { loadCatalogue } from '../../lib/load/read-catalogue.ts';
import { formatDiagnostics } from '../../lib/report/format-diagnostics.ts';
import { MAX_ENTRY_FILES } from '../../lib/load/limits.ts';
import { validateCatalogue } from '../../lib/validate/validate-catalogue.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

let dir: string;
const write = (rel: string, text = 'x\n') => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const list = () => listEntryFiles(dir, 'architectures/e');
const codes = (l: ReturnType<typeof list>) => l.diagnostics.map((d) => `${d.code} ${d.file}`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oar-entry-files-'));
  write('README.mdx');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('listEntryFiles', () => {
  it('refuses every symbolic link, inside the entry or out, and follows none of them', () => {
    write('diagrams/main.mmd');
    for (let i = 0; i < 5; i++) symlinkSync('.', join(dir, `l${i}`));
    symlinkSync('main.mmd', join(dir, 'diagrams/alias.mmd'));
    symlinkSync('/etc/passwd', join(dir, 'passwd'));
    symlinkSync('nowhere', join(dir, 'dangling'));
    const l = list();
    expect(l.files.map((f) => f.rel)).toEqual(['README.mdx', 'diagrams/main.mmd']);
    expect(codes(l)).toEqual([
      'OAR003 architectures/e/dangling',
      'OAR003 architectures/e/l0',
      'OAR003 architectures/e/l1',
      'OAR003 architectures/e/l2',
      'OAR003 architectures/e/l3',
      'OAR003 architectures/e/l4',
      'OAR003 architectures/e/passwd',
      'OAR003 architectures/e/diagrams/alias.mmd',
    ]);
    expect(l.diagnostics[1]?.message).toMatch(/^symbolic link to "\."; .*replace it with the file or folder itself$/u);
  });

  it('refuses a FIFO and a socket from their lstat, without opening them (opening a FIFO would block)', () => {
    execFileSync('mkfifo', [join(dir, 'CHANGELOG.md')]);
    execFileSync('python3', [
      '-c',
      'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
      join(dir, 's'),
    ]);
    const l = list();
    expect(l.files.map((f) => f.rel)).toEqual(['README.mdx']);
    expect(l.diagnostics.map((d) => d.message)).toEqual([
      'a named pipe (FIFO), not a regular file; remove it from the entry',
      'a socket, not a regular file; remove it from the entry',
    ]);
    expect([...l.refused]).toEqual(['CHANGELOG.md', 's']);
  });

  it('refuses names that are not UTF-8 or hold controls, showing their bytes escaped', () => {
    mkdirSync(join(dir, 'cdk'));
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/cdk/cdk-`), Buffer.from([0xff]), Buffer.from('.ts')]), 'x');
    write('diagrams/x\u001b]0;PWNED\u0007\nforged.mmd');
    write('notes-\u202egpj.txt');
    const l = list();
    expect(l.files.map((f) => f.rel)).toEqual(['README.mdx']);
    expect(codes(l)).toEqual([
      'OAR008 architectures/e/notes-\\u202egpj.txt',
      'OAR008 architectures/e/cdk/cdk-\\xff.ts',
      'OAR008 architectures/e/diagrams/x\\x1b]0;PWNED\\x07\\nforged.mmd',
    ]);
    expect(wasRefused(l, 'diagrams/x\u001b]0;PWNED\u0007\nforged.mmd')).toBe(true);
  });

  it('stops at the cap on files, after listing the entry’s own top-level files first', () => {
    mkdirSync(join(dir, 'aaa'));
    for (let i = 0; i <= MAX_ENTRY_FILES; i++) writeFileSync(join(dir, 'aaa', `f${i}`), '');
    write('architecture.yaml');
    const l = list();
    expect(l.complete).toBe(false);
    expect(codes(l)).toEqual(['OAR007 architectures/e']);
    expect(l.files.map((f) => f.rel)).toContain('architecture.yaml');
    expect(wasRefused(l, 'diagrams/main.mmd')).toBe(true);
  });

  it('stops at the cap on bytes', () => {
    for (let i = 0; i < 17; i++) write(`data/part${i}.bin`, 'x'.repeat(1_000_000));
    const l = list();
    expect(l.complete).toBe(false);
    expect(l.diagnostics[0]?.message).toBe(
      'entry files add up to more than 16.0 MiB; move large data out of the entry',
    );
  });

  it('counts a file inside a refused folder as refused, not missing', () => {
    symlinkSync('/etc', join(dir, 'diagrams'));
    const l = list();
    expect(wasRefused(l, 'diagrams/main.mmd')).toBe(true);
    expect(wasRefused(l, 'diagrams-other/main.mmd')).toBe(false);
  });
});

describe('a file refused while loading', () => {
  it('is not also reported as missing (OAR208) when it is a listed diagram over its size limit', () => {
    const cat = tempCatalogue('valid');
    try {
      const file = join(cat.root, 'architectures/tiny-web/diagrams/main.mmd');
      writeFileSync(file, `flowchart LR\n${'  a --> b\n'.repeat(8000)}`);
      const result = validateCatalogue(loadCatalogue(cat.root));
      expect(result.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual([
        'OAR002 architectures/tiny-web/diagrams/main.mmd',
      ]);
    } finally {
      cat.dispose();
    }
  });
});

describe('entry folder names', () => {
  it('refuses a name that is not UTF-8 or holds controls (OAR008), and still reads the others', () => {
    const cat = tempCatalogue('valid');
    try {
      const base = join(cat.root, 'architectures');
      mkdirSync(Buffer.concat([Buffer.from(`${base}/evil-`), Buffer.from([0xc0, 0xaf])]));
      mkdirSync(join(base, 'x\u001b[2K\u009b'));
      writeFileSync(join(base, 'notes.txt'), 'a file beside the entries is not an entry\n');
      const loaded = loadCatalogue(cat.root);
      expect(loaded.entries.map((e) => e.folder)).toEqual(['tiny-web', 'tiny-web-fork']);
      expect(formatDiagnostics(loaded.diagnostics)).toMatchInlineSnapshot(`
        "architectures/evil-\\xc0\\xaf  OAR008  entry folder name is not valid UTF-8; rename it to the entry id
        architectures/x\\x1b[2K\\x9b  OAR008  entry folder name holds control characters; rename it to the entry id"
      `);
    } finally {
      cat.dispose();
    }
  });
});
