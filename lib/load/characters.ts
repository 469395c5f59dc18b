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
