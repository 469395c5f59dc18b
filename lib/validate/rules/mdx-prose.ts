/** A line of README.mdx outside fenced code, with inline code spans blanked out. */
export interface ProseLine {
  /** 1-based line number. */
  readonly line: number;
  /** The line as written. */
  readonly raw: string;
  /** The line with `code spans` replaced by spaces, so columns still match. */
  readonly prose: string;
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const CODE_SPAN = /(`+)(?:(?!\1)[\s\S])*?\1/g;

/** A fenced code block's opening line, and the language its info string names (empty when none). */
export interface CodeFence {
  /** 1-based line number of the opening fence. */
  readonly line: number;
  readonly lang: string;
}

/** The lines MDX treats as markup and code, i.e. everything outside fenced code blocks. */
export function proseLines(text: string): ProseLine[] {
  return splitFences(text).prose;
}

/** Every fenced code block's opening line and language. */
export function codeFences(text: string): CodeFence[] {
  return splitFences(text).fences;
}

function splitFences(text: string): { prose: ProseLine[]; fences: CodeFence[] } {
  const prose: ProseLine[] = [];
  const fences: CodeFence[] = [];
  let fence: string | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const match = FENCE.exec(raw);
    const marker = match?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (match && marker !== undefined) {
      fence = marker;
      fences.push({ line: i + 1, lang: raw.slice(match[0].length).trim().split(/\s+/)[0] ?? '' });
      continue;
    }
    prose.push({ line: i + 1, raw, prose: raw.replace(CODE_SPAN, (m) => ' '.repeat(m.length)) });
  }
  return { prose, fences };
}
