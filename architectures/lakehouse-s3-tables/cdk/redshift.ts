import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as redshift from 'aws-cdk-lib/aws-redshiftserverless';
import { Construct } from 'constructs';

export interface RedshiftQueryProps {
  readonly name: string;
  readonly key: kms.IKey;
  /** Base capacity in Redshift Processing Units (RPUs), 8 to 512 in steps of 8. */
  readonly baseCapacity: number;
  /** The workgroup's subnets (at least three, in different zones), from the account's VPC. */
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

/**
 * Redshift Serverless next to the lake, for BI tools and heavier SQL over the same Iceberg tables: a
 * namespace encrypted with the analytics key, whose admin password Secrets Manager keeps and rotates,
 * and a private workgroup with enhanced VPC routing. Redshift reads the S3 Tables catalog through the
 * Lake Formation integration, with the grants given to its role there.
 */
export class RedshiftQuery extends Construct {
  readonly namespace: redshift.CfnNamespace;
  readonly workgroup: redshift.CfnWorkgroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RedshiftQueryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: `Redshift Serverless ${props.name}: reads the lakehouse tables through Lake Formation`,
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('redshift.amazonaws.com'),
        new iam.ServicePrincipal('redshift-serverless.amazonaws.com'),
      ),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheCatalog',
        actions: ['glue:GetCatalog', 'glue:GetCatalogs', 'glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'catalog', resourceName: 's3tablescatalog/*' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: 's3tablescatalog/*' }),
          stack.formatArn({ service: 'glue', resource: 'table', resourceName: 's3tablescatalog/*' }),
        ],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'LakeFormationCredentials',
        actions: ['lakeformation:GetDataAccess'],
        resources: ['*'],
      }),
    );

    const policy = this.role.node.findChild('DefaultPolicy');
    const catalogReason =
      'The S3 Tables federated catalog names each table bucket, namespace and table below s3tablescatalog/; which of them Redshift may read is decided by the Lake Formation grants, and this policy only lets it look them up.';
    for (const kind of ['catalog', 'database', 'table'])
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:${kind}/s3tablescatalog/*]`,
        reason: catalogReason,
      });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'lakeformation:GetDataAccess has no resource-level permissions; Lake Formation scopes the credentials it vends to the granted tables.',
    });

    this.namespace = new redshift.CfnNamespace(this, 'Namespace', {
      namespaceName: props.name,
      dbName: 'dev',
      adminUsername: 'admin',
      manageAdminPassword: true,
      kmsKeyId: props.key.keyArn,
      iamRoles: [this.role.roleArn],
      defaultIamRoleArn: this.role.roleArn,
      logExports: ['userlog', 'connectionlog', 'useractivitylog'],
    });
    this.workgroup = new redshift.CfnWorkgroup(this, 'Workgroup', {
      workgroupName: props.name,
      namespaceName: this.namespace.ref,
      baseCapacity: props.baseCapacity,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [...props.securityGroupIds],
      configParameters: [{ parameterKey: 'require_ssl', parameterValue: 'true' }],
    });
    this.workgroup.addResourceDependency(this.namespace);
  }
}
