import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface DataNetworkProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly flowLogGroupName: string;
  readonly flowLogRetention: logs.RetentionDays;
  readonly key: kms.IKey;
}

/** Subnet group names; the stack selects subnets by them. */
export const APP_SUBNETS = 'Application';
export const DB_SUBNETS = 'Database';

/**
 * A VPC with two tiers of isolated subnets in every Availability Zone: application subnets for the
 * clients of the database (and the rotation function and the Secrets Manager endpoint), and database
 * subnets for the Aurora instances. No internet gateway, no NAT gateway, no public address.
 */
export class DataNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly appSubnets: ec2.SubnetSelection = { subnetGroupName: APP_SUBNETS };
  readonly dbSubnets: ec2.SubnetSelection = { subnetGroupName: DB_SUBNETS };
  /** The security group the database accepts connections from; attach it to the application. */
  readonly appSecurityGroup: ec2.SecurityGroup;
  /** The security group of the hosted rotation function. */
  readonly rotationSecurityGroup: ec2.SecurityGroup;
  /** The Secrets Manager interface endpoint the rotation function calls. */
  readonly secretsManagerEndpoint: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: DataNetworkProps) {
    super(scope, id);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      // Fn::GetAZs tokens: an environment-agnostic stack otherwise gets at most two zones.
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: 0,
      subnetConfiguration: [
        { name: APP_SUBNETS, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 },
        { name: DB_SUBNETS, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The restricting feature is a custom resource; the default group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });

    const flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      logGroupName: props.flowLogGroupName,
      encryptionKey: props.key,
      retention: props.flowLogRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    this.appSecurityGroup = new ec2.SecurityGroup(this, 'ApplicationSecurityGroup', {
      vpc: this.vpc,
      description: 'Clients of the Aurora cluster: the database accepts 5432 from members of this group only',
      allowAllOutbound: true,
    });
    this.rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: this.vpc,
      description: 'Secrets Manager hosted rotation function: 5432 to the cluster, 443 to the Secrets Manager endpoint',
      allowAllOutbound: false,
    });

    // The rotation function has no route out, so it reaches Secrets Manager through an interface endpoint.
    const endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Secrets Manager interface endpoint: HTTPS from the rotation function and the application',
      allowAllOutbound: false,
    });
    this.secretsManagerEndpoint = this.vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: this.appSubnets,
      securityGroups: [endpointSecurityGroup],
      privateDnsEnabled: true,
      open: false,
    });
    endpointSecurityGroup.addIngressRule(
      this.rotationSecurityGroup,
      ec2.Port.tcp(443),
      'HTTPS from the rotation function',
    );
    endpointSecurityGroup.addIngressRule(this.appSecurityGroup, ec2.Port.tcp(443), 'HTTPS from the application');
    this.rotationSecurityGroup.addEgressRule(endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to Secrets Manager');
  }
}
