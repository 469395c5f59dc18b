import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { crossCheckDiagrams } from '../../../generators/check/diagram-services.ts';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { checkConfigurations, entryTemplate, REPO_ROOT, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import {
  asList,
  customResourceTypes,
  ofType,
  resourcesOf,
  typesOf,
  type Json,
} from '../../../test/helpers/template.ts';
import { FORBIDDEN_SERVICES } from './access.ts';
import { parseProducts, templateKey } from './products.ts';

const ID = 'self-service-environment-portal';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  full: [
    'portfolioName=Payments environments',
    'providerName=Payments platform',
    'engineerPrincipalArns=arn:aws:iam::123456789012:role/Engineers,arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Engineers_*',
    'engineerAccessLevel=user',
    'products=instance-tag-dns/1.0.0/default,private-admin-ssm/1.0.0/small,private-admin-ssm/1.0.0/large',
    'launchRoleServices=ec2,ssm,kms,logs',
    'environments=dev,prod',
    'teams=payments,search',
    'costCentres=cc-100,cc-200',
    'allowTagUpdates=true',
    'notificationEmail=platform@example.com',
    'retainTemplates=false',
  ],
  oneProduct: ['products=instance-tag-dns/1.0.0/default'],
  ...Object.fromEntries(FORBIDDEN_SERVICES.map((s) => [`forbidden ${s}`, [`launchRoleServices=ec2,${s}`]])),
});
const full = runs.ok('full');
const oneProduct = runs.ok('oneProduct');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}
const statementsOf = (t: Template, type: string): Statement[] =>
  ofType(t, type).flatMap((p) => (p.Properties?.['PolicyDocument'] as { Statement: Statement[] }).Statement);
const launchStatements = (t: Template) => statementsOf(t, 'AWS::IAM::Policy');
const engineerStatements = (t: Template) => statementsOf(t, 'AWS::IAM::ManagedPolicy');
const tagOptions = (t: Template) =>
  ofType(t, 'AWS::ServiceCatalog::TagOption')
    .map((r) => `${String(r.Properties?.['Key'])}=${String(r.Properties?.['Value'])}`)
    .sort();
const logicalIdOf = (t: Template, type: string, props: Json): string => {
  const found = Object.entries(resourcesOf(t)).filter(
    ([, r]) => r.Type === type && Object.entries(props).every(([k, v]) => r.Properties?.[k] === v),
  );
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]?.[0] ?? '';
};

checkConfigurations(ID, { full, oneProduct });

test('the launch role gets exactly the services asked for', () => {
  expect(full.result.acknowledged.length).toBeGreaterThan(0);
  const rules = full.result.acknowledged.map((a) => a.rule);
  for (const s of ['ec2', 'ssm', 'kms', 'logs']) expect(rules).toContain(`AwsSolutions-IAM5[Action::${s}:*]`);
  expect(rules).not.toContain('AwsSolutions-IAM5[Action::lambda:*]');
});

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
});

describe('what moto can emulate', () => {
  test('only the bucket, key, topic and IAM resources; Service Catalog is outside moto', () => {
    const outside = unemulatedTypes(typesOf(full.template));
    expect(outside.filter((ty) => !ty.startsWith('AWS::ServiceCatalog::'))).toEqual([
      'AWS::S3::BucketPolicy',
      'AWS::SNS::Subscription',
      'AWS::SNS::TopicPolicy',
    ]);
    expect(outside.filter((ty) => ty.startsWith('AWS::ServiceCatalog::')).length).toBeGreaterThan(0);
    expect(customResourceTypes(full.template)).toEqual([]);
  });
});

describe('portfolio, products and tag options', () => {
  test('with the defaults: a portfolio with environment and team tag options, no products and no principals yet', () => {
    template.resourceCountIs('AWS::ServiceCatalog::Portfolio', 1);
    template.hasResourceProperties('AWS::ServiceCatalog::Portfolio', {
      DisplayName: 'Engineering environments',
      ProviderName: 'Platform team',
    });
    template.resourceCountIs('AWS::ServiceCatalog::CloudFormationProduct', 0);
    template.resourceCountIs('AWS::ServiceCatalog::PortfolioPrincipalAssociation', 0);
    expect(tagOptions(template)).toEqual(['oar:env=dev', 'oar:env=prod', 'oar:env=staging', 'team=platform']);
    template.hasOutput('ProductIds', { Value: 'none' });
  });

  test('one product per entry, one version per template, loaded from the template bucket and validated', () => {
    const products = ofType(full.template, 'AWS::ServiceCatalog::CloudFormationProduct');
    expect(products.map((p) => p.Properties?.['Name'])).toEqual(['instance-tag-dns', 'private-admin-ssm']);
    const ssm = products[1]?.Properties as Json;
    expect(ssm).toMatchObject({ Owner: 'Payments platform', Distributor: 'Open Architecture Registry' });
    expect(ssm['ReplaceProvisioningArtifacts']).not.toBe(true);
    const artifacts = ssm['ProvisioningArtifactParameters'] as Json[];
    expect(artifacts.map((a) => a['Name'])).toEqual(['1.0.0 small', '1.0.0 large']);
    for (const [i, variant] of ['small', 'large'].entries()) {
      expect(artifacts[i]).toMatchObject({
        DisableTemplateValidation: false,
        Info: {
          LoadTemplateFromURL: {
            'Fn::Join': [
              '',
              [
                'https://',
                { 'Fn::GetAtt': [expect.stringMatching(/^TemplateBucket/u) as unknown, 'RegionalDomainName'] },
                `/private-admin-ssm/1.0.0/${variant}.template.json`,
              ],
            ],
          },
        },
      });
    }
  });

  test('every product has the launch role, the event topic and the tag-update setting as constraints', () => {
    for (const product of ['instance-tag-dns', 'private-admin-ssm']) {
      const ref = { Ref: logicalIdOf(full.template, 'AWS::ServiceCatalog::CloudFormationProduct', { Name: product }) };
      full.template.hasResourceProperties('AWS::ServiceCatalog::PortfolioProductAssociation', { ProductId: ref });
      full.template.hasResourceProperties('AWS::ServiceCatalog::LaunchRoleConstraint', {
        ProductId: ref,
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LaunchRole'), 'Arn'] },
      });
      full.template.hasResourceProperties('AWS::ServiceCatalog::LaunchNotificationConstraint', {
        ProductId: ref,
        NotificationArns: [{ Ref: Match.stringLikeRegexp('^ProvisioningEvents') }],
      });
      full.template.hasResourceProperties('AWS::ServiceCatalog::ResourceUpdateConstraint', {
        ProductId: ref,
        TagUpdateOnProvisionedProduct: 'ALLOWED',
      });
    }
    full.template.resourceCountIs('AWS::ServiceCatalog::LaunchRoleConstraint', 2);
  });

  test('tag updates after launch are off by default', () => {
    oneProduct.template.hasResourceProperties('AWS::ServiceCatalog::ResourceUpdateConstraint', {
      TagUpdateOnProvisionedProduct: 'NOT_ALLOWED',
    });
  });

  test('products wait for the launch role and its policies', () => {
    for (const p of Object.values(resourcesOf(full.template)).filter(
      (r) => r.Type === 'AWS::ServiceCatalog::CloudFormationProduct',
    )) {
      expect(p.DependsOn?.some((d) => d.startsWith('LaunchRolePolicy'))).toBe(true);
      expect(p.DependsOn?.some((d) => d.startsWith('LaunchRoleDefaultPolicy'))).toBe(true);
    }
  });

  test('tag options: oar:entry per product, oar:env, team and cost-centre on the portfolio', () => {
    expect(tagOptions(full.template)).toEqual([
      'cost-centre=cc-100',
      'cost-centre=cc-200',
      'oar:entry=instance-tag-dns',
      'oar:entry=private-admin-ssm',
      'oar:env=dev',
      'oar:env=prod',
      'team=payments',
      'team=search',
    ]);
    const entryTag = logicalIdOf(full.template, 'AWS::ServiceCatalog::TagOption', { Value: 'instance-tag-dns' });
    full.template.hasResourceProperties('AWS::ServiceCatalog::TagOptionAssociation', {
      TagOptionId: { Ref: entryTag },
      ResourceId: { Ref: Match.stringLikeRegexp('^Productinstancetagdns') },
    });
    const portfolio = { Ref: Match.stringLikeRegexp('^Portfolio') };
    const onPortfolio = ofType(full.template, 'AWS::ServiceCatalog::TagOptionAssociation').filter((a) =>
      JSON.stringify(a.Properties?.['ResourceId']).includes('"Portfolio'),
    );
    expect(onPortfolio).toHaveLength(6);
    full.template.hasResourceProperties('AWS::ServiceCatalog::TagOptionAssociation', { ResourceId: portfolio });
  });

  test('engineer principals: IAM for an ARN with an account, IAM_PATTERN for an account-less pattern', () => {
    full.template.hasResourceProperties('AWS::ServiceCatalog::PortfolioPrincipalAssociation', {
      PrincipalARN: 'arn:aws:iam::123456789012:role/Engineers',
      PrincipalType: 'IAM',
    });
    full.template.hasResourceProperties('AWS::ServiceCatalog::PortfolioPrincipalAssociation', {
      PrincipalARN: 'arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Engineers_*',
      PrincipalType: 'IAM_PATTERN',
    });
  });
});

describe('least privilege', () => {
  test('only Service Catalog can assume the launch role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'servicecatalog.amazonaws.com' } },
        ],
      },
      ManagedPolicyArns: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::Role', 1);
  });

  test('the launch role gets launchRoleServices in full, and IAM only for resources named after product stacks', () => {
    const services = launchStatements(full.template).find((s) => s.Sid === 'ServicesOfTheProducts');
    expect(services).toMatchObject({ Action: ['ec2:*', 'ssm:*', 'kms:*', 'logs:*'], Resource: '*' });
    expect(launchStatements(template).find((s) => s.Sid === 'ServicesOfTheProducts')?.Action).toEqual(
      (meta?.parameters?.find((p) => p.name === 'launchRoleServices')?.default as string)
        .split(',')
        .map((x) => `${x}:*`),
    );
    const iamStatements = launchStatements(template).filter((s) =>
      asList(s.Action).some((a) => String(a).startsWith('iam:')),
    );
    for (const s of iamStatements) {
      expect(asList(s.Action)).not.toContain('iam:*');
      for (const r of asList(s.Resource)) {
        expect(JSON.stringify(r)).toMatch(
          /:(role|instance-profile|policy)\/(SC-",\{"Ref":"AWS::AccountId"\},"-pp-\*|aws-service-role\/\*)/u,
        );
      }
    }
    expect(iamStatements.flatMap((s) => asList(s.Action))).toContain('iam:PassRole');
    for (const s of launchStatements(template)) {
      expect(
        asList(s.Action).filter((a) => /^(sts|organizations|servicecatalog|cloudformation):\*$/u.test(String(a))),
      ).toEqual([]);
    }
  });

  test('CloudFormation writes are limited to Service Catalog stacks', () => {
    const stackStatement = launchStatements(template).find((s) => s.Sid === 'StacksOfProvisionedProducts');
    expect(JSON.stringify(stackStatement?.Resource)).toContain(':stack/SC-');
    expect(asList(stackStatement?.Action)).toContain('cloudformation:CreateStack');
    const wildcard = launchStatements(template).filter((s) => s.Resource === '*' && s.Sid !== 'ServicesOfTheProducts');
    expect(wildcard.flatMap((s) => asList(s.Action)).sort()).toEqual([
      'cloudformation:GetTemplateSummary',
      'cloudformation:ValidateTemplate',
      's3:GetObject',
    ]);
  });

  test.each(FORBIDDEN_SERVICES)('refuses %s in launchRoleServices', (service) => {
    expect(runs.error(`forbidden ${service}`)).toMatch(/may not contain/u);
  });

  test('engineers get Service Catalog end-user rights at their access level and read-only stack access', () => {
    const statements = engineerStatements(template);
    const actions = statements.flatMap((s) => asList(s.Action) as string[]);
    expect(actions.filter((a) => !a.startsWith('servicecatalog:'))).toEqual([
      'cloudformation:DescribeStacks',
      'cloudformation:DescribeStackEvents',
      'cloudformation:ListStackResources',
    ]);
    expect(actions).not.toContain('servicecatalog:*');
    expect(actions.some((a) => a.startsWith('iam:'))).toBe(false);
    expect(statements.find((s) => s.Sid === 'ManageProvisionedProducts')?.Condition).toEqual({
      StringEquals: { 'servicecatalog:roleLevel': 'self' },
    });
    expect(engineerStatements(full.template).find((s) => s.Sid === 'ManageProvisionedProducts')?.Condition).toEqual({
      StringEquals: { 'servicecatalog:userLevel': 'self' },
    });
  });
});

describe('template bucket and event topic', () => {
  test('the bucket is private, encrypted, TLS-only, versioned and retained by default', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    full.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });

  test('the topic is encrypted with a rotating key that CloudFormation of this account may use', () => {
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotificationKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudformation.amazonaws.com' }, Condition: fromThisAccount }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudformation.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: fromThisAccount,
          }),
        ]),
      },
    });
    expect(launchStatements(template).find((s) => s.Sid === 'StackNotifications')?.Action).toBe('sns:Publish');
  });

  test('the email subscription exists only when an address is given', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    full.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'platform@example.com',
    });
  });
});

describe('metadata agrees with the template with products too', () => {
  test('services match the resources in the template', () => {
    expect(
      serviceErrors(ID, full.result.template),
    ).toEqual([]);
  });

  test('the diagram names every service of the template and no other', () => {
    const source = readFileSync(new URL('../diagrams/main.mmd', import.meta.url), 'utf8');
    expect(crossCheckDiagrams([{ file: 'diagrams/main.mmd', source }], full.result.template, `architectures/${ID}`)).toEqual([]);
  });
});
