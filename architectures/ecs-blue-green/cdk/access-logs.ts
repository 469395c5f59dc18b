import { CfnCondition, CfnMapping, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ICfnConditionExpression } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';

export interface AccessLogBucketProps {
  /** Days after which access log objects expire. */
  readonly retentionDays: number;
}

/**
 * The S3 bucket that receives the load balancer access logs. Its policy lets Elastic Load Balancing
 * write in any Region: Regions opened before August 2022 deliver as a regional ELB account, newer
 * ones as the logdelivery.elasticloadbalancing.amazonaws.com service principal.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // SSE-S3 is the only server-side encryption that load balancer log delivery supports.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        { expiration: Duration.days(props.retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Deleting a bucket that still holds logs fails the stack deletion; it is kept and the lifecycle rule empties it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives load balancer access logs; logging access to it would need another bucket whose logs nobody reads.',
    });

    const logObjects = this.bucket.arnForObjects(`AWSLogs/${stack.account}/*`);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ElbLogDelivery',
        actions: ['s3:PutObject'],
        principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
        resources: [logObjects],
      }),
    );
    // Regions opened before August 2022 have a regional ELB account, listed in CDK's region facts.
    // Any other Region, including ones newer than this CDK version, uses the service principal above.
    const legacyRegions = RegionInfo.regions.filter((r) => r.elbv2Account !== undefined);
    const elbAccounts = new CfnMapping(this, 'ElbAccounts', {
      mapping: Object.fromEntries(legacyRegions.map((r) => [r.name, { account: r.elbv2Account ?? '' }])),
    });
    const hasRegionalAccount = new CfnCondition(this, 'ElbHasRegionalAccount', {
      expression: anyOf(legacyRegions.map((r) => Fn.conditionEquals(stack.region, r.name))),
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ElbRegionalAccountLogDelivery',
        actions: ['s3:PutObject'],
        // Where the Region has no ELB account, the statement names this account, which grants nothing new.
        principals: [
          new iam.ArnPrincipal(
            Token.asString(
              Fn.conditionIf(
                hasRegionalAccount.logicalId,
                `arn:${stack.partition}:iam::${elbAccounts.findInMap(stack.region, 'account')}:root`,
                `arn:${stack.partition}:iam::${stack.account}:root`,
              ),
            ),
          ),
        ],
        resources: [logObjects],
      }),
    );
  }
}

/** True when any of the expressions is; Fn::Or takes 2 to 10 conditions, so longer lists nest. */
function anyOf(expressions: readonly ICfnConditionExpression[]): ICfnConditionExpression {
  const [first] = expressions;
  if (first === undefined) throw new Error('anyOf needs at least one condition');
  if (expressions.length === 1) return first;
  if (expressions.length <= 10) return Fn.conditionOr(...expressions);
  const size = Math.ceil(expressions.length / 10);
  const groups = Array.from({ length: Math.ceil(expressions.length / size) }, (_, i) =>
    anyOf(expressions.slice(i * size, (i + 1) * size)),
  );
  return anyOf(groups);
}
