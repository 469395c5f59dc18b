// ignoreBOM keeps a byte-order mark in the text, so the YAML stage can report it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Where a file stops being UTF-8 (1-based, the column counted as editors do), and what to do about it. */
export interface Utf8Problem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** The text of a UTF-8 file, or where and why it is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | Utf8Problem {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstBadByte(bytes);
    // Everything before the bad byte is UTF-8, so it decodes.
    const before = utf8.decode(bytes.subarray(0, bad));
    const lineStart = before.lastIndexOf('\n') + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      line: before.slice(0, lineStart).split('\n').length,
      col: before.length - lineStart + 1,
      message: `file is not valid UTF-8 text: byte 0x${byte} is not part of a UTF-8 character (was the file saved as Latin-1 or Windows-1252?); save it with UTF-8 encoding`,
    };
  }
}

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence, by the
 * Unicode standard's table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF.
 */
function firstBadByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const form = sequenceOf(lead);
    if (!form) return i;
    for (let k = 1; k < form.length; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [form.min, form.max] : [0x80, 0xbf];
      // A truncated or broken sequence goes wrong at its lead byte.
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += form.length;
  }
  return bytes.length;
}

/** The length of the sequence a lead byte starts, and the range its second byte must fall in. */
function sequenceOf(lead: number): { length: number; min: number; max: number } | undefined {
  if (lead < 0x80) return { length: 1, min: 0, max: 0 };
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, min: 0x80, max: 0xbf };
  if (lead === 0xe0) return { length: 3, min: 0xa0, max: 0xbf };
  if (lead === 0xed) return { length: 3, min: 0x80, max: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, min: 0x80, max: 0xbf };
  if (lead === 0xf0) return { length: 4, min: 0x90, max: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, min: 0x80, max: 0xbf };
  if (lead === 0xf4) return { length: 4, min: 0x80, max: 0x8f };
  return undefined;
}
