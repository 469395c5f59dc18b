import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { PREFIX } from './storage.ts';

export interface PartnersProps {
  readonly partners: readonly string[];
  readonly serverId: string;
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
}

/**
 * One Transfer Family user and one IAM role per partner. The user's logical home directory shows only
 * /inbox (its incoming prefix) and /outbox (its outbound prefix); the role allows nothing else, so a wrong
 * mapping still cannot reach another partner's files.
 */
export class Partners extends Construct {
  readonly users: transfer.CfnUser[] = [];
  readonly roles: iam.Role[] = [];

  constructor(scope: Construct, id: string, props: PartnersProps) {
    super(scope, id);
    const { bucket, key } = props;
    const region = Stack.of(this).region;
    for (const partner of props.partners) {
      const inbox = `${PREFIX.incoming}${partner}/`;
      const outbox = `${PREFIX.outbound}${partner}/`;
      const role = new iam.Role(this, `${partner}-Role`, {
        assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
        description: `SFTP partner ${partner}: write its inbox, read its outbox, nothing else`,
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ListOwnFoldersOnly',
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [inbox, `${inbox}*`, outbox, `${outbox}*`] } },
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'UploadToOwnInbox',
          actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
          resources: [bucket.arnForObjects(`${inbox}*`)],
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'DownloadFromOwnOutbox',
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject'],
          resources: [bucket.arnForObjects(`${outbox}*`)],
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'UseTheBucketKeyThroughS3',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        }),
      );
      const bucketId = Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
      for (const prefix of [inbox, outbox]) {
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
          reason: `Objects below partner ${partner}'s own ${prefix} only; the partner names its files when it uploads them, so the keys cannot be listed in advance.`,
        });
      }
      this.roles.push(role);

      this.users.push(
        new transfer.CfnUser(this, `${partner}-User`, {
          serverId: props.serverId,
          userName: partner,
          role: role.roleArn,
          homeDirectoryType: 'LOGICAL',
          homeDirectoryMappings: [
            { entry: '/inbox', target: `/${bucket.bucketName}/${inbox.slice(0, -1)}`, type: 'DIRECTORY' },
            { entry: '/outbox', target: `/${bucket.bucketName}/${outbox.slice(0, -1)}`, type: 'DIRECTORY' },
          ],
          tags: [{ key: 'partner', value: partner }],
        }),
      );
    }
  }
}
