import type { IssueComment, PullListed } from '../../scripts/tasks/report/pr-comment-plan.ts';
import { BOT_LOGIN } from '../../generators/contribute/github-rest.ts';

/** The repository the workflows run in, and a fork of it, by id. */
export const REPO = { id: 100, full_name: 'oar/registry' };
export const FORK = { id: 200, owner: { login: 'mallory' } };
/** The head commit of the run in the examples. */
export const HEAD_SHA = 'b'.repeat(40);

/** How a test's workflow_run event differs from a finished run of a fork's PR. */
export interface RunSketch {
  readonly event?: string;
  readonly headSha?: string;
  readonly headRepository?: { readonly id: number; readonly owner: { readonly login: string } } | null;
  /** Same-repository PRs, as GitHub lists them in the event. */
  readonly pullRequests?: readonly {
    readonly number: number;
    readonly headSha?: string;
    readonly baseRepoId?: number;
  }[];
}

/** A workflow_run event payload, as the runner writes it to GITHUB_EVENT_PATH (with fields the plan ignores). */
export function runEvent(s: RunSketch = {}): string {
  const headRepository = s.headRepository === undefined ? FORK : s.headRepository;
  return JSON.stringify({
    action: 'completed',
    repository: { ...REPO, name: 'registry', private: false },
    sender: { login: 'mallory' },
    workflow_run: {
      id: 4242,
      name: 'Pull request',
      event: s.event ?? 'pull_request',
      head_sha: s.headSha ?? HEAD_SHA,
      head_branch: 'entry/tiny',
      html_url: 'https://github.com/oar/registry/actions/runs/4242',
      conclusion: 'failure',
      head_repository: headRepository,
      pull_requests: (s.pullRequests ?? []).map((p) => ({
        id: 9000 + p.number,
        number: p.number,
        url: `https://api.github.com/repos/oar/registry/pulls/${p.number}`,
        head: { ref: 'entry/tiny', sha: p.headSha ?? HEAD_SHA, repo: { id: headRepository?.id ?? REPO.id } },
        base: { ref: 'main', sha: 'a'.repeat(40), repo: { id: p.baseRepoId ?? REPO.id } },
      })),
    },
  });
}

/** An open PR as GET /pulls lists it. */
export function listedPull(number: number, over: { headSha?: string; headRepoId?: number | null } = {}): PullListed {
  return {
    number,
    head: { sha: over.headSha ?? HEAD_SHA, repo: over.headRepoId === null ? null : { id: over.headRepoId ?? FORK.id } },
    base: { repo: { id: REPO.id } },
  };
}

/** An issue comment by `login` (a Bot when it ends in [bot]). */
export function comment(id: number, login: string, body: string): IssueComment {
  return { id, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, body };
}

/** The bot's own earlier report comment. */
export const botReport = (id: number, body: string) => comment(id, BOT_LOGIN, body);
