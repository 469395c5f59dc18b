/** An IPv4 CIDR block as the first and last address, as unsigned 32-bit numbers. */
export interface Range {
  readonly cidr: string;
  readonly first: number;
  readonly last: number;
}

/** Parses `a.b.c.d/n`; throws with the offending text when it is not an IPv4 CIDR block. */
export function parseCidr(cidr: string): Range {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/u.exec(cidr);
  const parts = match?.slice(1).map(Number) ?? [];
  const [a = 0, b = 0, c = 0, d = 0, prefix = -1] = parts;
  if (!match || [a, b, c, d].some((o) => o > 255) || prefix > 32) {
    throw new Error(`${JSON.stringify(cidr)} is not an IPv4 CIDR block such as 10.100.0.0/16`);
  }
  const address = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { cidr, first, last: first + size - 1 };
}

/** A comma-separated list of CIDR blocks; empty text is an empty list. */
export function cidrList(text: string): string[] {
  return text === '' ? [] : text.split(',').map((c) => c.trim());
}

/** Every pair of blocks from different named groups (or within one group) that overlap, as text. */
export function overlaps(groups: Readonly<Record<string, readonly string[]>>): string[] {
  const ranges = Object.entries(groups).flatMap(([group, cidrs]) => cidrs.map((c) => ({ group, ...parseCidr(c) })));
  const found: string[] = [];
  ranges.forEach((x, i) => {
    for (const y of ranges.slice(i + 1)) {
      if (x.first <= y.last && y.first <= x.last) found.push(`${x.group} ${x.cidr} overlaps ${y.group} ${y.cidr}`);
    }
  });
  return found;
}

/** True when every address of `inner` lies inside `outer`. */
export function covers(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return o.first <= i.first && i.last <= o.last;
}
