import {
  list,
  nullable,
  num,
  object,
  parseShaped,
  quoted,
  text,
  type Infer,
  type Shape,
} from '../../../lib/report/json-shape.ts';
import { parseCheckReport, parseValidateJson } from '../../../lib/report/report-shapes.ts';
import type { ArtifactFile } from './artifact-file.ts';
import { BOT_LOGIN } from '../../../generators/contribute/github-rest.ts';
import { codeSpan, prReportMarkdown } from './markdown.ts';

/**
 * What the privileged pr-report workflow posts, planned from trusted data only: the
 * workflow_run event names the run's head commit and repository, and GitHub's list of
 * pull requests says which PR has that head. The artifact the run uploaded (made by
 * the contributor's code) is believed for nothing: its PR number must be one of those
 * PRs, and its reports are checked strictly and rendered here, never posted as text.
 */

/** The first line of the report comment; with the bot's login it marks the comment to update. */
export const REPORT_MARKER = '<!-- oar-report -->';

// GitHub's payloads grow fields over time: only the fields read are checked.
const open = { others: 'ignore' } as const;
const id = num(1, Number.MAX_SAFE_INTEGER);
const sha = text(40, /^[0-9a-f]{40}$/u);
const repoRef = object({ id }, {}, open);

const runEventShape = object(
  {
    repository: object({ id, full_name: text(200, /^[\w.-]+\/[\w.-]+$/u) }, {}, open),
    workflow_run: object(
      {
        id,
        event: text(100),
        head_sha: sha,
        head_branch: nullable(text(1000)),
        html_url: text(500, /^https:\/\/[^\s()<>[\]`]+$/u),
        conclusion: nullable(text(100, /^[a-z_]+$/u)),
        head_repository: nullable(object({ id, owner: object({ login: text(100) }, {}, open) }, {}, open)),
        pull_requests: list(
          object(
            { number: id, head: object({ sha, repo: repoRef }, {}, open), base: object({ repo: repoRef }, {}, open) },
            {},
            open,
          ),
          1000,
        ),
      },
      {},
      open,
    ),
  },
  {},
  open,
);

/** The parts of a workflow_run event (the file at GITHUB_EVENT_PATH) that the plan reads. */
export type RunEvent = Infer<typeof runEventShape>;

/** Reads the workflow_run event; GitHub wrote it, but a plan should not rest on a field that is not there. */
export function parseRunEvent(source: string): { readonly ok: RunEvent } | { readonly problems: readonly string[] } {
  return parseShaped(source, runEventShape, 50_000_000);
}

/** A pull request as the REST API lists it (GET /repos/{owner}/{repo}/pulls). */
export const pullShape: Shape<PullListed> = object(
  {
    number: id,
    head: object({ sha, repo: nullable(repoRef) }, {}, open),
    base: object({ repo: repoRef }, {}, open),
  },
  {},
  open,
);
/** The fields of a listed pull request the plan reads. */
export interface PullListed {
  readonly number: number;
  readonly head: { readonly sha: string; readonly repo: { readonly id: number } | null };
  readonly base: { readonly repo: { readonly id: number } };
}

/** An issue comment as the REST API lists it. */
export interface IssueComment {
  readonly id: number;
  readonly user: { readonly login: string; readonly type: string } | null;
  readonly body?: string | undefined;
}

/** The files of the `pr-report` artifact the plan reads. */
export interface Artifact {
  readonly prNumber: ArtifactFile;
  readonly validate: ArtifactFile;
  readonly check: ArtifactFile;
}

/** Which PR to comment on, or why not: skip (nothing to do, exit 0) or refuse (a lie or a fault, exit 1). */
export type Target = { readonly pr: number } | { readonly skip: string } | { readonly refuse: string };

/** What to do with the report comment of the target PR. */
export type CommentAction =
  | { readonly kind: 'create'; readonly pr: number; readonly body: string; readonly refused?: string }
  | {
      readonly kind: 'update';
      readonly pr: number;
      readonly commentId: number;
      readonly body: string;
      readonly refused?: string;
    };

/**
 * The `head` filter (owner:branch) that lists the run's open PRs through the API:
 * a fork's PRs are never in the event's `pull_requests`, and a same-repository PR
 * may be missing there too. Undefined when the head repository is gone.
 */
export function headFilter(event: RunEvent): string | undefined {
  const run = event.workflow_run;
  if (!run.head_repository || run.head_branch === null) return undefined;
  return `${run.head_repository.owner.login}:${run.head_branch}`;
}

/**
 * The PR the run belongs to: one of this repository's PRs whose head is the run's
 * head commit from the run's head repository. The artifact's PR number must be one of
 * them; a run with no such PR (pushed again, or closed since) has nothing to report.
 */
export function choosePullRequest(event: RunEvent, listed: readonly PullListed[], artifact: Artifact): Target {
  const run = event.workflow_run;
  if (run.event !== 'pull_request') return { skip: `the run was started by ${quoted(run.event)}, not a pull request` };
  const fromEvent: PullListed[] = run.pull_requests.map((p) => ({ number: p.number, head: p.head, base: p.base }));
  const numbers = [...fromEvent, ...listed]
    .filter(
      (p) =>
        p.head.sha === run.head_sha &&
        p.base.repo.id === event.repository.id &&
        run.head_repository !== null &&
        p.head.repo?.id === run.head_repository.id,
    )
    .map((p) => p.number);
  const trusted = [...new Set(numbers)].sort((a, b) => a - b);
  const claimed = prNumberOf(artifact.prNumber);
  if (typeof claimed === 'string') return { refuse: claimed };
  if (trusted.length === 0) {
    return {
      skip: `no open pull request here has the head ${run.head_sha.slice(0, 7)}; it was pushed to again, or closed`,
    };
  }
  if (!trusted.includes(claimed)) {
    return {
      refuse: `the artifact names PR #${claimed}, but run ${run.id} belongs to ${trusted.map((n) => `#${n}`).join(', ')}`,
    };
  }
  return { pr: claimed };
}

function prNumberOf(file: ArtifactFile): number | string {
  if (file === undefined) return 'the artifact has no pr-number file';
  if (typeof file !== 'string') return `the artifact's pr-number was not read: ${file.unreadable}`;
  const match = /^([1-9]\d{0,9})\n?$/u.exec(file);
  const n = Number(match?.[1]);
  return match && Number.isSafeInteger(n) && n <= 2 ** 31
    ? n
    : `the artifact's pr-number is not a PR number: ${quoted(file)}`;
}

/**
 * The comment for `pr`: the report rebuilt from the artifact's validate.json and
 * check.json once both pass their strict checks, or a notice that says why they did
 * not; it replaces the bot's earlier report comment, if any.
 */
export function planComment(
  pr: number,
  event: RunEvent,
  artifact: Artifact,
  comments: readonly IssueComment[],
): CommentAction {
  const validate = readReport('validate.json', artifact.validate, parseValidateJson);
  const check = readReport('check.json', artifact.check, parseCheckReport);
  const problems = [...validate.problems, ...check.problems];
  const run = event.workflow_run;
  const footer = `<sub>Report of [run ${run.id}](${run.html_url}) on ${run.head_sha.slice(0, 7)}, which ended: ${run.conclusion ?? 'unknown'}.</sub>`;
  const report =
    problems.length === 0
      ? prReportMarkdown(validate.ok, check.ok)
      : [
          '### Open Architecture Registry report',
          '❌ The report this run uploaded was refused, so it is not shown. What is wrong with it:',
          problems.map((p) => `- ${codeSpan(p, 300)}`).join('\n'),
        ].join('\n\n');
  const body = [REPORT_MARKER, report, '', footer].join('\n');
  const refused = problems.length > 0 ? problems.join('; ') : undefined;
  const mine = comments.find(
    (c) => c.user?.login === BOT_LOGIN && c.user.type === 'Bot' && /^<!-- oar-report -->\r?\n/u.test(c.body ?? ''),
  );
  const base = refused === undefined ? {} : { refused };
  return mine ? { kind: 'update', pr, commentId: mine.id, body, ...base } : { kind: 'create', pr, body, ...base };
}

function readReport<T>(
  name: string,
  file: ArtifactFile,
  parse: (source: string) => { readonly ok: T } | { readonly problems: readonly string[] },
): { ok: T | undefined; problems: string[] } {
  if (file === undefined) return { ok: undefined, problems: [] };
  if (typeof file !== 'string') return { ok: undefined, problems: [`${name}: ${file.unreadable}`] };
  const parsed = parse(file);
  return 'ok' in parsed
    ? { ok: parsed.ok, problems: [] }
    : { ok: undefined, problems: parsed.problems.map((p) => `${name}: ${p}`) };
}
