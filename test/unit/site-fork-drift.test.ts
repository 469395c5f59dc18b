import { afterEach, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { forkDrifts } from '../../site/data/fork-drift.ts';
import { upstreamHeadline } from '../../lib/resolve/upstream.ts';
import { openSiteBasics } from '../../site/data/open-site-catalogue.ts';
import { fixture } from '../helpers/temp-catalogue.ts';
import { forkCatchesUp, gitCatalogue, parentMovesOn, type GitCatalogue } from '../helpers/git-catalogue.ts';

let cat: GitCatalogue | undefined;
afterEach(() => {
  cat?.dispose();
  cat = undefined;
});

/** What the site knows of tiny-web-fork: its state, headline and the parent's changed files, or why they are unknown. */
function forkAsTheSiteSeesIt(root: string) {
  const { catalogue, drift } = openSiteBasics(root);
  const upstream = catalogue.byId.get('tiny-web-fork')?.upstream;
  if (!upstream) throw new Error('tiny-web-fork has no upstream status');
  return { state: upstream.state, headline: upstreamHeadline(upstream), drift: drift.get('tiny-web-fork') };
}

describe('a fork as the site shows it, from the catalogue and git', () => {
  it('is behind after its parent releases, with the files that changed; then up to date when it catches up', () => {
    cat = gitCatalogue('valid');
    const release = parentMovesOn(cat, '1.3.0', 'Health checks read the instance store.');
    expect(forkAsTheSiteSeesIt(cat.root)).toEqual({
      state: 'behind',
      headline: 'Parent tiny-web is 1 version ahead; 0 advisories open',
      drift: {
        files: [
          { status: 'M', path: 'architectures/tiny-web/CHANGELOG.md' },
          { status: 'M', path: 'architectures/tiny-web/architecture.yaml' },
        ],
      },
    });
    forkCatchesUp(cat, '1.3.0', release);
    expect(forkAsTheSiteSeesIt(cat.root)).toEqual({
      state: 'up-to-date',
      headline: 'Up to date with tiny-web 1.3.0',
      drift: { files: [] },
    });
  });

  it('says why the changed files are unknown: no recorded commit, a commit the clone lacks, or no clone at all', () => {
    const catalogue = openCatalogue(fixture('valid'));
    expect(forkDrifts(catalogue, { source: 'git' }).get('tiny-web-fork')).toEqual({
      unknown: 'the fork did not record forkedFrom.commit',
    });
    cat = gitCatalogue('valid');
    parentMovesOn(cat, '1.3.0', 'A fix.');
    const missing = 'f'.repeat(40);
    cat.edit('architectures/tiny-web-fork/architecture.yaml', (t) => t.replace(/commit: \w+/u, `commit: ${missing}`));
    expect(forkAsTheSiteSeesIt(cat.root).drift).toEqual({
      unknown: `commit ${missing.slice(0, 12)} is not in this clone; run git fetch --unshallow, or fetch the catalogue's history`,
    });
    expect(forkDrifts(openCatalogue(cat.root), { source: 'none' }).get('tiny-web-fork')).toEqual({
      unknown: 'the site was not built from a git clone of the catalogue',
    });
  });

  it('asks nothing of an entry that is not a fork', () => {
    expect([...forkDrifts(openCatalogue(fixture('valid')), { source: 'git' }).keys()]).toEqual(['tiny-web-fork']);
  });
});
