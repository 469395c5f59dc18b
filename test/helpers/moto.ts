import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * For tests that need the moto AWS emulator: true to run. Without moto_server
 * they are skipped with a loud message; CI sets OAR_REQUIRE_EMULATOR=1, which
 * turns the skip into a failure.
 */
export function requireEmulator(what: string): boolean {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (probe.status === 0) return true;
  const message = `moto_server is not installed, so "${what}" cannot run. Install it with pip install "moto[server]".`;
  if (process.env['OAR_REQUIRE_EMULATOR'] === '1')
    throw new Error(`${message} OAR_REQUIRE_EMULATOR=1 forbids skipping.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

/**
 * CloudFormation types that moto 5.2.1 creates and a catalogue entry may rely on
 * (moto's get_model_map() less families no entry uses: IoT, SageMaker, EMR,
 * Redshift, DataPipeline, classic ELB, nested stacks, spot fleets). moto silently
 * skips every other type. Entry tests use this list without moto installed; the
 * emulator test checks that the installed moto still creates each of them.
 */
export const MOTO_CFN_TYPES: ReadonlySet<string> = new Set([
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::RestApi',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::AutoScaling::ScheduledAction',
  'AWS::Batch::ComputeEnvironment',
  'AWS::Batch::JobDefinition',
  'AWS::Batch::JobQueue',
  'AWS::CloudWatch::Dashboard',
  'AWS::DynamoDB::Table',
  'AWS::EC2::EIP',
  'AWS::EC2::FlowLog',
  'AWS::EC2::Instance',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::NatGateway',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::Route',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::Subnet',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::TransitGateway',
  'AWS::EC2::VPC',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::VPNGateway',
  'AWS::EC2::Volume',
  'AWS::EC2::VolumeAttachment',
  'AWS::ECR::Repository',
  'AWS::ECS::Cluster',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::EFS::AccessPoint',
  'AWS::EFS::FileSystem',
  'AWS::EFS::MountTarget',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::Events::Archive',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::IAM::AccessKey',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::KMS::Alias',
  'AWS::KMS::Key',
  'AWS::Kinesis::Stream',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::LayerVersion',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Version',
  'AWS::Logs::LogGroup',
  'AWS::Logs::ResourcePolicy',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBParameterGroup',
  'AWS::RDS::DBSubnetGroup',
  'AWS::Route53::HealthCheck',
  'AWS::Route53::HostedZone',
  'AWS::Route53::RecordSet',
  'AWS::Route53::RecordSetGroup',
  'AWS::S3::Bucket',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::SSM::Document',
  'AWS::SSM::Parameter',
  'AWS::StepFunctions::StateMachine',
]);

/** The CloudFormation resource types the installed moto can create; it silently skips all others. */
export function motoSupportedTypes(): ReadonlySet<string> {
  const out = spawnSync(
    'python3',
    ['-c', "from moto.cloudformation.parsing import get_model_map; print('\\n'.join(get_model_map()))"],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`cannot list moto's CloudFormation types: ${out.stderr}`);
  // AWS::SERVICE::RESOURCE is a placeholder in moto's model map, not a type.
  return new Set(out.stdout.split('\n').filter((t) => t.startsWith('AWS::') && t !== 'AWS::SERVICE::RESOURCE'));
}

/** A running moto_server on a free loopback port, stopped by PID. */
export interface Moto {
  /** http://localhost:<port>: moto resolves uploaded template URLs only when they say localhost. */
  readonly endpoint: string;
  reset(): Promise<void>;
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts moto_server and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok || res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`moto_server did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop: () => {
      child.kill();
    },
  };
}

/** Points the AWS SDK (and so toolkit-lib) at moto with test credentials; returns a function that undoes it. */
export function useEmulatorEnv(endpoint: string): () => void {
  const vars: Record<string, string> = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
}
