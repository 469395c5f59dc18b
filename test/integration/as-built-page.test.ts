import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build-site.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const work = mkdtempSync(join(tmpdir(), 'oar-as-built-page-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the entry page', () => {
  it('shows the as-built diagram under the hand-drawn one, with what it leaves out and where the two differ', () => {
    const build = buildSite(fixture('valid'), join(work, 'dist'));
    expect(build.code, build.output).toBe(0);
    const page = readFileSync(join(work, 'dist/architectures/tiny-web/index.html'), 'utf8');
    const own = page.indexOf('aria-label="Overview"');
    const generated = page.indexOf('<pre class="mermaid" role="img" aria-label="As built, generated from the stack"');
    expect(own).toBeGreaterThan(0);
    expect(generated).toBeGreaterThan(own);
    expect(page.slice(generated)).toMatch(/^[^>]*>flowchart LR\n {2}%% As built: drawn by oar diagram tiny-web/u);
    expect(page).toContain('<figcaption>As built, generated from the stack</figcaption>');
    const text = page.replace(/<[^>]+>/gu, '').replace(/\s+/gu, ' ');
    expect(text).toContain(
      'Drawn by oar diagram tiny-web from the committed CloudFormation template (default parameters), not by hand.',
    );
    // The fixture's main diagram draws an application as "Instances", which names no service the stack has.
    expect(text).toContain(
      'The stack also has Amazon EC2 Auto Scaling, Amazon EBS, Amazon EC2, Elastic Load Balancing, Amazon VPC, which the hand-drawn diagram does not draw.',
    );
  });
});
