import { BOT_LOGIN } from '../../../generators/contribute/github-rest.ts';

/**
 * What the scheduled workflow's issue planners share (rot-issues.ts, advisory-issues.ts):
 * one open issue per subject (a failing entry, an affected fork), found by a marker on
 * the first line of the bot's own issues, and the create / update / close plan that
 * makes the open issues match the report. Pure: the runner (labelled-issues.ts) does
 * the GitHub calls.
 */

/** An open issue with the planner's label, as the API lists it. */
export interface OpenIssue {
  readonly number: number;
  readonly body: string | null;
  /** Who opened it: only the bot's own issues are the scheduled check's to update or close. */
  readonly author: string | undefined;
}

/** What to do on GitHub so that open issues match the report. */
export type IssueAction =
  | { readonly kind: 'create'; readonly id: string; readonly title: string; readonly body: string }
  | {
      readonly kind: 'update';
      readonly id: string;
      readonly number: number;
      readonly title: string;
      readonly body: string;
    }
  | { readonly kind: 'close'; readonly id: string; readonly number: number; readonly comment: string };

/** The marker kinds: one per planner, so neither takes the other's issues. */
export type MarkerKind = 'oar-entry' | 'oar-fork';

/** The first line of an issue about `id`. */
export const issueMarker = (kind: MarkerKind, id: string): string => `<!-- ${kind}: ${id} -->`;

// The subject is recorded on the first line of the body, so a renamed title cannot orphan
// the issue; only the first line counts, as quoted entry text could hold a marker too.
const markedId = (kind: MarkerKind, body: string | null) =>
  new RegExp(`^<!-- ${kind}: ([a-z0-9-]+) -->\\r?\\n`, 'u').exec(body ?? '')?.[1];

/** One subject of the report: it wants an open issue, or its issue (if any) is closed with a comment. */
export type Subject =
  | { readonly id: string; readonly issue: { readonly title: string; readonly body: string } }
  | { readonly id: string; readonly resolved: string };

/** How one planner plans. */
export interface PlanOptions {
  readonly kind: MarkerKind;
  /**
   * The comment that closes the bot's issue about a subject the report no longer lists;
   * without it, such an issue is left alone.
   */
  readonly gone?: (id: string) => string;
}

/**
 * Plans the issue changes for one run: open an issue for each subject that wants one,
 * refresh an open one only when its body's substance changed, and close the issue of a
 * subject that is resolved (or, with `gone`, no longer listed).
 */
export function planIssues(subjects: readonly Subject[], open: readonly OpenIssue[], opts: PlanOptions): IssueAction[] {
  const byId = new Map(
    open.flatMap((i) => {
      const id = i.author === BOT_LOGIN ? markedId(opts.kind, i.body) : undefined;
      return id === undefined ? [] : [[id, i] as const];
    }),
  );
  const actions: IssueAction[] = [];
  for (const s of subjects) {
    const issue = byId.get(s.id);
    byId.delete(s.id);
    if ('issue' in s) {
      if (!issue) actions.push({ kind: 'create', id: s.id, ...s.issue });
      else if (stripRun(issue.body ?? '') !== stripRun(s.issue.body))
        actions.push({ kind: 'update', id: s.id, number: issue.number, ...s.issue });
    } else if (issue) actions.push({ kind: 'close', id: s.id, number: issue.number, comment: s.resolved });
  }
  if (opts.gone) {
    for (const [id, issue] of byId) actions.push({ kind: 'close', id, number: issue.number, comment: opts.gone(id) });
  }
  return actions;
}

/** The words a body carries its date and run link in, which change every week. */
export const checkedIn = (checkedAt: string, runUrl: string): string =>
  `checked ${checkedAt.slice(0, 10)} in ${runUrl}.`;

// Only a changed report is worth a notification, not a new date or run link.
function stripRun(body: string): string {
  return body.replace(/checked \d{4}-\d{2}-\d{2} in \S+\./u, '');
}
