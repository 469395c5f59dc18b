/**
 * Characters that must never reach a terminal or a log as they are: C0 and C1 controls
 * (ESC starts the sequences that set window titles, write the clipboard with OSC 52 or
 * erase lines), DEL, the bidirectional controls that reorder what a reader sees, the
 * invisible ones that hide text (zero-width, soft hyphen, byte-order mark, noncharacters)
 * and the Unicode line separators. Tab and newline are in the set too; callers that keep
 * them say so.
 */
const OTHERS = '\\u007f-\\u009f\\u00ad\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff0-\\uffff';
const CONTROL = new RegExp(`[\\u0000-\\u001f${OTHERS}]`, 'gu');
const ANY_CONTROL = new RegExp(CONTROL.source, 'u');
const CONTROL_BUT_LAYOUT = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`, 'gu');

/** A visible escape for one character: \n, \t, \xNN below U+0100, \uNNNN above. */
function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when `text` holds any control, bidi or line-separator character, newline and tab included. */
export function hasControlChars(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** `text` with every control character escaped visibly, newlines and tabs too: for one-line output. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** `text` for a terminal: controls escaped, but newlines and tabs kept as layout. */
export function escapeForTerminal(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, escapeChar);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file name as raw bytes, as text when it is valid UTF-8, else undefined. */
export function decodeName(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A file name for messages: bytes that are not valid UTF-8 as \xNN, controls escaped,
 * e.g. `cdk-\xff.ts`, so the name can be shown and searched for without harm.
 */
export function showName(bytes: Uint8Array): string {
  const text = decodeName(bytes);
  if (text !== undefined) return escapeControls(text);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    // The valid UTF-8 sequence (1 to 4 bytes) that starts here, else one raw byte.
    let taken = 0;
    for (let n = 1; n <= 4 && i + n <= bytes.length && taken === 0; n++) {
      const piece = decodeName(bytes.subarray(i, i + n));
      if (piece !== undefined) {
        out += escapeControls(piece);
        taken = n;
      }
    }
    if (taken === 0) {
      out += `\\x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}`;
      taken = 1;
    }
    i += taken;
  }
  return out;
}

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL, the terminal bell',
  0x08: 'backspace',
  0x09: 'tab',
  0x0a: 'line feed, a line break',
  0x0d: 'carriage return',
  0x1b: 'ESC, which starts terminal escape sequences',
  0x7f: 'DEL',
  0x85: 'NEL, next line',
  0x9b: 'CSI, a terminal control sequence',
  0x9d: 'OSC, a terminal command',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

/** A character for messages: its code point, and its name when it is one that hides in text, e.g. `U+001B (ESC, …)`. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  return name ? `${hex} (${name})` : hex;
}

/** True for the bidirectional-text controls that reorder how text is shown (the "Trojan Source" characters). */
export function isBidiControl(char: string): boolean {
  return /^[\u202a-\u202e\u2066-\u2069]$/u.test(char);
}
