import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The CloudWatch Logs retention of a number of days, which architecture.yaml limits to the periods it accepts. */
export function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention period`);
  return match;
}

export interface LogKeyProps {
  /** The names of the stack's log groups, or name patterns with *; CloudWatch Logs may use the key for these and no others. */
  readonly logGroupNames: readonly string[];
}

/**
 * A customer managed key with yearly rotation for the stack's log groups. The key policy lets CloudWatch
 * Logs in this Region use it only when the encryption context names one of those log groups (ArnLike, so a pattern
 * such as the runtime's `/aws/bedrock-agentcore/runtimes/<name>-*` covers the groups of its endpoints).
 */
export class LogKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: LogKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the log groups of ${stack.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logGroupArn = (name: string): string =>
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': props.logGroupNames.map(logGroupArn) } },
      }),
    );
  }

  /** A log group of the stack, encrypted with the key, kept for `retention`, deleted with the stack. */
  logGroup(id: string, logGroupName: string, retention: logs.RetentionDays): logs.LogGroup {
    return new logs.LogGroup(this, id, {
      logGroupName,
      encryptionKey: this.key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
