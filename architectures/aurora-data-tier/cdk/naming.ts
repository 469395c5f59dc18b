import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** Memory in GiB of the instance classes the instanceClass parameter offers. */
export const CLASS_MEMORY_GIB: Readonly<Record<string, number>> = {
  'db.r6g.large': 16,
  'db.r6g.xlarge': 32,
  'db.r7g.large': 16,
  'db.r7g.xlarge': 32,
  'db.r7g.2xlarge': 64,
  'db.r7g.4xlarge': 128,
  'db.r8g.large': 16,
  'db.r8g.xlarge': 32,
  'db.r8g.2xlarge': 64,
  'db.r7i.large': 16,
  'db.r7i.xlarge': 32,
};

export const REMOVAL: Readonly<Record<string, RemovalPolicy>> = {
  snapshot: RemovalPolicy.SNAPSHOT,
  destroy: RemovalPolicy.DESTROY,
};

/** The CloudWatch Logs retention period for a number of days; the parameter enums list only valid ones. */
export function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`${days} days is not a CloudWatch Logs retention period`);
  return match;
}

/**
 * A DB cluster identifier from the stack name: lowercase letters, digits and single hyphens, starting with a
 * letter, at most 63 characters (oar stack names such as oar-aurora-data-tier--prod contain a double hyphen).
 */
export function clusterIdentifierOf(stackName: string): string {
  if (Token.isUnresolved(stackName)) throw new Error('aurora-data-tier needs a concrete stack name');
  const id = stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]/gu, '-')
    .replace(/-+/gu, '-')
    .replace(/^[^a-z]+/u, '')
    .slice(0, 63)
    .replace(/-$/u, '');
  if (id === '') throw new Error(`cannot derive a DB cluster identifier from the stack name ${stackName}`);
  return id;
}
