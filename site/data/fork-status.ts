import type { AdvisoryHandling } from '../../schema/architecture.ts';
import type { ForkState } from '../../lib/resolve/upstream.ts';

/** The words of each fork state, so a badge never says it by colour alone. */
export const FORK_STATE_LABELS: Readonly<Record<ForkState, string>> = {
  'up-to-date': 'up to date',
  behind: 'behind',
  affected: 'affected',
};

/** How the fork handled one parent advisory, in words: "fixed", "not affected: <reason>", or "open". */
export function handlingText(handling: AdvisoryHandling | undefined): string {
  if (handling === undefined) return 'open';
  const status = handling.status === 'not-affected' ? 'not affected' : handling.status;
  return handling.reason ? `${status}: ${handling.reason}` : status;
}
