import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One request the fake received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown> | undefined;
  readonly authorization: string | undefined;
}

/** A canned failure for `METHOD /path` (query string excluded). */
export interface Failure {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly message?: string;
  /** How many times to fail before answering normally; default always. */
  readonly times?: number;
}

interface Pull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
}

/**
 * A small stand-in for the GitHub REST API on 127.0.0.1, with GitHub's
 * documented request and response shapes for the calls `oar propose` makes.
 * Repositories are bare git repositories in `dir`, cloned over file:// URLs;
 * it records every request so tests can assert on them.
 */
export class FakeGitHub {
  readonly received: Received[] = [];
  readonly failures = new Map<string, Failure>();
  readonly pulls: Pull[] = [];
  /** The user the token belongs to, and the scopes a classic token would report. */
  login = 'contributor';
  scopes = 'public_repo, read:org';
  /** Pretend the pull list lags once: it returns nothing, so a create meets 422. */
  listLags = false;
  private server: Server | undefined;
  private readonly repos = new Map<string, Record<string, unknown>>();

  private readonly dir: string;
  private readonly upstream: { owner: string; repo: string };
  private readonly httpsBase: string | undefined;

  /**
   * `httpsBase` (e.g. https://github.test) makes clone URLs https ones under it, as
   * GitHub's are, so oar sends its auth header; map them to `cloneUrl` with `insteadOf`.
   */
  constructor(dir: string, upstream: { owner: string; repo: string }, opts: { httpsBase?: string } = {}) {
    this.dir = dir;
    this.upstream = upstream;
    this.httpsBase = opts.httpsBase;
    this.repos.set(`${upstream.owner}/${upstream.repo}`, this.repo(upstream.owner, upstream.repo, false));
  }

  /** file:// URL of a repository's bare git folder. */
  cloneUrl(owner: string, repo: string): string {
    return pathToFileURL(join(this.dir, `${owner}--${repo}.git`)).href;
  }

  private repo(owner: string, repo: string, fork: boolean): Record<string, unknown> {
    return {
      id: this.repos.size + 1,
      name: repo,
      full_name: `${owner}/${repo}`,
      owner: { login: owner },
      default_branch: 'main',
      clone_url: this.httpsBase ? `${this.httpsBase}/${owner}/${repo}.git` : this.cloneUrl(owner, repo),
      fork,
      ...(fork && { parent: { full_name: `${this.upstream.owner}/${this.upstream.repo}` } }),
    };
  }

  /** Starts listening on a free loopback port; returns the API base URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Requests as "METHOD /path", in order, for compact assertions. */
  calls(): string[] {
    return this.received.map((r) => `${r.method} ${r.path}`);
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    this.received.push({
      method,
      path: url.pathname,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      authorization: req.headers.authorization,
    });
    const failure = this.failures.get(`${method} ${url.pathname}`);
    if (failure && (failure.times ?? Infinity) > 0) {
      this.failures.set(`${method} ${url.pathname}`, { ...failure, times: (failure.times ?? Infinity) - 1 });
      return {
        status: failure.status,
        body: { message: failure.message ?? 'error', documentation_url: 'https://docs.github.com/rest' },
        ...(failure.headers && { headers: failure.headers }),
      };
    }
    const up = `${this.upstream.owner}/${this.upstream.repo}`;
    let m: RegExpExecArray | null;
    if (method === 'GET' && url.pathname === '/user') {
      return { status: 200, body: { login: this.login, type: 'User' }, headers: { 'x-oauth-scopes': this.scopes } };
    }
    if (method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)$/u.exec(url.pathname))) {
      const repo = this.repos.get(`${m[1]}/${m[2]}`);
      return repo ? { status: 200, body: repo } : { status: 404, body: { message: 'Not Found' } };
    }
    if (method === 'POST' && url.pathname === `/repos/${up}/forks`) {
      const fork = this.repo(this.login, this.upstream.repo, true);
      execFileSync('git', [
        'clone',
        '--quiet',
        '--bare',
        this.cloneUrl(this.upstream.owner, this.upstream.repo),
        join(this.dir, `${this.login}--${this.upstream.repo}.git`),
      ]);
      this.repos.set(`${this.login}/${this.upstream.repo}`, fork);
      return { status: 202, body: fork };
    }
    if (method === 'GET' && url.pathname === `/repos/${up}/pulls`) {
      const head = url.searchParams.get('head');
      const open = this.listLags ? [] : this.pulls.filter((p) => p.head === head && p.state === 'open');
      this.listLags = false;
      return { status: 200, body: open.map((p) => this.pullJson(p)) };
    }
    if (method === 'POST' && url.pathname === `/repos/${up}/pulls`) {
      const body = JSON.parse(text) as { head: string; base: string; title: string; body: string };
      if (this.pulls.some((p) => p.head === body.head && p.state === 'open')) {
        return {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [
              { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${body.head}.` },
            ],
          },
        };
      }
      const pull: Pull = { number: this.pulls.length + 1, state: 'open', ...body };
      this.pulls.push(pull);
      this.listLags = false;
      return { status: 201, body: this.pullJson(pull) };
    }
    if (method === 'PATCH' && (m = new RegExp(`^/repos/${up}/pulls/(\\d+)$`, 'u').exec(url.pathname))) {
      const pull = this.pulls.find((p) => p.number === Number(m?.[1]));
      if (!pull) return { status: 404, body: { message: 'Not Found' } };
      Object.assign(pull, JSON.parse(text) as Partial<Pull>);
      this.listLags = false;
      return { status: 200, body: this.pullJson(pull) };
    }
    return { status: 404, body: { message: `the fake has no route for ${method} ${url.pathname}` } };
  }

  private pullJson(p: Pull): Record<string, unknown> {
    const up = `${this.upstream.owner}/${this.upstream.repo}`;
    return {
      number: p.number,
      state: p.state,
      title: p.title,
      body: p.body,
      html_url: `https://github.com/${up}/pull/${p.number}`,
      head: { label: p.head, ref: p.head.split(':')[1] },
      base: { ref: p.base },
    };
  }
}
