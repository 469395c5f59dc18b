import { RemovalPolicy } from 'aws-cdk-lib';
import * as directoryservice from 'aws-cdk-lib/aws-directoryservice';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface DirectoryProps {
  readonly vpc: ec2.IVpc;
  readonly subnetIds: string[];
  readonly domainName: string;
  readonly edition: 'Standard' | 'Enterprise';
  readonly key: kms.IKey;
}

/**
 * AWS Managed Microsoft AD: two domain controllers in two zones, run and patched by AWS. The Admin password is
 * generated into Secrets Manager and read by CloudFormation only; a second secret holds the credentials of a
 * least-privilege join account, which an administrator creates once (runbook) and the web servers use to join.
 */
export class Directory extends Construct {
  readonly directory: directoryservice.CfnMicrosoftAD;
  readonly adminSecret: secretsmanager.Secret;
  readonly joinSecret: secretsmanager.Secret;
  readonly netbiosName: string;

  constructor(scope: Construct, id: string, props: DirectoryProps) {
    super(scope, id);
    this.netbiosName = (props.domainName.split('.')[0] ?? 'CORP').toUpperCase().slice(0, 15);
    const generated = (username: string) => ({
      secretStringTemplate: JSON.stringify({ username }),
      generateStringKey: 'password',
      passwordLength: 32,
      excludeCharacters: `"'\\/@\` `,
    });
    this.adminSecret = new secretsmanager.Secret(this, 'AdminSecret', {
      description: `Admin of ${props.domainName}; break-glass only`,
      generateSecretString: generated('Admin'),
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.joinSecret = new secretsmanager.Secret(this, 'JoinSecret', {
      description: `Domain join account of ${props.domainName}: may only create computer objects in the web servers' OU`,
      generateSecretString: generated('svc-domainjoin'),
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (const secret of [this.adminSecret, this.joinSecret]) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Directory passwords cannot be rotated by a Secrets Manager rotation function without a custom one that calls the directory; the runbook rotates them by hand.',
      });
    }
    this.directory = new directoryservice.CfnMicrosoftAD(this, 'Directory', {
      name: props.domainName,
      shortName: this.netbiosName,
      edition: props.edition,
      password: this.adminSecret.secretValueFromJson('password').unsafeUnwrap(),
      vpcSettings: { vpcId: props.vpc.vpcId, subnetIds: props.subnetIds },
    });
  }
}
