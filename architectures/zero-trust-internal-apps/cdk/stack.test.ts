import { describe, expect, test } from 'vitest';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryTemplate, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, typesOf } from '../../../test/helpers/template.ts';
import { latticeName } from './stack.ts';

const ID = 'zero-trust-internal-apps';
const template = entryTemplate(ID);
const REFUSED = {
  unknownClient: [['allowedClients=web,payroll'], /allowedClients names payroll, which is not in clientVpcs/u],
  repeatedClient: [['clientVpcs=web=10.10.0.0/16,web=10.20.0.0/16'], /clientVpcs repeats a name/u],
} as const;
const runs = await synthConfigs(ID, {
  open: [
    'azCount=3',
    'clientVpcs=web=10.10.0.0/16,reports=10.20.0.0/16,batch=10.10.0.0/16',
    'allowedClients=web,reports,batch',
    'allowedMethods=GET',
  ],
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const open = runs.ok('open');

checkConfigurations(ID, { open });

describe('checks', () => {
  test('services match the template with other parameters too', () => {
    expect(serviceErrors(ID, open.result.template)).toEqual([]);
  });

  test.each(Object.entries(REFUSED))('bad parameters fail at synth time with a clear message: %s', (name, [, message]) => {
    expect(runs.error(name)).toMatch(message);
  });

  test('the emulator creates every resource, and there are no custom resources', () => {
    for (const t of [template, open.template]) {
      expect(unemulatedTypes(typesOf(t))).toEqual([]);
      expect(customResourceTypes(t)).toEqual([]);
    }
  });
});

describe('clients', () => {
  test('one association and one role per client VPC; overlapping client ranges are accepted', () => {
    template.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 2);
    open.template.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 3);
    expect(ofType(open.template, 'AWS::EC2::VPC').map((v) => v.Properties?.['CidrBlock'])).toEqual([
      '10.10.0.0/16',
      '10.20.0.0/16',
      '10.10.0.0/16',
    ]);
  });

  test('the function runs on Node.js 24 on arm64 and writes JSON logs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      LoggingConfig: { LogFormat: 'JSON' },
    });
  });
});

describe('names', () => {
  test('the service network name follows the Lattice rules for every stack name', () => {
    expect(latticeName('oar-zero-trust-internal-apps--e2e')).toBe('oar-zero-trust-internal-apps-e2e');
    expect(latticeName('Stack_Name-')).toBe('stack-name');
    expect(latticeName(`a-${'b'.repeat(70)}`)).toHaveLength(63);
  });
});
