/**
 * The tags `oar deploy` puts on a stack, and `oar status` reads back to find the
 * catalogue entry and version a stack came from: a contract with every stack
 * already running, so a key never changes.
 */
export const STACK_TAG = {
  entry: 'oar:entry',
  version: 'oar:version',
  env: 'oar:env',
  /** The catalogue's commit, with -dirty when it had uncommitted changes, or "unknown". */
  commit: 'oar:commit',
} as const;
