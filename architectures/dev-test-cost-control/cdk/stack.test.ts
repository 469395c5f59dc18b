// What the YAML promises (launch role, boundary, tags, constraints, bucket, topic) is proven in cdk/claims.ts,
// which oar check runs against the default and every variant. This file keeps what is not a YAML promise:
// parameter parsing and refusals, the coverage table in the README, and what the emulator can deploy.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { checkConfigurations, entryTemplate, REPO_ROOT, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, typesOf } from '../../../test/helpers/template.ts';
import { FORBIDDEN_SERVICES } from './access.ts';
import { coverageTable, needsOf, serviceOf, type Template } from './coverage.ts';
import { MAX_PATTERN_PRINCIPALS, parsePrincipals, parseProducts, templateKey } from './products.ts';

const ID = 'dev-test-cost-control';
const template = entryTemplate(ID);
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;
const defaultOf = (name: string) => String(meta?.parameters?.find((p) => p.name === name)?.default);
const variant = (name: string) =>
  Object.entries(meta?.variants?.find((v) => v.name === name)?.parameters ?? {}).map(([k, v]) => `${k}=${String(v)}`);

const runs = await synthConfigs(ID, {
  full: variant('teams-and-products'),
  ...Object.fromEntries(FORBIDDEN_SERVICES.map((s) => [`forbidden ${s}`, [`launchRoleServices=ec2,${s}`]])),
});
const full = runs.ok('full');

checkConfigurations(ID, { full });

describe('the products parameter', () => {
  test('groups entry/version/variant items into products, in order', () => {
    const products = parseProducts(
      ' instance-tag-dns/1.0.0/default, private-admin-ssm/1.0.0/small,private-admin-ssm/1.1.0-rc.1/small ',
    );
    expect([...products.keys()]).toEqual(['instance-tag-dns', 'private-admin-ssm']);
    expect(products.get('private-admin-ssm')?.map(templateKey)).toEqual([
      'private-admin-ssm/1.0.0/small.template.json',
      'private-admin-ssm/1.1.0-rc.1/small.template.json',
    ]);
    expect(parseProducts('').size).toBe(0);
  });

  test.each([
    'instance-tag-dns',
    'instance-tag-dns/1.0/default',
    'Instance-Tag-DNS/1.0.0/default',
    'instance-tag-dns/1.0.0/Large',
    'instance-tag-dns/1.0.0/default/extra',
    'instance-tag-dns/1.0.0/default,instance-tag-dns/1.0.0/default',
  ])('refuses %s', (products) => {
    expect(() => parseProducts(products)).toThrow(/products/u);
  });

  test('the versions are named after the entry version and the variant', () => {
    const products = full.template.findResources('AWS::ServiceCatalog::CloudFormationProduct');
    const names = Object.values(products).map((p) => ({
      name: (p as { Properties: { Name: string } }).Properties.Name,
      versions: (p as { Properties: { ProvisioningArtifactParameters: { Name: string }[] } }).Properties.ProvisioningArtifactParameters.map(
        (a) => a.Name,
      ),
    }));
    expect(names).toEqual([
      { name: 'instance-tag-dns', versions: ['1.0.0 default'] },
      { name: 'java-web-tier-ebs', versions: ['1.0.0 small', '1.0.0 large'] },
    ]);
  });
});

describe('the engineerPrincipalArns parameter', () => {
  test('a full ARN is an IAM association, an account-less one an IAM_PATTERN', () => {
    expect(
      parsePrincipals('arn:aws:iam::123456789012:role/Engineers,arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Eng?_*'),
    ).toEqual([
      { arn: 'arn:aws:iam::123456789012:role/Engineers', type: 'IAM' },
      { arn: 'arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Eng?_*', type: 'IAM_PATTERN' },
    ]);
  });

  test.each(['arn:aws:iam::123456789012:role/Eng*', 'arn:aws:iam::123456789012:role/Eng?', 'arn:aws:s3:::bucket', 'Engineers'])(
    'refuses %s, which Service Catalog would refuse at deploy time',
    (arn) => {
      expect(() => parsePrincipals(arn)).toThrow(/neither a full IAM ARN .* nor an account-less pattern/u);
    },
  );

  test('the parameter pattern refuses a wildcard next to an account id too', () => {
    const pattern = new RegExp(String(meta?.parameters?.find((p) => p.name === 'engineerPrincipalArns')?.pattern), 'u');
    expect(pattern.test('arn:aws:iam::123456789012:role/Eng*')).toBe(false);
    expect(pattern.test('arn:aws:iam::123456789012:role/Engineers,arn:aws:iam:::role/Eng*')).toBe(true);
  });

  test(`refuses more than ${MAX_PATTERN_PRINCIPALS} patterns, the most a portfolio takes`, () => {
    const patterns = Array.from({ length: MAX_PATTERN_PRINCIPALS + 1 }, (_, i) => `arn:aws:iam:::role/team${i}-*`);
    expect(() => parsePrincipals(patterns.join(','))).toThrow(/more than 10 account-less patterns/u);
    expect(parsePrincipals(patterns.slice(1).join(','))).toHaveLength(MAX_PATTERN_PRINCIPALS);
  });
});

describe('the launch role parameters', () => {
  test.each(FORBIDDEN_SERVICES)('refuses %s in launchRoleServices', (service) => {
    expect(runs.error(`forbidden ${service}`)).toMatch(/may not contain/u);
  });

  test('attachablePolicies takes policy names with their path, never a wildcard', () => {
    const pattern = new RegExp(String(meta?.parameters?.find((p) => p.name === 'attachablePolicies')?.pattern), 'u');
    expect(pattern.test(defaultOf('attachablePolicies'))).toBe(true);
    expect(pattern.test('AmazonSSMManagedInstanceCore,Administrator*')).toBe(false);
    expect(pattern.test('arn:aws:iam::aws:policy/AdministratorAccess')).toBe(false);
  });

  test('each service in launchRoleServices has its own cdk-nag acknowledgement', () => {
    const rules = full.result.acknowledged.map((a) => a.rule);
    for (const s of defaultOf('launchRoleServices').split(',')) expect(rules).toContain(`AwsSolutions-IAM5[Action::${s}:*]`);
    expect(rules).not.toContain('AwsSolutions-IAM5[Action::ssm:*]');
  });
});

describe('which entries the defaults launch', () => {
  const architectures = join(REPO_ROOT, 'architectures');
  const rows = readdirSync(architectures)
    .sort()
    .filter((entry) => existsSync(join(architectures, entry, 'cdk/__snapshots__/stack.template.json')))
    .map((entry) => ({
      entry,
      needs: needsOf(
        JSON.parse(readFileSync(join(architectures, entry, 'cdk/__snapshots__/stack.template.json'), 'utf8')) as Template,
        { services: defaultOf('launchRoleServices').split(','), attachablePolicies: defaultOf('attachablePolicies').split(',') },
      ),
    }));

  test('the README table is what the entries\' committed templates need (regenerate it from the expected text)', () => {
    const readme = readFileSync(new URL('../README.mdx', import.meta.url), 'utf8');
    const section = readme.split('### Which entries the defaults launch')[1] ?? '';
    const table = section
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .join('\n');
    expect(table).toBe(coverageTable(rows));
  });

  test('a resource type maps to the IAM service prefix CloudFormation calls', () => {
    expect(serviceOf('AWS::ElasticLoadBalancingV2::LoadBalancer')).toBe('elasticloadbalancing');
    expect(serviceOf('AWS::StepFunctions::StateMachine')).toBe('states');
    expect(serviceOf('AWS::IAM::Role')).toBeNull();
    expect(serviceOf('AWS::IAM::User')).toBe('iam');
    expect(serviceOf('Custom::Anything')).toBe('lambda');
    expect(() => serviceOf('AWS::Unheard::Thing')).toThrow(/add its namespace AWS::Unheard/u);
  });

  test('assets, transforms, roles beyond the boundary and policies outside the list are named', () => {
    const defaults = { services: ['ec2'], attachablePolicies: ['AmazonSSMManagedInstanceCore'] };
    const needs = needsOf(
      {
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
          },
          Policy: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyDocument: {
                Statement: [
                  { Action: 'sts:AssumeRole', Resource: { 'Fn::GetAtt': ['Role', 'Arn'] } },
                  { Action: 'iam:CreateUser', Resource: '*' },
                ],
              },
            },
          },
          Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: 'cdk-hnb659fds-assets-1-r' } } },
        },
      },
      defaults,
    );
    expect(needs).toEqual([
      'services lambda',
      'a file asset (oar synth --portable refuses it)',
      'the AWS::Serverless-2016-10-31 transform, whose generated roles cannot carry the boundary',
      'roles with iam:CreateUser beyond its own roles, which the boundary refuses',
      'attachable policies AdministratorAccess',
    ]);
  });
});

describe('what moto can emulate', () => {
  test('the emulator creates the portfolio and its TagOptions, but not yet the products and constraints', () => {
    // The default configuration (no products) deploys whole in the emulator suite; these are the full one's.
    expect(unemulatedTypes(typesOf(full.template))).toEqual([
      'AWS::ServiceCatalog::CloudFormationProduct',
      'AWS::ServiceCatalog::LaunchNotificationConstraint',
      'AWS::ServiceCatalog::LaunchRoleConstraint',
      'AWS::ServiceCatalog::PortfolioPrincipalAssociation',
      'AWS::ServiceCatalog::PortfolioProductAssociation',
      'AWS::ServiceCatalog::ResourceUpdateConstraint',
    ]);
    expect(customResourceTypes(full.template)).toEqual([]);
  });
});

describe('the portfolio with the defaults', () => {
  test('is named as the parameters say, and lists no product and no principal yet', () => {
    template.hasResourceProperties('AWS::ServiceCatalog::Portfolio', {
      DisplayName: 'Engineering environments',
      ProviderName: 'Platform team',
    });
    template.resourceCountIs('AWS::ServiceCatalog::CloudFormationProduct', 0);
    template.resourceCountIs('AWS::ServiceCatalog::PortfolioPrincipalAssociation', 0);
    template.hasOutput('ProductIds', { Value: 'none' });
  });

  test('the email subscription exists only when an address is given', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    full.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'platform@example.com' });
  });

  test('the boundary is named after the stack, and the output gives that name to oar synth --permissions-boundary', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'oar-dev-test-cost-control-product-boundary',
    });
    template.hasOutput('ProductRoleBoundaryName', { Value: 'oar-dev-test-cost-control-product-boundary' });
  });
});
