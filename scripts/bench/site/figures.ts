/** One first query in a fresh browser: bytes fetched and time to its first result. */
export interface FirstQuery {
  readonly query: string;
  readonly pageWire: number;
  readonly wire: number;
  /** Bytes the server sent in the same window: counts requests the page's own network log misses. */
  readonly served: number;
  readonly raw: number;
  readonly files: readonly { path: string; wire: number }[];
  readonly fromKey: number;
  readonly fromFocus: number;
  readonly wall: number;
}

/** What one search (ours or Pagefind) measured on one site. */
export interface SearchFigures {
  readonly first: readonly FirstQuery[];
  readonly dom: readonly number[];
  readonly layout: readonly number[];
  // Bytes fetched while the latency queries ran: zero for one index file, more when an index loads in pieces.
  readonly moreWire: number;
}

/** Everything measured for one catalogue size; undefined where a step failed or was skipped. */
export interface SizeResult {
  readonly n: number;
  /** Wall-clock ms of each cold build, ours and the bare baseline, run alternately. */
  readonly builds: number[];
  readonly bares: number[];
  ours?: SearchFigures | undefined;
  pagefind?: (SearchFigures & { indexMs: number }) | undefined;
  readonly problems: string[];
}
