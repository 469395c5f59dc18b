import { Aws, DefaultStackSynthesizer, Fn, Stack, type CfnResource } from 'aws-cdk-lib';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { Construct } from 'constructs';
import type { GlueIngest } from './catalog.ts';

export interface LakeGovernanceProps {
  readonly ingest: GlueIngest;
  /** IAM role or user ARNs to add as data lake administrators, besides the deployment role. */
  readonly adminArns: readonly string[];
  /** IAM role ARNs that get SELECT on every table of the curated namespace. */
  readonly analystRoleArns: readonly string[];
  /** Name of the S3 Tables table bucket and the namespace of the curated tables. */
  readonly tableBucketName: string;
  readonly curatedNamespace: string;
}

type Permission = 'SELECT' | 'INSERT' | 'DELETE' | 'ALTER' | 'DESCRIBE' | 'CREATE_TABLE';

/**
 * Lake Formation: adds the CloudFormation execution role (and any extra admins) to the data lake
 * administrators, grants the crawler and the job what each needs on the raw database, and grants the
 * analyst roles SELECT on the curated Iceberg tables, which Lake Formation governs through the S3 Tables
 * integration with AWS analytics services (the s3tablescatalog federated catalog).
 */
export class LakeGovernance extends Construct {
  readonly settings: lakeformation.CfnDataLakeSettings;
  /** The federated catalog of the table bucket, as Lake Formation names it: <account>:s3tablescatalog/<bucket>. */
  readonly curatedCatalogId: string;
  /** The role that CloudFormation deploys with, which must be a data lake administrator to grant. */
  readonly deploymentRoleArn: string;
  readonly grants: lakeformation.CfnPrincipalPermissions[] = [];

  constructor(scope: Construct, id: string, props: LakeGovernanceProps) {
    super(scope, id);
    const { ingest } = props;
    const synthesizer = Stack.of(this).synthesizer;
    if (!(synthesizer instanceof DefaultStackSynthesizer)) {
      throw new Error(
        'lakehouse-s3-tables needs the DefaultStackSynthesizer: its CloudFormation execution role becomes a data lake administrator',
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

    this.curatedCatalogId = `${Aws.ACCOUNT_ID}:s3tablescatalog/${props.tableBucketName}`;

    const rawDb = ingest.rawDatabase;
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
    // Analysts: see the curated namespace and SELECT every table in it, present and future. The grants
    // name the table bucket's federated catalog, which the S3 Tables integration creates (a one-time
    // account setting; see the README).
    const namespace = { database: { catalogId: this.curatedCatalogId, name: props.curatedNamespace } };
    const namespaceTables = {
      table: { catalogId: this.curatedCatalogId, databaseName: props.curatedNamespace, tableWildcard: {} },
    };
    props.analystRoleArns.forEach((arn, i) => {
      grant(`Analyst${i + 1}CuratedNamespace`, arn, namespace, ['DESCRIBE'], []);
      grant(`Analyst${i + 1}CuratedTables`, arn, namespaceTables, ['SELECT', 'DESCRIBE'], []);
    });
  }
}
