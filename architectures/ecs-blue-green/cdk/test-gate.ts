import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The function ECS calls after it moves test traffic to the new revision: it requests testUrl once per call. */
const HANDLER = `import os
import urllib.request


def handler(event, context):
    url = os.environ["TEST_URL"]
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            passed = response.status == 200
            detail = response.status
    except Exception as error:  # connection refused, timeout, 4xx or 5xx
        passed = False
        detail = repr(error)
    print({"lifecycleStage": event.get("lifecycleStage"), "url": url, "passed": passed, "detail": detail})
    return {"hookStatus": "SUCCEEDED" if passed else "FAILED"}
`;

export interface TestGateProps {
  readonly vpc: ec2.IVpc;
  /** The URL of the new revision behind the test listener. */
  readonly testUrl: string;
  readonly testListenerPort: number;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The lifecycle hook of the blue/green deployment: a function in the private subnets that requests the new revision
 * through the test listener and answers FAILED unless it gets HTTP 200, which makes ECS roll the deployment back
 * before production traffic moves.
 */
export class TestGate extends Construct {
  readonly function: lambda.Function;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: TestGateProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Blue/green test gate: only the test listener port out, through the NAT gateways',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(props.testListenerPort),
      'The test listener, at the public addresses of the load balancer',
    );
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Blue/green test gate: network interfaces in the VPC and its own log group',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
    });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
      reason:
        'A function in a VPC needs to create, describe and delete its network interfaces, which do not support resource-level permissions; this AWS managed policy is exactly that plus log writes.',
    });
    this.function = new lambda.Function(this, 'Function', {
      description: 'ECS blue/green lifecycle hook: requests the new revision through the test listener',
      runtime: lambda.Runtime.PYTHON_3_14,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      timeout: Duration.seconds(15),
      memorySize: 128,
      role,
      logGroup,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      environment: { TEST_URL: props.testUrl },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "python3.14 is the newest Python runtime CloudFormation accepts today (cfn-lint's schema rejects python3.15, which aws-cdk-lib already lists); raise it when CloudFormation does.",
    });
  }
}
