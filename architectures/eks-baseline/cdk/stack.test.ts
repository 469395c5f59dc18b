// What this entry promises beyond cdk/claims.ts: parameter checks and their messages, and the shape of the template
// that no claim names. test/entries.test.ts keeps the default template's snapshot current; run it first:
// OAR_ENTRIES=eks-baseline npx vitest run test/entries.test.ts architectures/eks-baseline
import { beforeAll, describe, expect, test } from 'vitest';
import { entryTemplate, synthConfigs, type Configurations } from '../../../test/helpers/synth-entry.ts';
import { ofType } from '../../../test/helpers/template.ts';

const ID = 'eks-baseline';
const template = entryTemplate(ID);

describe('the default template', () => {
  test('has no custom resource and no Lambda function: every resource is a native CloudFormation type', () => {
    const resources = (template.toJSON()['Resources'] ?? {}) as Record<string, { Type: string }>;
    const types = Object.values(resources).map((r) => r.Type);
    expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toEqual([]);
  });

  test('creates no access entry, Pod Identity association or add-on without their parameters', () => {
    for (const type of ['AWS::EKS::AccessEntry', 'AWS::EKS::PodIdentityAssociation', 'AWS::EKS::Addon']) {
      expect(ofType(template, type)).toEqual([]);
    }
  });
});

describe('parameters', () => {
  let configs: Configurations;
  beforeAll(async () => {
    configs = await synthConfigs(ID, {
      nat: ['azCount=2', 'natGateways=3'],
      privateWithCidr: ['endpointAccess=private', 'publicAccessCidr=198.51.100.0/24'],
    });
  }, 120_000);

  test('refuses more NAT gateways than zones', () => {
    expect(configs.error('nat')).toMatch(/natGateways 3 is more than azCount 2/u);
  });

  test('refuses a public CIDR for a private-only endpoint', () => {
    expect(configs.error('privateWithCidr')).toMatch(/publicAccessCidr has no effect with endpointAccess private/u);
  });
});
