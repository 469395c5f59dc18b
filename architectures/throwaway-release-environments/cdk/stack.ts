import { CfnOutput, Fn, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { LoadBalancer } from './load-balancer.ts';
import { Network } from './network.ts';
import { Nodes } from './nodes.ts';
import { ReleaseDns } from './release-dns.ts';
import type { Parameters } from './parameters.generated.ts';

export interface ThrowawayReleaseEnvironmentsStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Tags that every resource of a release environment carries (and every node, at launch). */
export const RELEASE_TAGS = {
  name: 'release:name',
  buildNumber: 'release:build-number',
  gitCommit: 'release:git-commit',
};
/** Taggable types that do not get the release tags (see the constructor). */
export const UNTAGGED_TYPES = ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule'];

/**
 * The release name of an environment: the part of the stack name after `--`, which `oar deploy
 * --env <name>` puts there (oar-throwaway-release-environments--r-41 is release r-41). A stack
 * name without it, as from `oar synth` without --env or an ejected app, is its own release name.
 */
export function releaseNameOf(stackName: string): string {
  const at = stackName.indexOf('--');
  return at < 0 ? stackName : stackName.slice(at + 2);
}

/**
 * Throwaway environments per release: every release deploys this whole stack (network, load
 * balancer and the self-configuring instance-store web tier of java-web-tier-instance-store) as
 * a new environment named after the release, tagged with its build number and commit. Traffic
 * moves between releases through Route 53 weighted alias records, one per environment, and an
 * old release is deleted as a whole. Nothing stateful lives in an environment.
 */
export default class ThrowawayReleaseEnvironmentsStack extends Stack {
  /** How many zones the VPC spans; read by the availabilityZones override below. */
  private zoneCount = 2;

  constructor(scope: Construct, id: string, props: ThrowawayReleaseEnvironmentsStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    checkParameters(p);
    this.zoneCount = p.azCount;
    const releaseName = releaseNameOf(this.stackName);
    // Listeners and listener rules are left out: aws-cdk-lib renders tags on them, but the
    // cfn-lint 1.51 schema that oar check uses rejects the property.
    const tagged = { excludeResourceTypes: [...UNTAGGED_TYPES] };
    Tags.of(this).add(RELEASE_TAGS.name, releaseName, tagged);
    Tags.of(this).add(RELEASE_TAGS.buildNumber, p.buildNumber, tagged);
    Tags.of(this).add(RELEASE_TAGS.gitCommit, p.gitCommit, tagged);
    // Logs outlive the environment by default, so a release can be investigated after it is deleted.
    const logRemovalPolicy = p.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const network = new Network(this, 'Network', {
      vpcCidr: p.vpcCidr,
      azCount: p.azCount,
      singleNatGateway: p.singleNatGateway,
      allowedIngressCidr: p.allowedIngressCidr,
      https: p.certificateArn !== '',
      appPort: p.appPort,
      logRetentionDays: p.logRetentionDays,
      logRemovalPolicy,
    });
    const nodes = new Nodes(this, 'Nodes', {
      vpc: network.vpc,
      securityGroup: network.nodeSecurityGroup,
      releaseName,
      buildNumber: p.buildNumber,
      gitCommit: p.gitCommit,
      instanceType: p.instanceType,
      amiId: p.amiId,
      configRepoUrl: p.configRepoUrl,
      configRepoBranch: p.configRepoBranch,
      configRepoCredentialsSecretName: p.configRepoCredentialsSecretName,
      puppetRole: p.puppetRole,
      javaVersion: p.javaVersion,
      appArtifactUrl: p.appArtifactUrl,
      appPort: p.appPort,
      healthCheckPath: p.healthCheckPath,
      minCapacity: p.minCapacity,
      maxCapacity: p.maxCapacity,
      cpuTargetPercent: p.cpuTargetPercent,
      bootstrapTimeoutSeconds: p.bootstrapTimeoutSeconds,
      maxInstanceLifetimeDays: p.maxInstanceLifetimeDays,
      logRetentionDays: p.logRetentionDays,
      logRemovalPolicy,
    });
    const front = new LoadBalancer(this, 'LoadBalancer', {
      vpc: network.vpc,
      securityGroup: network.lbSecurityGroup,
      asg: nodes.asg,
      appPort: p.appPort,
      healthCheckPath: p.healthCheckPath,
      certificateArn: p.certificateArn,
      accessLogBucketName: p.accessLogBucketName,
      accessLogPrefix: this.stackName,
    });
    const dns = new ReleaseDns(this, 'ReleaseDns', {
      lb: front.lb,
      releaseName,
      healthCheckPath: p.healthCheckPath,
      hostedZoneId: p.hostedZoneId,
      recordName: p.recordName,
      weight: p.weight,
      externalHealthCheck: p.externalHealthCheck,
    });

    const outputs: [string, string, string][] = [
      ['ReleaseName', releaseName, 'Release name: the --env name, the set identifier of the weighted record.'],
      ['BuildNumber', p.buildNumber, 'Build number this environment was deployed from.'],
      ['GitCommit', p.gitCommit, 'Git commit this environment was deployed from.'],
      ['LoadBalancerUrl', front.url, 'Base URL of this environment’s own load balancer.'],
      ['LoadBalancerDnsName', front.lb.loadBalancerDnsName, 'DNS name of this environment’s load balancer.'],
      ['SmokeTestUrl', front.smokeTestUrl, 'Health check path over HTTP on the load balancer’s own name.'],
      ['RecordName', dns.record ? p.recordName : 'none', 'Shared DNS name of the weighted record, or none.'],
      ['RecordWeight', dns.record ? String(p.weight) : 'none', 'Weight of this release’s record, or none.'],
      ['HealthCheckId', dns.healthCheck?.attrHealthCheckId ?? 'none', 'Route 53 health check of this release.'],
      ['AutoScalingGroupName', nodes.asg.autoScalingGroupName, 'Auto Scaling group of this release’s nodes.'],
      ['LaunchTemplateId', nodes.launchTemplate.launchTemplateId ?? '', 'Launch template of the nodes.'],
      ['ApplicationLogGroupName', nodes.logGroup.logGroupName, 'Bootstrap, Puppet, application and system logs.'],
      ['VpcId', network.vpc.vpcId, 'VPC of this environment.'],
    ];
    for (const [name, value, description] of outputs) new CfnOutput(this, name, { value, description });
  }

  /**
   * An environment-agnostic stack gets two zones from CDK; this one uses azCount zones of the
   * Region it is deployed to, resolved by CloudFormation.
   */
  override get availabilityZones(): string[] {
    return Array.from({ length: this.zoneCount }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
}

/** Throws on parameter combinations that the schema cannot express, naming the fix. */
function checkParameters(p: Parameters): void {
  const problems: string[] = [];
  if (p.minCapacity > p.maxCapacity) {
    problems.push(`minCapacity ${p.minCapacity} is greater than maxCapacity ${p.maxCapacity}; raise maxCapacity`);
  }
  if (p.configRepoCredentialsSecretName !== '' && p.configRepoUrl === '') {
    problems.push(
      'configRepoCredentialsSecretName is set but configRepoUrl is empty; set configRepoUrl to the repository the secret opens, or clear the secret name',
    );
  }
  if ((p.hostedZoneId === '') !== (p.recordName === '')) {
    problems.push(
      'hostedZoneId and recordName go together; set both to give this release a weighted record, or neither for an environment reachable only on its load balancer name',
    );
  }
  if (p.hostedZoneId === '' && p.weight !== 0) {
    problems.push(`weight ${p.weight} needs a record; set hostedZoneId and recordName, or leave weight at 0`);
  }
  if (p.externalHealthCheck && p.allowedIngressCidr !== '0.0.0.0/0') {
    problems.push(
      `allowedIngressCidr ${p.allowedIngressCidr} shuts out the Route 53 health checkers, so the release would always look unhealthy to them; set externalHealthCheck=false, or keep 0.0.0.0/0`,
    );
  }
  if (problems.length > 0) throw new Error(`throwaway-release-environments: ${problems.join('; ')}`);
}
