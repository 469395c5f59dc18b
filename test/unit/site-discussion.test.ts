import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../site/data/content-security-policy.ts';
import { discussionLinks, ENTRY_FIELD, ISSUE_FORM } from '../../site/data/discussion.ts';
import { GiscusConfigError, giscusConfig } from '../../site/data/giscus.ts';

const GISCUS = {
  GISCUS_REPO: 'example/registry',
  GISCUS_REPO_ID: 'R_kgDOAbc-1',
  GISCUS_CATEGORY: 'Entry comments',
  GISCUS_CATEGORY_ID: 'DIC_kwDOAbc_4Cx',
};

describe('giscusConfig', () => {
  it('is off when none of the four settings is set, or all are empty', () => {
    expect(giscusConfig({})).toBeUndefined();
    expect(giscusConfig({ GISCUS_REPO: '', GISCUS_REPO_ID: ' ' })).toBeUndefined();
  });

  it('reads all four', () => {
    expect(giscusConfig(GISCUS)).toEqual({
      repo: 'example/registry',
      repoId: 'R_kgDOAbc-1',
      category: 'Entry comments',
      categoryId: 'DIC_kwDOAbc_4Cx',
    });
  });

  it('OAR343: refuses a partial configuration, naming what is set and what is missing', () => {
    const partial = () => giscusConfig({ GISCUS_REPO: 'example/registry', GISCUS_CATEGORY: 'General' });
    expect(partial).toThrow(GiscusConfigError);
    expect(partial).toThrow(
      'OAR343: giscus comments are half configured: GISCUS_REPO and GISCUS_CATEGORY are set, but GISCUS_REPO_ID and GISCUS_CATEGORY_ID are not. Set all four of GISCUS_REPO, GISCUS_REPO_ID, GISCUS_CATEGORY and GISCUS_CATEGORY_ID as https://giscus.app shows them for your repository, or unset them all to build the site without comments.',
    );
    const { GISCUS_CATEGORY_ID: _, ...three } = GISCUS;
    expect(() => giscusConfig(three)).toThrow(
      /GISCUS_REPO, GISCUS_REPO_ID and GISCUS_CATEGORY are set, but GISCUS_CATEGORY_ID is not\./u,
    );
  });

  it('can be switched on for the published site with repository variables, unset ones counting as none', () => {
    const pages = parse(readFileSync(new URL('../../.github/workflows/pages.yml', import.meta.url), 'utf8')) as {
      jobs: { build: { steps: { run?: string; env?: Record<string, string> }[] } };
    };
    const env = pages.jobs.build.steps.find((s) => s.run === 'npm run build')?.env ?? {};
    const names = Object.keys(GISCUS);
    expect(Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('GISCUS_')))).toEqual(
      Object.fromEntries(names.map((n) => [n, `\${{ vars.${n} }}`])),
    );
    // GitHub gives an unset variable as an empty string.
    expect(giscusConfig(Object.fromEntries(names.map((n) => [n, ''])))).toBeUndefined();
  });

  it('OAR343: refuses a setting of the wrong form, which would end up in the page', () => {
    expect(() => giscusConfig({ ...GISCUS, GISCUS_REPO: 'https://github.com/example/registry' })).toThrow(
      'OAR343: GISCUS_REPO is "https://github.com/example/registry", but it must be owner/name.',
    );
    expect(() => giscusConfig({ ...GISCUS, GISCUS_CATEGORY_ID: 'DIC" onload="x' })).toThrow(/GISCUS_CATEGORY_ID is/u);
    expect(() => giscusConfig({ ...GISCUS, GISCUS_CATEGORY: 'two\nlines' })).toThrow(/GISCUS_CATEGORY is/u);
    try {
      giscusConfig({ GISCUS_REPO: 'a/b' });
    } catch (error) {
      expect((error as GiscusConfigError).code).toBe('OAR343');
    }
    expect.assertions(4);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows nothing from another origin without comments', () => {
    const csp = contentSecurityPolicy({ comments: false });
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'none'",
    );
    expect(csp).not.toMatch(/https?:/u);
  });

  it('with comments, adds exactly https://giscus.app to script-src and frame-src, and changes nothing else', () => {
    const without = directives(contentSecurityPolicy({ comments: false }));
    const withComments = directives(contentSecurityPolicy({ comments: true }));
    expect(withComments.get('script-src')).toEqual(["'self'", 'https://giscus.app']);
    expect(withComments.get('frame-src')).toEqual(['https://giscus.app']);
    for (const [name, values] of without) {
      if (name !== 'script-src' && name !== 'frame-src') expect(withComments.get(name), name).toEqual(values);
    }
    expect([...withComments.keys()]).toEqual([...without.keys()]);
  });
});

describe('discussionLinks', () => {
  it('searches the Discussions for the entry id, and opens the entry-problem form with the entry filled in', () => {
    const links = discussionLinks('https://github.com/example/registry', 'java-web-tier-ebs', '1.1.0');
    expect(links).toEqual({
      discuss: 'https://github.com/example/registry/discussions?discussions_q=java-web-tier-ebs',
      improve:
        'https://github.com/example/registry/issues/new?template=entry-problem.yml&title=java-web-tier-ebs%3A+&entry=java-web-tier-ebs+1.1.0',
    });
  });

  it('has nothing to link to when the site names no repository', () => {
    expect(discussionLinks(undefined, 'java-web-tier-ebs', '1.1.0')).toBeUndefined();
  });

  it('fills a field the issue form has, and follows the title the form asks for', () => {
    const form = parse(
      readFileSync(new URL(`../../.github/ISSUE_TEMPLATE/${ISSUE_FORM}`, import.meta.url), 'utf8'),
    ) as {
      title: string;
      body: { id?: string; type: string }[];
    };
    expect(form.body.find((f) => f.id === ENTRY_FIELD)?.type).toBe('input');
    expect(form.title).toBe('<entry id>: ');
  });
});
