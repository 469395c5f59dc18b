import { distance } from 'fastest-levenshtein';

/** The closest candidate to `value` when it is close enough to be a likely typo, else undefined. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const needle = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(needle.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

// Characters that JSON leaves as they are but a terminal or a reader must not get raw:
// DEL and C1 controls, line and paragraph separators, bidirectional-text controls.
const UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** A received value, short enough for one line of a message, with every control character escaped. */
export function showValue(value: unknown): string {
  const text = value === undefined ? 'nothing' : json(value);
  const safe = text.replace(UNSAFE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
  const chars = Array.from(safe);
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}...` : safe;
}

function json(value: unknown): string {
  // JSON has no infinity or NaN (it would write null), and throws on a value that contains itself.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? '[a list that contains itself]' : '{a mapping that contains itself}';
  }
}
