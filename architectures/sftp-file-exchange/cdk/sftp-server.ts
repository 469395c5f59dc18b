import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';

export interface SftpServerProps {
  readonly vpc: ec2.IVpc;
  readonly internetFacing: boolean;
  readonly allowedClientCidr: string;
  readonly securityPolicyName: string;
  readonly logGroup: logs.ILogGroup;
}

/**
 * An SFTP-only Transfer Family server with a VPC endpoint in every zone of the VPC: internet-facing through one
 * Elastic IP per zone, or internal. Service-managed users with SSH keys only, a pinned security policy, and
 * structured JSON logs to its log group.
 */
export class SftpServer extends Construct {
  readonly server: transfer.CfnServer;
  readonly securityGroup: ec2.SecurityGroup;
  readonly elasticIps: ec2.CfnEIP[] = [];

  constructor(scope: Construct, id: string, props: SftpServerProps) {
    super(scope, id);
    const { vpc } = props;
    const subnets = vpc.selectSubnets({
      subnetType: props.internetFacing ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_ISOLATED,
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'SFTP endpoint: port 22 from allowedClientCidr only',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.allowedClientCidr), ec2.Port.tcp(22), 'SFTP from partners');
    if (props.allowedClientCidr === '0.0.0.0/0') {
      anyClientAcknowledged(this.securityGroup);
    }

    if (props.internetFacing) {
      subnets.subnetIds.forEach((_, i) => {
        this.elasticIps.push(new ec2.CfnEIP(this, `Address${i + 1}`, { domain: 'vpc' }));
      });
    }

    // Transfer Family writes the structured logs with this role.
    const loggingRole = new iam.Role(this, 'LoggingRole', {
      assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Transfer Family writes the SFTP server logs to its log group',
    });
    loggingRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        resources: [props.logGroup.logGroupArn, `${props.logGroup.logGroupArn}:*`],
      }),
    );
    loggingRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogDelivery'], resources: ['*'] }),
    );
    anyDeliveryAcknowledged(loggingRole, props.logGroup);

    this.server = new transfer.CfnServer(this, 'Server', {
      protocols: ['SFTP'],
      domain: 'S3',
      identityProviderType: 'SERVICE_MANAGED',
      endpointType: 'VPC',
      endpointDetails: {
        vpcId: vpc.vpcId,
        subnetIds: subnets.subnetIds,
        securityGroupIds: [this.securityGroup.securityGroupId],
        addressAllocationIds: props.internetFacing ? this.elasticIps.map((a) => a.attrAllocationId) : undefined,
      },
      // CloudFormation's default is TransferSecurityPolicy-2018-11, which still allows SHA-1 and ssh-rsa.
      securityPolicyName: props.securityPolicyName,
      loggingRole: loggingRole.roleArn,
      structuredLogDestinations: [props.logGroup.logGroupArn],
      s3StorageOptions: { directoryListingOptimization: 'ENABLED' },
      preAuthenticationLoginBanner: 'Authorised partners only. Connections and file operations are logged.',
    });
  }
}

function anyClientAcknowledged(sg: ec2.SecurityGroup): void {
  Validations.of(sg).acknowledge({
    id: 'AwsSolutions-EC23',
    reason:
      'With allowedClientCidr 0.0.0.0/0 any address may open port 22, as partners connect from addresses this stack cannot know; users authenticate with SSH keys only (no passwords). Narrow allowedClientCidr to the partners’ ranges where they have fixed ones.',
  });
}

function anyDeliveryAcknowledged(role: iam.Role, logGroup: logs.ILogGroup): void {
  const logGroupId = Stack.of(role).getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
    reason: 'The log streams of the server’s own log group, which Transfer Family names per session.',
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'logs:CreateLogDelivery has no resource type in IAM and takes only "*"; the role may write log events only to the server’s own log group.',
  });
}
