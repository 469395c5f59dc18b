import { OarError } from '../../lib/diagnostics.ts';
import { git } from '../../lib/git.ts';
import { branchFor, changedPaths, changesOutside, entryCommit, fetchRef } from './entry-branch.ts';
import type { GitHub } from './github-client.ts';

/** What to propose, and where. */
export interface ProposeRequest {
  readonly root: string;
  readonly id: string;
  readonly version: string;
  /** The entry folder, e.g. architectures/<id>. */
  readonly dir: string;
  readonly upstream: { readonly owner: string; readonly repo: string };
  readonly title: string;
  readonly body: string;
  readonly dryRun: boolean;
}

/** What `propose` did: the PR, or in a dry run nothing. */
export interface ProposeResult {
  readonly url?: string;
  readonly number?: number;
  readonly action: 'created' | 'updated' | 'dry-run';
}

/** What Octokit rejects a request with: the HTTP status, and the response when one came. */
interface RequestFailure extends Error {
  readonly status: number;
  readonly response?: { readonly headers: Readonly<Record<string, string | number | undefined>> };
}

/** The error as a failed GitHub request, by the `status` Octokit's errors carry; undefined for any other error. */
function requestFailure(error: unknown): RequestFailure | undefined {
  return error instanceof Error && typeof (error as Partial<RequestFailure>).status === 'number'
    ? (error as RequestFailure)
    : undefined;
}

/** Runs one GitHub call and turns its failure into an error that says what to do. */
async function api<T>(step: string, call: () => Promise<T>, notFound?: () => OarError): Promise<T> {
  try {
    return await call();
  } catch (caught) {
    const error = requestFailure(caught);
    if (!error) throw caught;
    const headers = error.response?.headers ?? {};
    if (error.status === 401) {
      throw new OarError('OAR321', `${step}: GitHub rejected the token (401); create a new one and set GITHUB_TOKEN`);
    }
    if (error.status === 429 || (error.status === 403 && headers['x-ratelimit-remaining'] === '0')) {
      const reset = Number(headers['x-ratelimit-reset']);
      const when = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : 'in a while';
      throw new OarError(
        'OAR323',
        `${step}: GitHub's rate limit is used up, even after retries; try again after ${when}`,
      );
    }
    if (error.status === 403) {
      throw new OarError(
        'OAR321',
        `${step}: the token may not do this (403: ${error.message}); it needs the public_repo scope (classic) or contents and pull-requests write access (fine-grained)`,
      );
    }
    if (error.status === 404 && notFound) throw notFound();
    // Octokit reports a request that got no answer (DNS, refused, reset) as status 500 without a response.
    if (error.response === undefined) {
      throw new OarError(
        'OAR326',
        `${step}: could not reach GitHub (${error.message}); check your network or OAR_GITHUB_API_URL`,
      );
    }
    throw new OarError('OAR326', `${step}: GitHub answered ${error.status}: ${error.message}`);
  }
}

/**
 * Git's HTTPS auth for one command, as configuration in its environment (git 2.31+):
 * the token never lands in a URL, a remote, a config file or git's command line,
 * which every local user can read in `ps` or /proc/<pid>/cmdline. The environment
 * is readable only by the same user. Any GIT_CONFIG_* entries already set are kept.
 */
export function authEnv(url: string, token: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!url.startsWith('https://')) return {};
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const count = Number(env['GIT_CONFIG_COUNT'] ?? 0);
  const n = Number.isInteger(count) && count > 0 ? count : 0;
  return {
    GIT_CONFIG_COUNT: String(n + 1),
    [`GIT_CONFIG_KEY_${n}`]: 'http.extraHeader',
    [`GIT_CONFIG_VALUE_${n}`]: `Authorization: Basic ${basic}`,
  };
}

/**
 * Proposes an entry: makes sure the user has a fork of the upstream registry,
 * pushes a branch `entry/<id>` whose only change is the entry's folder, and
 * opens a PR (or updates the open one). `log` hears every step; a dry run
 * only logs them. Every failure happens before the push or leaves the fork's
 * branch as the last good push; nothing local is changed.
 */
export async function propose(
  req: ProposeRequest,
  github: { client: GitHub; token: string } | undefined,
  log: (line: string) => void,
): Promise<ProposeResult> {
  const outside = changesOutside(req.root, req.dir);
  if (outside.length > 0) {
    throw new OarError(
      'OAR325',
      `uncommitted changes outside ${req.dir}/: ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ', …' : ''}; a proposal carries only the entry's folder, so commit or stash them first`,
    );
  }
  const { owner, repo } = req.upstream;
  const branch = branchFor(req.id);
  if (req.dryRun || !github) {
    log(`1. would check that your GitHub account has a fork of ${owner}/${repo}, and create one if not`);
    log(`2. would push ${branch} to the fork: ${owner}/${repo}'s default branch plus ${req.dir}/ as it is on disk`);
    log(`3. would open a pull request from ${branch} against ${owner}/${repo}, or update the open one`);
    log(`\nTitle: ${req.title}\n\n${req.body}`);
    return { action: 'dry-run' };
  }
  const { client, token } = github;

  const me = await api('reading your GitHub account', () => client.rest.users.getAuthenticated());
  const scopes = me.headers['x-oauth-scopes'];
  if (typeof scopes === 'string' && !/(^|,\s*)(public_)?repo(\s*,|$)/u.test(scopes)) {
    throw new OarError(
      'OAR321',
      `the token has the scopes "${scopes}" but needs public_repo (or repo) to fork and push`,
    );
  }
  const login = me.data.login;
  const up = await api(
    `reading ${owner}/${repo}`,
    () => client.rest.repos.get({ owner, repo }),
    () =>
      new OarError('OAR322', `upstream ${owner}/${repo} not found; check --upstream, or whether the token can see it`),
  );
  log(`upstream ${up.data.full_name} (default branch ${up.data.default_branch})`);

  const fork = login === owner ? up.data : await ensureFork(client, login, owner, repo, log);
  const base = fetchRef(req.root, up.data.clone_url, `refs/heads/${up.data.default_branch}`);
  if (!base) throw new OarError('OAR326', `${owner}/${repo} has no branch ${up.data.default_branch} to build on`);
  const commit = entryCommit(
    req.root,
    req.dir,
    base,
    `Propose ${req.id} ${req.version}\n\nOpened with oar propose.\n\nOar-Entry: ${req.id}`,
  );

  const existing = fetchRef(req.root, fork.clone_url, `refs/heads/${branch}`);
  if (existing) {
    const since = git(req.root, ['merge-base', base, existing]);
    const foreign = changedPaths(req.root, since, existing).filter((p) => !p.startsWith(`${req.dir}/`));
    if (foreign.length > 0) {
      throw new OarError(
        'OAR324',
        `${login}/${fork.name} already has a branch ${branch} that changes files outside ${req.dir}/ (${foreign.slice(0, 5).join(', ')}); delete or rename that branch, then run oar propose again`,
      );
    }
  }
  if (existing && changedPaths(req.root, existing, commit).length === 0) {
    log(`${branch} on ${login}/${fork.name} already holds this version of ${req.dir}/`);
  } else {
    git(req.root, ['push', '--quiet', '--force', fork.clone_url, `${commit}:refs/heads/${branch}`], {
      env: authEnv(fork.clone_url, token),
    });
    log(`pushed ${branch} to ${login}/${fork.name} (${commit.slice(0, 12)})`);
  }
  return openOrUpdatePr(client, req, login, up.data.default_branch, log);
}

async function ensureFork(client: GitHub, login: string, owner: string, repo: string, log: (l: string) => void) {
  // 404 means no fork yet; any other failure is explained by api().
  const mine = await api(`looking for ${login}/${repo}`, async () => {
    try {
      return (await client.rest.repos.get({ owner: login, repo })).data;
    } catch (error) {
      if (requestFailure(error)?.status === 404) return undefined;
      throw error;
    }
  });
  if (mine) {
    if (!mine.fork || mine.parent?.full_name !== `${owner}/${repo}`) {
      throw new OarError(
        'OAR324',
        `you have a repository ${mine.full_name} that is not a fork of ${owner}/${repo}; rename it, then run oar propose again`,
      );
    }
    log(`using your fork ${mine.full_name}`);
    return mine;
  }
  const created = await api(`forking ${owner}/${repo}`, () => client.rest.repos.createFork({ owner, repo }));
  log(`created the fork ${created.data.full_name}`);
  return created.data;
}

async function openOrUpdatePr(
  client: GitHub,
  req: ProposeRequest,
  login: string,
  baseBranch: string,
  log: (l: string) => void,
): Promise<ProposeResult> {
  const { owner, repo } = req.upstream;
  const head = `${login}:${branchFor(req.id)}`;
  const findOpen = async () =>
    (await api('listing pull requests', () => client.rest.pulls.list({ owner, repo, head, state: 'open' }))).data[0];
  let pr = await findOpen();
  if (!pr) {
    try {
      const created = await client.rest.pulls.create({
        owner,
        repo,
        head,
        base: baseBranch,
        title: req.title,
        body: req.body,
        maintainer_can_modify: true,
      });
      log(`opened pull request #${created.data.number}: ${created.data.html_url}`);
      return { action: 'created', number: created.data.number, url: created.data.html_url };
    } catch (error) {
      // 422: a PR for this head appeared since we looked (or the list lagged); update that one instead.
      const failure = requestFailure(error);
      if (failure?.status !== 422) {
        const failed = error instanceof Error ? error : new Error(String(error));
        return api('opening the pull request', () => Promise.reject(failed));
      }
      pr = await findOpen();
      if (!pr) throw new OarError('OAR326', `GitHub refused the pull request (422: ${failure.message})`);
    }
  }
  const number = pr.number;
  const updated = await api(`updating pull request #${number}`, () =>
    client.rest.pulls.update({ owner, repo, pull_number: number, title: req.title, body: req.body }),
  );
  log(`updated pull request #${number}: ${updated.data.html_url}`);
  return { action: 'updated', number, url: updated.data.html_url };
}
