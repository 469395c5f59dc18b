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

/** The lines MDX treats as markup and code, i.e. everything outside fenced code blocks. */
export function proseLines(text: string): ProseLine[] {
  const out: ProseLine[] = [];
  let fence: string | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const marker = FENCE.exec(raw)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    out.push({ line: i + 1, raw, prose: raw.replace(CODE_SPAN, (m) => ' '.repeat(m.length)) });
  }
  return out;
}
