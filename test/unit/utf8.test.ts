import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../lib/load/utf8.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('decodes UTF-8, keeping a byte-order mark for the YAML stage to report', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'id: café\n'))).toEqual({ text: '\uFEFFid: café\n' });
  });

  it.each([
    { what: 'a Latin-1 byte', input: bytes('a: 1\nb: 2\nCaf', [0xe9], '\n'), line: 3, col: 4, byte: 'E9' },
    { what: 'an overlong NUL (C0 80)', input: bytes('ab', [0xc0, 0x80]), line: 1, col: 3, byte: 'C0' },
    { what: 'an encoded surrogate (ED A0 80)', input: bytes('x\n', [0xed, 0xa0, 0x80]), line: 2, col: 1, byte: 'ED' },
    {
      what: 'a code point past U+10FFFF (F4 90 80 80)',
      input: bytes([0xf4, 0x90, 0x80, 0x80]),
      line: 1,
      col: 1,
      byte: 'F4',
    },
    { what: 'a sequence cut short at the end', input: bytes('é ok\n€', [0xe2, 0x82]), line: 2, col: 2, byte: 'E2' },
    { what: 'a stray continuation byte', input: bytes('🙂', [0x80]), line: 1, col: 3, byte: '80' },
    { what: 'a byte that never occurs in UTF-8', input: bytes('a\r\nb', [0xff, 0xfe]), line: 2, col: 2, byte: 'FF' },
  ])('finds $what at $line:$col', ({ input, line, col, byte }) => {
    const problem = decodeUtf8(input);
    expect(problem).toMatchObject({ line, col });
    expect('message' in problem && problem.message).toBe(
      `file is not valid UTF-8 text: byte 0x${byte} is not part of a UTF-8 character (was the file saved as Latin-1 or Windows-1252?); save it with UTF-8 encoding`,
    );
  });
});
