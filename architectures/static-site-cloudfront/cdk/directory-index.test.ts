// Runs the viewer-request function exactly as it ships, with CloudFront's event shape
// (cloudfront-js-2.0: uri without the query string, querystring parsed into an object).
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { directoryIndexSource } from './stack.ts';

type QueryValue = { value: string; multiValue?: { value: string }[] };
interface Request {
  method: string;
  uri: string;
  querystring: Record<string, QueryValue>;
  headers: Record<string, { value: string }>;
}
type Result = Request | { statusCode: number; statusDescription: string; headers: Record<string, { value: string }> };

function handler(): (event: { request: Request }) => Result {
  const context: { handler?: (event: { request: Request }) => Result } = {};
  runInNewContext(`${directoryIndexSource()}\nthis.handler = handler;`, context);
  if (!context.handler) throw new Error('the function defines no handler');
  return context.handler;
}

const request = (uri: string, querystring: Record<string, QueryValue> = {}): { request: Request } => ({
  request: { method: 'GET', uri, querystring, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } } },
});

describe('directory-index viewer-request function', () => {
  const run = handler();

  test.each([
    ['/', '/index.html'],
    ['/architectures/', '/architectures/index.html'],
    ['/architectures/private-admin-ssm/source/', '/architectures/private-admin-ssm/source/index.html'],
  ])('%s is served from %s', (uri, origin) => {
    expect(run(request(uri))).toMatchObject({ uri: origin });
  });

  test.each(['/favicon.svg', '/_astro/index.B1a2C3d4.css', '/404.html', '/search/en.json', '/rss.xml'])(
    'a file path such as %s goes to the origin unchanged',
    (uri) => {
      expect(run(request(uri))).toMatchObject({ uri });
    },
  );

  test('a folder path without the trailing slash is redirected to it', () => {
    expect(run(request('/architectures/private-admin-ssm'))).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/architectures/private-admin-ssm/' } },
    });
  });

  test('the redirect keeps the query string, including repeated and empty parameters', () => {
    const result = run(
      request('/search', {
        q: { value: 'vpc' },
        tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] },
        debug: { value: '' },
      }),
    );
    expect(result).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/search/?q=vpc&tag=a&tag=b&debug' } },
    });
  });

  test('a dot in a folder name does not count, only in the last segment', () => {
    expect(run(request('/v1.2/guide'))).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/v1.2/guide/' } },
    });
    expect(run(request('/v1.2/'))).toMatchObject({ uri: '/v1.2/index.html' });
  });

  test('the shipped code has no comment lines and stays far below the 10 KB function size limit', () => {
    const source = directoryIndexSource();
    expect(source).not.toMatch(/^\s*\/\//mu);
    expect(source.length).toBeLessThan(2048);
  });
});
