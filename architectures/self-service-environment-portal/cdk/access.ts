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

/** Service Catalog names the stack of a provisioned product SC-<account>-pp-<id>; its IAM resources start with that. */
export const scPrefix = (): string => `SC-${Aws.ACCOUNT_ID}-pp-`;

export interface LaunchRoleProps {
  /** IAM service prefixes whose actions the products' templates use, e.g. ec2, lambda, logs. */
  readonly services: readonly string[];
  readonly templateBucket: s3.IBucket;
  readonly notificationTopic: sns.ITopic;
  readonly notificationKey: kms.IKey;
}

/**
 * The role Service Catalog assumes to run CloudFormation for every product of the portfolio. Engineers
 * cannot assume it; it holds the rights they do not need.
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
    const arn = (service: string, resource: string, region: string = Aws.REGION) =>
      `arn:${Aws.PARTITION}:${service}:${region}:${Aws.ACCOUNT_ID}:${resource}`;
    const iamArn = (resource: string) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${resource}`;
    const stacks = arn('cloudformation', `stack/${scPrefix()}*/*`);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('servicecatalog.amazonaws.com'),
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
        sid: 'ReadTemplates',
        actions: ['cloudformation:ValidateTemplate', 'cloudformation:GetTemplateSummary', 's3:GetObject'],
        resources: ['*'],
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
        sid: 'ProductRolesAndPoliciesOnly',
        actions: [
          'iam:CreateRole',
          'iam:DeleteRole',
          'iam:GetRole',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:UpdateAssumeRolePolicy',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:PutRolePolicy',
          'iam:GetRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:ListRolePolicies',
          'iam:AttachRolePolicy',
          'iam:DetachRolePolicy',
          'iam:ListAttachedRolePolicies',
          'iam:PassRole',
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
        resources: [
          iamArn(`role/${scPrefix()}*`),
          iamArn(`instance-profile/${scPrefix()}*`),
          iamArn(`policy/${scPrefix()}*`),
        ],
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
              sid: 'ServicesOfTheProducts',
              actions: props.services.map((s) => `${s}:*`),
              resources: ['*'],
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
        'ValidateTemplate and GetTemplateSummary have no resource-level permissions, and Service Catalog keeps its copy of each template in a bucket it owns, whose name it does not publish (see "Configuring a launch role"). Services of the products are listed in launchRoleServices.',
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
        'Roles of provisioned products only: CloudFormation names them after the stack, which starts with SC-<account>-pp-. No other role of the account can be changed or passed.',
      ],
      [
        'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:instance-profile/SC-<AWS::AccountId>-pp-*',
        'Instance profiles of provisioned products only, named after the stack by CloudFormation.',
      ],
      [
        'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:policy/SC-<AWS::AccountId>-pp-*',
        'Managed policies of provisioned products only, named after the stack by CloudFormation.',
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
        `The products create, update, tag and delete ${s} resources whose names and ids are only known at launch; the role runs only vetted templates through Service Catalog and cannot be assumed by people.`,
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
