import { CfnDeletionPolicy, Duration, RemovalPolicy, Validations, type CfnResource } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The managed rules of the organisation conformance pack: one per control the baseline promises. */
export const PACK_RULES: Record<string, string> = {
  'root-account-mfa-enabled': 'ROOT_ACCOUNT_MFA_ENABLED',
  'iam-user-no-policies-check': 'IAM_USER_NO_POLICIES_CHECK',
  'access-keys-rotated': 'ACCESS_KEYS_ROTATED',
  'cloudtrail-enabled': 'CLOUD_TRAIL_ENABLED',
  'guardduty-enabled-centralized': 'GUARDDUTY_ENABLED_CENTRALIZED',
  'securityhub-enabled': 'SECURITYHUB_ENABLED',
  's3-account-level-public-access-blocks': 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
  'ec2-ebs-encryption-by-default': 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
  'rds-storage-encrypted': 'RDS_STORAGE_ENCRYPTED',
  'restricted-ssh': 'INCOMING_SSH_DISABLED',
};

/** The rules that run on a schedule rather than on configuration changes. */
const PERIODIC = new Set([
  'ROOT_ACCOUNT_MFA_ENABLED',
  'ACCESS_KEYS_ROTATED',
  'CLOUD_TRAIL_ENABLED',
  'GUARDDUTY_ENABLED_CENTRALIZED',
  'SECURITYHUB_ENABLED',
  'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
  'EC2_EBS_ENCRYPTION_BY_DEFAULT',
]);

/** The conformance pack template: each rule with its AWS managed source; ACCESS_KEYS_ROTATED takes maxAccessKeyAge. */
export function packTemplate(maxAccessKeyAgeDays: number): string {
  const lines = ['Resources:'];
  for (const [name, source] of Object.entries(PACK_RULES)) {
    const logical = name.replace(/(^|-)([a-z0-9])/gu, (_m, _d, c: string) => c.toUpperCase());
    lines.push(`  ${logical}:`, '    Type: AWS::Config::ConfigRule', '    Properties:', `      ConfigRuleName: ${name}`);
    if (source === 'ACCESS_KEYS_ROTATED') lines.push('      InputParameters:', `        maxAccessKeyAge: '${maxAccessKeyAgeDays}'`);
    if (PERIODIC.has(source)) lines.push('      MaximumExecutionFrequency: TwentyFour_Hours');
    lines.push('      Source:', '        Owner: AWS', `        SourceIdentifier: ${source}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface ComplianceProps {
  readonly namePrefix: string;
  readonly retentionDays: number;
  readonly maxAccessKeyAgeDays: number;
  readonly excludedAccountIds: readonly string[];
}

/**
 * AWS Config in this account (a recorder of every resource type, global types included, delivering to an encrypted
 * bucket) and an organisation conformance pack that deploys the baseline's rules to every member account.
 */
export class Compliance extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;
  readonly recorder: config.CfnConfigurationRecorder;
  readonly channel: config.CfnDeliveryChannel;
  readonly pack: config.CfnOrganizationConformancePack;

  constructor(scope: Construct, id: string, props: ComplianceProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts AWS Config snapshots and history of ${props.namePrefix}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.grant(new iam.ServicePrincipal('config.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'AWS Config writes here and CloudTrail records every S3 data-plane call worth auditing through the organisation trail; server access logs would add a bucket for little.',
    });
    const config_ = new iam.ServicePrincipal('config.amazonaws.com');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigChecksTheBucket',
        principals: [config_],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigDelivers',
        principals: [config_],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('AWSLogs/*')],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );

    const role = new iam.Role(this, 'Role', {
      assumedBy: config_,
      description: 'AWS Config records the configuration of every resource in this account',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason: 'The AWS managed policy for AWS Config recording; AWS adds the read calls of each new resource type to it, which a hand-written policy would miss.',
    });

    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: 'default',
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    this.channel = new config.CfnDeliveryChannel(this, 'Channel', {
      name: 'default',
      s3BucketName: this.bucket.bucketName,
      s3KmsKeyArn: this.key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    this.channel.addResourceDependency(this.recorder);
    const policy = this.bucket.policy;
    if (policy) this.channel.addResourceDependency(policy.node.defaultChild as CfnResource);

    this.pack = new config.CfnOrganizationConformancePack(this, 'Pack', {
      organizationConformancePackName: `${props.namePrefix}-baseline`.slice(0, 128),
      templateBody: packTemplate(props.maxAccessKeyAgeDays),
      excludedAccounts: [...props.excludedAccountIds],
    });
    this.pack.addResourceDependency(this.channel);
    for (const r of [this.key.node.defaultChild, this.bucket.node.defaultChild]) {
      (r as CfnResource).cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    }
  }
}
