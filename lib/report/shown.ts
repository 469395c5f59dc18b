/**
 * Text from a contributor or a user, quoted for a message: JSON-escaped (C0
 * controls as \u), with the characters JSON leaves raw but a terminal or a
 * bidi renderer acts on (DEL, C1, invisible and bidi controls) as \u too, and
 * cut to `max` characters so a 100,000-character argument is not echoed whole.
 */
export function shown(text: string, max = 40): string {
  const chars = Array.from(text);
  const short = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
