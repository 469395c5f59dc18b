import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFindings } from '../../generators/check/check-claims.ts';
import { runClaims } from '../../generators/check/claims/run-claims.ts';
import {
  flatOf,
  routeTableOf,
  tagOf,
  zoneIndexOf,
  type Resource,
} from '../../generators/check/claims/template-queries.ts';
import { scanClaims } from '../../lib/load/claim-scan.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';

describe('scanClaims reads claim ids and sentences without running the file', () => {
  it('reads single, double and backtick literals across lines, with escapes, and skips comments', () => {
    const text = [
      "// claim('commented', 'Not a claim')",
      "/* claim('block', 'Not one either') */",
      "export default [claim('a-b', 'It\\'s kept', (t) => t),",
      '  claim(',
      '    "c",',
      '    `Two words`,',
      '    () => undefined,',
      '  ),',
      "  t.claim('method', 'A method call is not a claim'),",
      '];',
    ].join('\n');
    expect(scanClaims(text)).toEqual({
      claims: [
        { id: 'a-b', text: "It's kept", line: 3 },
        { id: 'c', text: 'Two words', line: 4 },
      ],
      unreadable: [],
    });
  });

  it('reports a claim whose id or sentence is computed', () => {
    const text = "claim(ID, 'x', f);\nclaim('y', 'a' + 'b', f);\nclaim('z', `${x}`, f);";
    expect(scanClaims(text).unreadable).toEqual([{ line: 1 }, { line: 2 }, { line: 3 }]);
  });
});

describe('runClaims, in the synth worker', () => {
  const root = mkdtempSync(join(tmpdir(), 'oar-claims-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });
  const template = { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } } } };
  writeFileSync(join(root, 'template.json'), JSON.stringify(template));
  let n = 0;
  const entryWith = (claims: string) => {
    const dir = `architectures/e${String(++n)}`;
    mkdirSync(join(root, dir, 'cdk'), { recursive: true });
    writeFileSync(join(root, dir, 'cdk/claims.ts'), claims);
    writeFileSync(join(root, dir, 'notes.txt'), 'hello');
    return { root, dir, templateFile: 'template.json', variant: 'default', parameters: { size: 2 } };
  };
  const claimOf = (id: string, body: string, variants?: string[]) =>
    `{ kind: 'oar-claim', id: '${id}', text: 'Text of ${id}', ${variants ? `variants: ${JSON.stringify(variants)},` : ''} check: (t) => { ${body} } }`;

  it('runs each claim that holds for the variant, and reports failures with their messages', async () => {
    const req = entryWith(
      `export default [${[
        claimOf(
          'fifo',
          "if (t.resources('AWS::SQS::Queue')[0]?.Properties?.FifoQueue !== true) throw new Error('no');",
        ),
        claimOf(
          'size',
          "if (t.parameters.size !== 3) throw new Error('size is ' + t.parameters.size + '\\n\\nnot 3');",
        ),
        claimOf('only-https', 'throw new Error("never run by default");', ['https']),
        claimOf('reads-file', "if (t.file('notes.txt') !== 'hello') throw new Error('bad');"),
        claimOf('escapes', "t.file('../../template.json');"),
        claimOf('async', 'return Promise.resolve();'),
      ].join(',')}];`,
    );
    const outcome = await runClaims(req);
    expect(outcome.declared.map((c) => c.id)).toEqual(['fifo', 'size', 'only-https', 'reads-file', 'escapes', 'async']);
    expect(outcome.results).toEqual([
      { id: 'fifo', variant: 'default', passed: true },
      { id: 'size', variant: 'default', passed: false, message: 'size is 2; not 3' },
      { id: 'reads-file', variant: 'default', passed: true },
      {
        id: 'escapes',
        variant: 'default',
        passed: false,
        message: 't.file("../../template.json") is outside the entry folder; name a file inside it',
      },
      {
        id: 'async',
        variant: 'default',
        passed: false,
        message: 'a claim check must be synchronous; it returned a promise',
      },
    ]);
  });

  it('runs only the named claims, whatever their variants, for a fork change against its parent', async () => {
    const req = entryWith(`export default [${claimOf('only-https', 'throw new Error("ran");', ['https'])}];`);
    const outcome = await runClaims({ ...req, only: ['only-https'] });
    expect(outcome.results).toEqual([{ id: 'only-https', variant: 'default', passed: false, message: 'ran' }]);
  });

  it('refuses a file that is not a list of claims, or declares an id twice, as a problem (OAR334 in oar check)', async () => {
    expect((await runClaims(entryWith('export default { a: 1 };'))).problem).toMatch(
      /^cdk\/claims\.ts must default-export a list of claim\(…\) values/u,
    );
    const twice = entryWith(`export default [${claimOf('a', '')}, ${claimOf('a', '')}];`);
    expect((await runClaims(twice)).problem).toBe(
      'cdk/claims.ts declares the claim a twice; give each claim its own id',
    );
    expect((await runClaims(entryWith('throw new Error("boom");'))).problem).toBe('boom');
  });

  it('declares none when the entry has no claims file', async () => {
    expect(await runClaims({ ...entryWith(''), dir: 'architectures/none' })).toEqual({ declared: [], results: [] });
  });
});

describe('claimFindings', () => {
  const entry = {
    id: 'e',
    dir: 'architectures/e',
    claims: [{ id: 'a', text: 'Read from the text', line: 4 }],
    checkLines: {},
  } as unknown as ResolvedEntry;

  it('OAR334 when what runs is not what the text scan read, and OAR332 at the claims file when no YAML names the claim', () => {
    const found = claimFindings(entry, [
      {
        variant: 'default',
        outcome: {
          declared: [{ id: 'a', text: 'Something else' }],
          results: [{ id: 'a', variant: 'default', passed: false, message: 'no' }],
        },
      },
    ]);
    expect(found.map((d) => [d.code, d.file, d.line])).toEqual([
      ['OAR334', 'architectures/e/cdk/claims.ts', undefined],
      ['OAR332', 'architectures/e/cdk/claims.ts', 4],
    ]);
  });

  it('OAR334 when the claims could not run', () => {
    const found = claimFindings(entry, [
      { variant: 'default', outcome: { declared: [], results: [], problem: 'boom' } },
    ]);
    expect(found.map((d) => `${d.code} ${d.message}`)).toEqual(['OAR334 the claims could not run: boom']);
  });
});

describe('template queries for claims', () => {
  const resources = {
    Sub: {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        AvailabilityZone: { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
        Tags: [{ Key: 'aws-cdk:subnet-name', Value: 'App' }],
      },
    },
    Loose: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: 'eu-west-1a' } },
    Assoc: {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Table' } },
    },
  } as Record<string, Resource>;
  const t = {
    resources: (type: string) =>
      Object.entries(resources)
        .filter(([, r]) => r.Type === type)
        .map(([id, r]) => ({ id, ...r })),
  };

  it('reads a tag, a zone index, a route table and a resource as one object, and says what is missing', () => {
    expect(tagOf(resources['Sub']?.Properties, 'aws-cdk:subnet-name')).toBe('App');
    expect(tagOf(resources['Loose']?.Properties, 'aws-cdk:subnet-name')).toBeUndefined();
    expect(zoneIndexOf(t, 'Sub')).toBe(1);
    expect(() => zoneIndexOf(t, 'Loose')).toThrow('subnet Loose has no Availability Zone chosen by index');
    expect(routeTableOf(t, 'Sub')).toBe('Table');
    expect(() => routeTableOf(t, 'Loose')).toThrow('subnet Loose has no route table');
    expect(flatOf({ id: 'Assoc', ...(resources['Assoc'] as Resource) })).toEqual({
      id: 'Assoc',
      SubnetId: { Ref: 'Sub' },
      RouteTableId: { Ref: 'Table' },
    });
  });
});
