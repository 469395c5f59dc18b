import { escapeControls } from '../control-chars.ts';

/**
 * Text from a contributor or a user, quoted for a message: JSON-escaped, with the
 * characters JSON leaves raw but a terminal or a bidi renderer acts on escaped too
 * (lib/control-chars.ts), and cut to `max` characters so a 100,000-character argument
 * is not echoed whole.
 */
export function shown(text: string, max = 40): string {
  const chars = Array.from(text);
  const short = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return escapeControls(JSON.stringify(short));
}
