/**
 * A minimal GitHub REST client on the platform's fetch, for the workflow tasks that
 * hold a write token (pr-comment, rot-issues). They run without node_modules, so
 * that no third-party package shares a process with the token; oar's own commands
 * use Octokit (github-client.ts).
 */

/** The login of issues and comments made with a workflow's GITHUB_TOKEN. */
export const BOT_LOGIN = 'github-actions[bot]';

/** The HTTP methods the tasks use. */
export type Method = 'GET' | 'POST' | 'PATCH';

/** Requests against one API root with one token. */
export interface Rest {
  /** The parsed JSON answer; throws with the status and GitHub's message on failure. */
  request(method: Method, path: string, body?: unknown): Promise<unknown>;
  /** Every item of a list endpoint, following its `next` links up to `maxPages` pages of 100. */
  paginate(path: string, maxPages?: number): Promise<unknown[]>;
}

/** How the client reaches GitHub; tests pass a fake fetch and no waiting. */
export interface RestOptions {
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly retries?: number;
  readonly wait?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** A client for `baseUrl` (GITHUB_API_URL on a runner); server errors and network failures are retried. */
export function restClient(token: string, opts: RestOptions = {}): Rest {
  const base = new URL(opts.baseUrl ?? 'https://api.github.com');
  const doFetch = opts.fetch ?? fetch;
  const retries = opts.retries ?? 2;
  const wait = opts.wait ?? sleep;

  const send = async (method: Method, url: URL, body: unknown) => {
    // The token goes only to the API root's origin, whatever a Link header says.
    if (url.origin !== base.origin) throw new Error(`refusing to send the token to ${url.origin}`);
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await doFetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${token}`,
            'user-agent': 'oar (Open Architecture Registry)',
            'x-github-api-version': '2022-11-28',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        if (res.status >= 500 && attempt < retries) {
          await wait(1000 * 3 ** attempt);
          continue;
        }
        const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
        if (!res.ok) {
          const message = (data as { message?: unknown } | undefined)?.message;
          throw new GitHubError(
            `GitHub answered ${res.status} to ${method} ${url.pathname}${typeof message === 'string' ? `: ${message.slice(0, 200)}` : ''}`,
          );
        }
        return { data, next: nextLink(res.headers.get('link')) };
      } catch (error) {
        if (error instanceof GitHubError || attempt >= retries) throw error;
        await wait(1000 * 3 ** attempt);
      }
    }
  };

  const at = (path: string) => new URL(`${base.pathname.replace(/\/$/u, '')}${path}`, base);
  return {
    async request(method, path, body) {
      return (await send(method, at(path), body)).data;
    },
    async paginate(path, maxPages = 50) {
      const items: unknown[] = [];
      let url: URL | undefined = at(path);
      url.searchParams.set('per_page', '100');
      for (let page = 0; url && page < maxPages; page++) {
        const { data, next } = await send('GET', url, undefined);
        if (!Array.isArray(data))
          throw new GitHubError(`GitHub answered GET ${url.pathname} with something other than a list`);
        items.push(...(data as unknown[]));
        url = next === undefined ? undefined : new URL(next);
      }
      return items;
    },
  };
}

/** A failure GitHub reported; not retried. */
export class GitHubError extends Error {
  override name = 'GitHubError';
}

function nextLink(header: string | null): string | undefined {
  return /<([^>]+)>;\s*rel="next"/u.exec(header ?? '')?.[1];
}
