import { Aws, DefaultStackSynthesizer, Fn, Stack, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { Construct } from 'constructs';
import type { GlueIngest } from './catalog.ts';
import { acknowledgeWildcards, arnOf } from './nag.ts';
import type { LakeStorage } from './storage.ts';

export interface LakeGovernanceProps {
  readonly storage: LakeStorage;
  readonly ingest: GlueIngest;
  /** IAM role or user ARNs to add as data lake administrators, besides the deployment role. */
  readonly adminArns: readonly string[];
  /** IAM role ARNs that get SELECT on every table of the curated database. */
  readonly analystRoleArns: readonly string[];
}

type Permission = 'SELECT' | 'INSERT' | 'DELETE' | 'ALTER' | 'DESCRIBE' | 'CREATE_TABLE' | 'DATA_LOCATION_ACCESS';

/**
 * Lake Formation: adds the CloudFormation execution role (and any extra admins) to the data lake
 * administrators, registers the curated bucket with its own data access role, and grants the Glue
 * roles and the analyst roles what each needs on the databases, their tables and the location.
 */
export class LakeGovernance extends Construct {
  readonly settings: lakeformation.CfnDataLakeSettings;
  readonly dataAccessRole: iam.Role;
  readonly location: lakeformation.CfnResource;
  /** The role that CloudFormation deploys with, which must be a data lake administrator to grant. */
  readonly deploymentRoleArn: string;
  readonly grants: lakeformation.CfnPrincipalPermissions[] = [];

  constructor(scope: Construct, id: string, props: LakeGovernanceProps) {
    super(scope, id);
    const { storage, ingest } = props;
    const synthesizer = Stack.of(this).synthesizer;
    if (!(synthesizer instanceof DefaultStackSynthesizer)) {
      throw new Error(
        'data-lake-athena needs the DefaultStackSynthesizer: its CloudFormation execution role becomes a data lake administrator',
      );
    }
    // cdk-hnb659fds-cfn-exec-role-<account>-<region>, or the role of another bootstrap qualifier.
    this.deploymentRoleArn = Fn.sub(synthesizer.cloudFormationExecutionRoleArn);

    // Account-wide settings. APPEND adds these principals to the existing administrators instead of
    // replacing the list, and leaves the account's default permissions for new databases alone.
    this.settings = new lakeformation.CfnDataLakeSettings(this, 'Settings', {
      mutationType: 'APPEND',
      admins: [this.deploymentRoleArn, ...props.adminArns].map((arn) => ({ dataLakePrincipalIdentifier: arn })),
    });

    // The role Lake Formation assumes to hand out temporary credentials for the curated location.
    this.dataAccessRole = new iam.Role(this, 'DataAccessRole', {
      assumedBy: new iam.ServicePrincipal('lakeformation.amazonaws.com'),
      description: 'Lake Formation data access role of the curated bucket: vends scoped credentials to Athena and Glue',
    });
    this.dataAccessRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListCurated',
        actions: ['s3:ListBucket'],
        resources: [storage.curatedBucket.bucketArn],
      }),
    );
    this.dataAccessRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteCurated',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [storage.curatedBucket.arnForObjects('*')],
      }),
    );
    this.dataAccessRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseDataKey',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [storage.dataKey.keyArn],
      }),
    );
    acknowledgeWildcards(this.dataAccessRole.node.findChild('DefaultPolicy'), [
      [
        `${arnOf(storage.curatedBucket.node.defaultChild as CfnResource)}/*`,
        'Lake Formation scopes the credentials it vends to the location of the table being read; the role itself must reach every object of the one registered curated bucket.',
      ],
    ]);

    // Register the curated bucket in Lake Formation mode: tables on it are reachable only with
    // Lake Formation grants, not with S3 permissions alone (hybrid access mode off).
    this.location = new lakeformation.CfnResource(this, 'CuratedLocation', {
      resourceArn: storage.curatedBucket.bucketArn,
      useServiceLinkedRole: false,
      roleArn: this.dataAccessRole.roleArn,
      hybridAccessEnabled: false,
    });
    this.location.addResourceDependency(this.settings);
    const accessPolicy = this.dataAccessRole.node.tryFindChild('DefaultPolicy');
    if (accessPolicy) this.location.node.addDependency(accessPolicy);

    const rawDb = ingest.rawDatabase;
    const curatedDb = ingest.curatedDatabase;
    const database = (db: typeof rawDb) => ({
      database: { catalogId: Aws.ACCOUNT_ID, name: (db.databaseInput as { name: string }).name },
    });
    const allTables = (db: typeof rawDb) => ({
      table: {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: (db.databaseInput as { name: string }).name,
        tableWildcard: {},
      },
    });
    const grant = (
      name: string,
      principal: string,
      resource: lakeformation.CfnPrincipalPermissions.ResourceProperty,
      permissions: Permission[],
      after: CfnResource[],
    ) => {
      const g = new lakeformation.CfnPrincipalPermissions(this, name, {
        principal: { dataLakePrincipalIdentifier: principal },
        resource,
        permissions,
        permissionsWithGrantOption: [],
      });
      g.addResourceDependency(this.settings);
      for (const r of after) g.addResourceDependency(r);
      this.grants.push(g);
      return g;
    };

    // Crawler: keeps the raw tables and partitions, whatever the account's default permissions are.
    const crawler = ingest.crawlerRole.roleArn;
    grant('CrawlerRawDatabase', crawler, database(rawDb), ['CREATE_TABLE', 'DESCRIBE', 'ALTER'], [rawDb]);
    grant('CrawlerRawTables', crawler, allTables(rawDb), ['SELECT', 'INSERT', 'ALTER', 'DESCRIBE'], [rawDb]);

    // ETL job: reads raw, creates and updates the curated table and its partitions on the registered location.
    const job = ingest.jobRole.roleArn;
    grant('JobRawDatabase', job, database(rawDb), ['DESCRIBE'], [rawDb]);
    grant('JobRawTables', job, allTables(rawDb), ['SELECT', 'DESCRIBE'], [rawDb]);
    grant('JobCuratedDatabase', job, database(curatedDb), ['CREATE_TABLE', 'DESCRIBE', 'ALTER'], [curatedDb]);
    grant(
      'JobCuratedTables',
      job,
      allTables(curatedDb),
      ['SELECT', 'INSERT', 'DELETE', 'ALTER', 'DESCRIBE'],
      [curatedDb],
    );
    grant(
      'JobCuratedLocation',
      job,
      { dataLocation: { catalogId: Aws.ACCOUNT_ID, resourceArn: storage.curatedBucket.bucketArn } },
      ['DATA_LOCATION_ACCESS'],
      [this.location],
    );

    // Analysts: see the curated database and SELECT every table in it, present and future.
    props.analystRoleArns.forEach((arn, i) => {
      grant(`Analyst${i + 1}CuratedDatabase`, arn, database(curatedDb), ['DESCRIBE'], [curatedDb]);
      grant(`Analyst${i + 1}CuratedTables`, arn, allTables(curatedDb), ['SELECT', 'DESCRIBE'], [curatedDb]);
    });
  }
}
