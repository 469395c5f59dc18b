import { Aws, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * IAM service prefixes the launch role never gets in full: identity, organization and account
 * administration. A product that needs IAM gets the scoped statements below instead.
 */
export const FORBIDDEN_SERVICES: readonly string[] = [
  'iam',
  'sts',
  'organizations',
  'account',
  'sso',
  'sso-directory',
  'identitystore',
  'servicecatalog',
  'cloudformation',
];

/**
 * What the permissions boundary of product roles leaves out: identity, organization, account and catalogue
 * administration. A product role may still pass and assume the roles of provisioned products (below).
 */
export const OUTSIDE_THE_BOUNDARY: readonly string[] = [
  'iam',
  'sts',
  'organizations',
  'account',
  'sso',
  'sso-directory',
  'identitystore',
  'servicecatalog',
];

/** Service Catalog names the stack of a provisioned product SC-<account>-pp-<id>; its IAM resources start with that. */
export const scPrefix = (): string => `SC-${Aws.ACCOUNT_ID}-pp-`;

/** The ARN of an AWS managed policy from its name with path, e.g. service-role/AWSBackupServiceRolePolicyForBackup. */
export const awsManagedPolicyArn = (name: string): string => `arn:${Aws.PARTITION}:iam::aws:policy/${name}`;

export interface ProductRoleBoundaryProps {
  /** The customer managed policy's name, which `oar synth --permissions-boundary` is given when templates are published. */
  readonly name: string;
}

/**
 * The permissions boundary every role of a provisioned product must carry: the launch role can create, or put
 * a policy on, a product role only with this boundary. Whatever policies a template gives a role, the role
 * cannot administer IAM, STS, organizations, accounts, Identity Center or Service Catalog, so a product cannot
 * mint a role that escapes the portal; it may pass and assume only other product roles.
 */
export class ProductRoleBoundary extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ProductRoleBoundaryProps) {
    super(scope, id);
    const productRoles = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${scPrefix()}*`;
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: props.name,
      description: 'Permissions boundary of the roles of self-service environments: no identity or catalogue administration',
      statements: [
        new iam.PolicyStatement({
          sid: 'EverythingButIdentityAndCatalogueAdministration',
          notActions: OUTSIDE_THE_BOUNDARY.map((s) => `${s}:*`),
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'PassAndAssumeProductRolesOnly',
          actions: ['iam:GetRole', 'iam:PassRole', 'sts:AssumeRole'],
          resources: [productRoles],
        }),
      ],
    });
    Validations.of(this.policy).acknowledge(
      {
        // cdk-nag's IAM5 reads Action, not NotAction, and throws on this statement.
        id: 'AwsSolutions-IAM5',
        reason:
          'A permissions boundary caps, it grants nothing: product roles get only what their own policies say, never identity, organization or catalogue administration, and pass or assume only product roles, all under this boundary.',
      },
      {
        id: 'CloudFormation-Validate::W2512',
        reason:
          'NotAction is the point of a boundary that leaves out whole services; the boundary grants nothing by itself.',
      },
    );
  }
}

export interface LaunchRoleProps {
  /** IAM service prefixes whose actions the products' templates use, e.g. ec2, lambda, logs. */
  readonly services: readonly string[];
  /** AWS managed policies (names with path) that product roles may attach, besides the products' own policies. */
  readonly attachablePolicies: readonly string[];
  /** The boundary every product role must carry. */
  readonly boundary: iam.IManagedPolicy;
  readonly templateBucket: s3.IBucket;
  readonly notificationTopic: sns.ITopic;
  readonly notificationKey: kms.IKey;
}

/**
 * The role Service Catalog assumes to run CloudFormation for every product of the portfolio. Engineers
 * cannot assume it; it holds the rights they do not need. Its service rights work only through CloudFormation,
 * and the roles it creates for products carry the product role boundary.
 */
export class LaunchRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: LaunchRoleProps) {
    super(scope, id);
    const bad = props.services.filter((s) => FORBIDDEN_SERVICES.includes(s) || !/^[a-z0-9-]+$/u.test(s));
    if (bad.length > 0) {
      throw new Error(
        `launchRoleServices may not contain ${bad.join(', ')}: IAM, STS, organization and catalogue administration stay out of the launch role`,
      );
    }
    const badPolicies = props.attachablePolicies.filter((p) => !/^(?:[\w+=.@-]+\/)*[\w+=.@-]+$/u.test(p));
    if (badPolicies.length > 0) {
      throw new Error(
        `attachablePolicies may not contain ${badPolicies.join(', ')}: give AWS managed policy names with their path, e.g. service-role/AWSBackupServiceRolePolicyForBackup, without wildcards`,
      );
    }
    const arn = (service: string, resource: string, region: string = Aws.REGION) =>
      `arn:${Aws.PARTITION}:${service}:${region}:${Aws.ACCOUNT_ID}:${resource}`;
    const iamArn = (resource: string) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${resource}`;
    const stacks = arn('cloudformation', `stack/${scPrefix()}*/*`);
    const productRoles = iamArn(`role/${scPrefix()}*`);
    const withBoundary = { 'iam:PermissionsBoundary': props.boundary.managedPolicyArn };

    this.role = new iam.Role(this, 'Role', {
      // Only Service Catalog, and only on behalf of this account when it says which account it acts for.
      assumedBy: new iam.ServicePrincipal('servicecatalog.amazonaws.com').withConditions({
        StringEqualsIfExists: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      }),
      description: 'Service Catalog launch role: runs CloudFormation for the products of the portfolio',
    });
    const statements = [
      new iam.PolicyStatement({
        sid: 'StacksOfProvisionedProducts',
        actions: [
          'cloudformation:CreateStack',
          'cloudformation:UpdateStack',
          'cloudformation:DeleteStack',
          'cloudformation:DescribeStacks',
          'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStackResource',
          'cloudformation:DescribeStackResources',
          'cloudformation:ListStackResources',
          'cloudformation:GetTemplate',
          'cloudformation:SetStackPolicy',
          'cloudformation:CreateChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DeleteChangeSet',
          'cloudformation:ListChangeSets',
          'cloudformation:TagResource',
          'cloudformation:UntagResource',
        ],
        resources: [stacks],
      }),
      new iam.PolicyStatement({
        sid: 'ValidateTemplates',
        actions: ['cloudformation:ValidateTemplate', 'cloudformation:GetTemplateSummary'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'ReadServiceCatalogTemplateCopies',
        actions: ['s3:GetObject'],
        resources: ['*'],
        // The copies Service Catalog keeps of each version, in a bucket it owns, carry this tag; see "Launch constraints".
        conditions: { StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } },
      }),
      new iam.PolicyStatement({
        sid: 'CdkBootstrapVersionAndPublicParameters',
        actions: ['ssm:GetParameters', 'ssm:GetParameter'],
        resources: [
          arn('ssm', 'parameter/cdk-bootstrap/*'),
          `arn:${Aws.PARTITION}:ssm:${Aws.REGION}::parameter/aws/service/*`,
        ],
      }),
      new iam.PolicyStatement({
        sid: 'CreateProductRolesOnlyUnderTheBoundary',
        actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy'],
        resources: [productRoles],
        conditions: { StringEquals: withBoundary },
      }),
      new iam.PolicyStatement({
        sid: 'AttachOnlyAllowedPoliciesToBoundedProductRoles',
        actions: ['iam:AttachRolePolicy'],
        resources: [productRoles],
        conditions: {
          StringEquals: withBoundary,
          ArnLike: {
            'iam:PolicyARN': [...props.attachablePolicies.map(awsManagedPolicyArn), iamArn(`policy/${scPrefix()}*`)],
          },
        },
      }),
      new iam.PolicyStatement({
        // Reading, tagging, passing and taking rights away; what adds rights is in the two statements above.
        sid: 'ManageProductRoles',
        actions: [
          'iam:DeleteRole',
          'iam:GetRole',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:UpdateAssumeRolePolicy',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:GetRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:ListRolePolicies',
          'iam:DetachRolePolicy',
          'iam:ListAttachedRolePolicies',
          'iam:ListInstanceProfilesForRole',
          'iam:PassRole',
        ],
        resources: [productRoles],
      }),
      new iam.PolicyStatement({
        sid: 'ProductInstanceProfilesAndPolicies',
        actions: [
          'iam:CreateInstanceProfile',
          'iam:DeleteInstanceProfile',
          'iam:GetInstanceProfile',
          'iam:TagInstanceProfile',
          'iam:AddRoleToInstanceProfile',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:CreatePolicy',
          'iam:DeletePolicy',
          'iam:GetPolicy',
          'iam:GetPolicyVersion',
          'iam:CreatePolicyVersion',
          'iam:DeletePolicyVersion',
          'iam:ListPolicyVersions',
          'iam:TagPolicy',
        ],
        resources: [iamArn(`instance-profile/${scPrefix()}*`), iamArn(`policy/${scPrefix()}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'ServiceLinkedRoles',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [iamArn('role/aws-service-role/*')],
      }),
      new iam.PolicyStatement({
        sid: 'StackNotifications',
        actions: ['sns:Publish'],
        resources: [props.notificationTopic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptedStackNotifications',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.notificationKey.keyArn],
      }),
      ...(props.services.length > 0
        ? [
            new iam.PolicyStatement({
              sid: 'ServicesOfTheProductsThroughCloudFormationOnly',
              actions: props.services.map((s) => `${s}:*`),
              resources: ['*'],
              conditions: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } },
            }),
          ]
        : []),
    ];
    new iam.Policy(this, 'Policy', { statements, roles: [this.role] });
    props.templateBucket.grantRead(this.role);

    const acks: [string, string][] = [
      [
        `Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/SC-<AWS::AccountId>-pp-*/*`,
        'Only the stacks Service Catalog creates for provisioned products, which it names SC-<account>-pp-<id>; the id is not known in advance.',
      ],
      [
        'Resource::*',
        'ValidateTemplate and GetTemplateSummary have no resource-level permissions; s3:GetObject reads only objects tagged servicecatalog:provisioning=true, the copies Service Catalog keeps in a bucket it owns and does not name (see "Launch constraints"); the services in launchRoleServices work only through CloudFormation (aws:CalledVia).',
      ],
      [
        'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/cdk-bootstrap/*',
        'Templates synthesized by CDK read the bootstrap version parameter; read-only, and only below /cdk-bootstrap/.',
      ],
      [
        'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>::parameter/aws/service/*',
        'AWS public parameters such as the current Amazon Linux image id, which entry templates resolve at deploy time; read-only.',
      ],
      [
        'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/SC-<AWS::AccountId>-pp-*',
        'Roles of provisioned products only: CloudFormation names them after the stack, which starts with SC-<account>-pp-. Rights are added to a role only while it carries the product role boundary.',
      ],
      [
        'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:instance-profile/SC-<AWS::AccountId>-pp-*',
        'Instance profiles of provisioned products only, named after the stack by CloudFormation.',
      ],
      [
        'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:policy/SC-<AWS::AccountId>-pp-*',
        'Managed policies of provisioned products only, named after the stack by CloudFormation; they can be attached only to roles under the boundary.',
      ],
      [
        'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/aws-service-role/*',
        'Creating service-linked roles, which load balancers, Auto Scaling and ECS need the first time they are used in an account; their permissions are fixed by AWS.',
      ],
      [
        'Action::s3:GetObject*',
        'Read access to the template bucket, from grantRead; the launch role cannot write to it.',
      ],
      [
        'Action::s3:GetBucket*',
        'Read access to the template bucket, from grantRead; the launch role cannot write to it.',
      ],
      ['Action::s3:List*', 'Read access to the template bucket, from grantRead; the launch role cannot write to it.'],
      [
        `Resource::<${Stack.of(this).getLogicalId(props.templateBucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
        'Every object of the template bucket: it holds only synthesized templates of catalogue entries.',
      ],
      ...props.services.map((s): [string, string] => [
        `Action::${s}:*`,
        `The products create, update, tag and delete ${s} resources whose names and ids are only known at launch; the rights work only through CloudFormation, which runs only the portfolio's vetted templates.`,
      ]),
    ];
    // On this construct: the findings are on the role's two policies (the statements above and grantRead).
    for (const [finding, reason] of acks) {
      Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }
}

export interface EngineerPolicyProps {
  /** user: own provisioned products; role: also those of everyone using the same role; account: all. */
  readonly accessLevel: string;
}

/**
 * What engineers need to use the portfolio: browse and launch products, and update, terminate and plan
 * the provisioned products they may see. Nothing else; the launch role does the work.
 */
export class EngineerPolicy extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: EngineerPolicyProps) {
    super(scope, id);
    const stacks = `arn:${Aws.PARTITION}:cloudformation:${Aws.REGION}:${Aws.ACCOUNT_ID}:stack/${scPrefix()}*/*`;
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Self-service environments: launch, update and terminate products of the portfolio',
      statements: [
        new iam.PolicyStatement({
          sid: 'BrowseAndLaunchPortfolioProducts',
          actions: [
            'servicecatalog:SearchProducts',
            'servicecatalog:DescribeProduct',
            'servicecatalog:DescribeProductView',
            'servicecatalog:DescribeProvisioningParameters',
            'servicecatalog:ListLaunchPaths',
            'servicecatalog:ProvisionProduct',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ManageProvisionedProducts',
          actions: [
            'servicecatalog:DescribeProvisionedProduct',
            'servicecatalog:DescribeRecord',
            'servicecatalog:ListRecordHistory',
            'servicecatalog:ScanProvisionedProducts',
            'servicecatalog:SearchProvisionedProducts',
            'servicecatalog:GetProvisionedProductOutputs',
            'servicecatalog:UpdateProvisionedProduct',
            'servicecatalog:TerminateProvisionedProduct',
            'servicecatalog:CreateProvisionedProductPlan',
            'servicecatalog:DescribeProvisionedProductPlan',
            'servicecatalog:ExecuteProvisionedProductPlan',
            'servicecatalog:DeleteProvisionedProductPlan',
            'servicecatalog:ListProvisionedProductPlans',
          ],
          resources: ['*'],
          conditions: { StringEquals: { [`servicecatalog:${props.accessLevel}Level`]: 'self' } },
        }),
        new iam.PolicyStatement({
          sid: 'ReadStacksOfProvisionedProducts',
          actions: [
            'cloudformation:DescribeStacks',
            'cloudformation:DescribeStackEvents',
            'cloudformation:ListStackResources',
          ],
          resources: [stacks],
        }),
      ],
    });
    Validations.of(this.policy).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Service Catalog decides which products a principal sees by the portfolio principal association, not by IAM resources; provisioned-product actions are limited by the servicecatalog access-level condition (the pattern of AWSServiceCatalogEndUserFullAccess).',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/SC-<AWS::AccountId>-pp-*/*]',
        reason: 'Read-only access to the stacks of provisioned products, to see why a launch or update failed.',
      },
    );
  }
}
