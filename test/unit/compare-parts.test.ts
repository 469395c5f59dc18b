import { describe, expect, it } from 'vitest';
import { isPrepared, pairOrder, preparedPairs, type PairSource } from '../../lib/diff/compare-pairs.ts';
import { show } from '../../lib/diff/key-properties.ts';
import { metadataRows } from '../../lib/diff/metadata-rows.ts';
import { diffTemplates } from '../../lib/diff/template-diff.ts';
import { summarizeTemplate, summarizeTemplateText } from '../../lib/diff/template-summary.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { fileURLToPath } from 'node:url';

const entry = (id: string, meta: Partial<PairSource['meta']> = {}): PairSource => ({
  id,
  meta: { notFor: ['Nothing here.'], ...meta },
});

describe('preparedPairs', () => {
  const entries = [
    entry('web-ebs', { related: ['serverless-api'] }),
    entry('web-store', {
      forkedFrom: { id: 'web-ebs', version: '1.0.0', reason: 'No EBS.', changes: [{ change: 'Store.' }] },
      notFor: ['Teams without Puppet; web-ebs or serverless-api is simpler.', 'Not web-ebs-2 either.'],
    }),
    entry('serverless-api', { related: ['web-ebs', 'gone'] }),
  ];

  it('pairs a fork with its parent (parent first), related entries, and ids a notFor line names as whole words', () => {
    expect(preparedPairs(entries)).toEqual([
      { a: 'serverless-api', b: 'web-ebs', reasons: ['related'] },
      { a: 'serverless-api', b: 'web-store', reasons: ['alternative'] },
      { a: 'web-ebs', b: 'web-store', reasons: ['fork', 'alternative'] },
    ]);
  });

  it('tells the form page which pairs have a page, in either order', () => {
    const [ebs, store, api] = entries as [PairSource, PairSource, PairSource];
    expect(isPrepared(store, ebs)).toBe(true);
    expect(isPrepared(api, store)).toBe(true);
    expect(isPrepared(entry('x'), entry('y'))).toBe(false);
    expect(pairOrder(store, ebs)).toEqual(['web-ebs', 'web-store']);
    expect(pairOrder(entry('b'), entry('a'))).toEqual(['a', 'b']);
  });

  it('gives every fork in the catalogue a page with its parent, far fewer pages than all pairs', () => {
    const catalogue = openCatalogue(fileURLToPath(new URL('../../', import.meta.url)));
    const pairs = preparedPairs(catalogue.entries);
    for (const e of catalogue.entries.filter((x) => x.meta.forkedFrom)) {
      expect(pairs).toContainEqual(
        expect.objectContaining({
          a: e.meta.forkedFrom?.id,
          b: e.id,
          reasons: expect.arrayContaining(['fork']) as unknown,
        }),
      );
    }
    const n = catalogue.entries.length;
    expect(pairs.length).toBeLessThan((n * (n - 1)) / 4);
  });
});

describe('template summaries', () => {
  const ctx = { parameters: new Set(['instanceType']) };

  it('reads a reference by what it is, never by logical id, which differs between entries', () => {
    expect(show({ Ref: 'instanceType' }, ctx)).toBe('parameter instanceType');
    expect(show({ Ref: 'Bucket83908E77' }, ctx)).toBe('a resource');
    expect(show({ Ref: 'AWS::Region' }, ctx)).toBe('AWS::Region');
    expect(show({ 'Fn::GetAtt': ['Key961B73FD', 'Arn'] }, ctx)).toBe("a resource's Arn");
    expect(show({ 'Fn::If': ['C', 1, 2] }, ctx)).toBe('computed');
    expect(show(undefined, ctx)).toBe('not set');
  });

  it('compares key property values as multisets: one of two equal volumes removed is one removal', () => {
    const volume = (size: number) => ({ DeviceName: '/dev/sdf', Ebs: { VolumeType: 'gp3', VolumeSize: size } });
    const group = (...sizes: number[]) => ({
      A: {
        Type: 'AWS::EC2::Instance',
        Properties: { InstanceType: 'm6i.large', BlockDeviceMappings: sizes.map(volume) },
      },
    });
    const d = diffTemplates(
      summarizeTemplate(group(50, 50), ctx.parameters),
      summarizeTemplate(group(50), ctx.parameters),
    );
    expect(d.properties).toEqual([
      {
        type: 'AWS::EC2::Instance',
        property: 'volumes',
        from: ['/dev/sdf gp3, 50 GiB', '/dev/sdf gp3, 50 GiB'],
        to: ['/dev/sdf gp3, 50 GiB'],
        removed: ['/dev/sdf gp3, 50 GiB'],
        added: [],
      },
    ]);
    expect(d.types).toEqual([]);
  });

  it('counts types on both sides: added, removed and changed', () => {
    const t = (types: Record<string, number>) => ({ types, keys: {} });
    const d = diffTemplates(t({ A: 1, B: 2, C: 1 }), t({ B: 3, C: 1, D: 1 }));
    expect([d.added, d.removed, d.changed, d.same]).toEqual([1, 1, 1, { types: 1, resources: 1 }]);
  });

  it.for([
    ['not JSON', '{"Resources": ', 'it is not valid JSON'],
    ['no Resources', '{"Outputs": {}}', 'it has no Resources object'],
  ])('refuses a committed snapshot with %s: OAR330, with how to regenerate it', ([, text, what]) => {
    expect(() =>
      summarizeTemplateText(text ?? '', 'architectures/web/cdk/__snapshots__/stack.template.json', 'web'),
    ).toThrow(
      expect.objectContaining({
        code: 'OAR330',
        message: `architectures/web/cdk/__snapshots__/stack.template.json: ${what ?? ''}; regenerate it with \`OAR_ENTRIES=web npx vitest run test/entries.test.ts -u\``,
      }) as Error,
    );
  });
});

describe('metadataRows', () => {
  it('puts a list field in one row however many items moved, and each differing leaf of an object in its own', () => {
    const rows = metadataRows(
      { tags: ['a', 'b', 'c'], outputs: [{ name: 'Url', description: 'x' }], wellArchitected: { cost: 'Low.' } },
      { tags: ['b', 'd', 'e', 'f'], outputs: [{ name: 'Url', description: 'y' }], wellArchitected: { cost: 'High.' } },
      new Set(),
    );
    expect(rows).toEqual([
      { kind: 'list', field: 'tags', added: ['d', 'e', 'f'], removed: ['a', 'c'], changed: [] },
      { kind: 'list', field: 'outputs', added: [], removed: [], changed: ['Url'] },
      { kind: 'value', field: 'wellArchitected.cost', from: 'Low.', to: 'High.' },
    ]);
  });
});
