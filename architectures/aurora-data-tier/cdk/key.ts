import { ArnFormat, Aws, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface DataKeyProps {
  readonly description: string;
  readonly removalPolicy: RemovalPolicy;
  /** Log groups of this stack that CloudWatch Logs may encrypt with the key, and no others. */
  readonly logGroupNames: readonly string[];
}

/** A customer managed key with yearly rotation that CloudWatch Logs may use only for the named log groups. */
export function dataKey(scope: Construct, id: string, props: DataKeyProps): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: props.removalPolicy,
  });
  const logGroupArn = (name: string): string =>
    stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsForThisStacksLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': props.logGroupNames.map(logGroupArn) } },
    }),
  );
  return key;
}
