import type { CfnTemplate } from './template.ts';

/**
 * Resource types that hold data, with what deleting one loses. Deleting the rest
 * of a stack (roles, subnets, functions) can be undone by deploying again; these
 * cannot.
 */
const STATEFUL: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'its items',
  'AWS::DynamoDB::GlobalTable': 'its items, in every replica region',
  'AWS::S3::Bucket':
    'its objects (CloudFormation deletes only an empty bucket; an auto-delete resource empties it first)',
  'AWS::RDS::DBCluster': 'its databases',
  'AWS::RDS::DBInstance': 'its databases',
  'AWS::DocDB::DBCluster': 'its databases',
  'AWS::Neptune::DBCluster': 'its graphs',
  'AWS::Redshift::Cluster': 'its warehouse',
  'AWS::ElastiCache::ReplicationGroup': 'its cached data',
  'AWS::ElastiCache::CacheCluster': 'its cached data',
  'AWS::EFS::FileSystem': 'its files',
  'AWS::FSx::FileSystem': 'its files',
  'AWS::EC2::Volume': 'its blocks',
  'AWS::SQS::Queue': 'the messages in it',
  'AWS::Kinesis::Stream': 'the records in it',
  'AWS::KMS::Key': 'the key, after a pending window of {days} days; data still encrypted with it becomes unreadable',
  'AWS::Logs::LogGroup': 'its log events',
  'AWS::SecretsManager::Secret': 'the secret value',
  'AWS::Cognito::UserPool': 'its users',
  'AWS::ECR::Repository': 'its images',
  'AWS::Backup::BackupVault':
    'its recovery points, when it can be (CloudFormation cannot delete a vault that holds any)',
  'AWS::OpenSearchService::Domain': 'its indexes',
  'AWS::Elasticsearch::Domain': 'its indexes',
  'AWS::Timestream::Table': 'its records',
};

/** A resource whose data a destroy deletes, or snapshots and then deletes. */
export interface StatefulResource {
  readonly logicalId: string;
  readonly type: string;
  readonly policy: 'Delete' | 'Snapshot';
  /** What is lost with it. */
  readonly loses: string;
}

/** CloudFormation's default when a resource sets no DeletionPolicy: Snapshot for RDS clusters and stand-alone instances. */
function defaultPolicy(type: string, properties: Readonly<Record<string, unknown>> | undefined): 'Delete' | 'Snapshot' {
  if (type === 'AWS::RDS::DBCluster') return 'Snapshot';
  if (type === 'AWS::RDS::DBInstance' && properties?.['DBClusterIdentifier'] === undefined) return 'Snapshot';
  return 'Delete';
}

/** Resources that hold data and that deleting the stack removes (DeletionPolicy Delete or Snapshot, set or by default). */
export function statefulResources(template: CfnTemplate): StatefulResource[] {
  const found: StatefulResource[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    const loses = STATEFUL[r.Type];
    if (loses === undefined) continue;
    const policy = r.DeletionPolicy ?? defaultPolicy(r.Type, r.Properties);
    if (policy !== 'Delete' && policy !== 'Snapshot') continue;
    const days = r.Properties?.['PendingWindowInDays'];
    found.push({
      logicalId,
      type: r.Type,
      policy,
      loses: loses.replace('{days}', String(typeof days === 'number' ? days : 30)),
    });
  }
  return found;
}

/** One line per stateful resource, for the destroy confirmation. */
export function describeStateful(resources: readonly StatefulResource[]): string[] {
  return resources.map(
    (r) =>
      `  ${r.logicalId} (${r.type}): ${r.policy === 'Snapshot' ? 'a final snapshot is kept, then it is deleted with' : 'deleted with'} ${r.loses}`,
  );
}
