import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ExternalHealthCheck } from './health-check.ts';
import { LoadBalancer } from './load-balancer.ts';
import { Network } from './network.ts';
import { Nodes } from './nodes.ts';
import { parseWeights, RELEASE_EXPORTS, releaseExportName, TrafficRecords } from './traffic.ts';
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
/** The most releases one traffic stack holds records for (the weights pattern allows ten). */
export const MAX_RELEASES = 10;

/**
 * The release name of an environment: the part of the stack name after `--`, which `oar deploy
 * --env <name>` puts there (oar-throwaway-release-environments--r-41 is release r-41). A stack
 * name without it, as from `oar synth` without --env or an ejected app, is its own release name.
 */
export function releaseNameOf(stackName: string): string {
  const at = stackName.indexOf('--');
  return at < 0 ? stackName : stackName.slice(at + 2);
}

/** The part of a stack name before `--`, which every release of one deployment of the entry shares. */
export function stackPrefixOf(stackName: string): string {
  const at = stackName.indexOf('--');
  return at < 0 ? stackName : stackName.slice(0, at);
}

/**
 * Throwaway environments per release. With stackKind=release (the default), this stack is one
 * release's environment: network, load balancer and the self-configuring instance-store web
 * tier of java-web-tier-instance-store, named after the release and tagged with its build number
 * and commit. With stackKind=traffic, it is the one small stack that holds the Route 53 weighted
 * alias record of every live release under the shared name. Traffic moves by deploying the
 * traffic stack alone, so no weight change ever updates a release; an old release is deleted
 * as a whole. Nothing stateful lives in an environment.
 */
export default class ThrowawayReleaseEnvironmentsStack extends Stack {
  /** How many zones the VPC spans; read by the availabilityZones override below. */
  private zoneCount = 2;

  constructor(scope: Construct, id: string, props: ThrowawayReleaseEnvironmentsStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    checkParameters(p, releaseNameOf(this.stackName));
    if (p.stackKind === 'traffic') this.traffic(p);
    else this.release(p);
  }

  /** The weighted records of the live releases, and nothing else. */
  private traffic(p: Parameters): void {
    new TrafficRecords(this, 'Traffic', {
      releaseStackPrefix: stackPrefixOf(this.stackName),
      hostedZoneId: p.hostedZoneId,
      recordName: p.recordName,
      weights: parseWeights(p.weights),
    });
    const outputs: [string, string, string][] = [
      [
        'SmokeTestUrl',
        // Every release forwards the health path over HTTP on port 80, with or without a certificate.
        `http://${p.recordName.replace(/\.$/u, '')}${p.healthCheckPath}`,
        'Health check path over HTTP on the shared name, answered by whichever release DNS picks.',
      ],
      ['RecordName', p.recordName, 'Shared DNS name of the weighted records.'],
      ['Weights', p.weights, 'Weight of each live release, as release=weight pairs.'],
    ];
    for (const [name, value, description] of outputs) new CfnOutput(this, name, { value, description });
  }

  /** One release's environment, without any DNS record of its own. */
  private release(p: Parameters): void {
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
    const check = p.externalHealthCheck
      ? new ExternalHealthCheck(this, 'ExternalHealthCheck', {
          lb: front.lb,
          releaseName,
          healthCheckPath: p.healthCheckPath,
        })
      : undefined;

    // The traffic stack imports these two under the release's stack name; CloudFormation then
    // refuses to delete this release while the traffic stack still has a record for it.
    const exported = (output: string) => releaseExportName(Aws.STACK_NAME, output);
    const outputs: [string, string, string, string?][] = [
      ['ReleaseName', releaseName, 'Release name: the --env name, the set identifier of its record in the traffic stack.'],
      ['BuildNumber', p.buildNumber, 'Build number this environment was deployed from.'],
      ['GitCommit', p.gitCommit, 'Git commit this environment was deployed from.'],
      ['LoadBalancerUrl', front.url, 'Base URL of this environment’s own load balancer.'],
      [
        RELEASE_EXPORTS.dnsName,
        front.lb.loadBalancerDnsName,
        'DNS name of this environment’s load balancer, exported for the traffic stack.',
        exported(RELEASE_EXPORTS.dnsName),
      ],
      [
        RELEASE_EXPORTS.hostedZoneId,
        front.lb.loadBalancerCanonicalHostedZoneId,
        'Hosted zone of the load balancer’s name, exported for the traffic stack’s alias record.',
        exported(RELEASE_EXPORTS.hostedZoneId),
      ],
      ['SmokeTestUrl', front.smokeTestUrl, 'Health check path over HTTP on the load balancer’s own name.'],
      ['HealthCheckId', check?.healthCheck.attrHealthCheckId ?? 'none', 'Route 53 health check of this release.'],
      ['AutoScalingGroupName', nodes.asg.autoScalingGroupName, 'Auto Scaling group of this release’s nodes.'],
      ['LaunchTemplateId', nodes.launchTemplate.launchTemplateId ?? '', 'Launch template of the nodes.'],
      ['ApplicationLogGroupName', nodes.logGroup.logGroupName, 'Bootstrap, Puppet, application and system logs.'],
      ['VpcId', network.vpc.vpcId, 'VPC of this environment.'],
    ];
    for (const [name, value, description, exportName] of outputs) {
      new CfnOutput(this, name, { value, description, ...(exportName ? { exportName } : {}) });
    }
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
function checkParameters(p: Parameters, ownName: string): void {
  const problems: string[] = [];
  if (p.stackKind === 'traffic') {
    if (p.hostedZoneId === '' || p.recordName === '' || p.weights === '') {
      problems.push(
        'the traffic stack needs hostedZoneId, recordName and weights; set all three, e.g. --param weights=r-41=100,r-42=10',
      );
    }
    const weights = parseWeights(p.weights);
    const seen = new Set<string>();
    for (const { release, weight } of weights) {
      if (weight > 255) problems.push(`${release}=${String(weight)}: a weight is 0 to 255`);
      if (seen.has(release)) problems.push(`${release} appears twice in weights; give each release one weight`);
      if (release === ownName) {
        problems.push(`${release} is this traffic stack's own name, not a release; list the releases' --env names`);
      }
      seen.add(release);
    }
    if (weights.length > MAX_RELEASES) problems.push(`weights lists ${String(weights.length)} releases; at most ${String(MAX_RELEASES)}`);
    if (weights.length > 0 && weights.every((w) => w.weight === 0)) {
      problems.push(
        'every weight is 0, and Route 53 then answers with every listed release alike; give the release that should serve a weight above 0',
      );
    }
  } else {
    const trafficOnly = (['hostedZoneId', 'recordName', 'weights'] as const).filter((k) => p[k] !== '');
    if (trafficOnly.length > 0) {
      problems.push(
        `${trafficOnly.join(', ')} belong to the traffic stack (stackKind=traffic), not to a release, so that a weight change never redeploys a release; deploy them with --env traffic --param stackKind=traffic`,
      );
    }
  }
  if (p.minCapacity > p.maxCapacity) {
    problems.push(`minCapacity ${p.minCapacity} is greater than maxCapacity ${p.maxCapacity}; raise maxCapacity`);
  }
  if (p.configRepoCredentialsSecretName !== '' && p.configRepoUrl === '') {
    problems.push(
      'configRepoCredentialsSecretName is set but configRepoUrl is empty; set configRepoUrl to the repository the secret opens, or clear the secret name',
    );
  }
  if (p.stackKind === 'release' && p.externalHealthCheck && p.allowedIngressCidr !== '0.0.0.0/0') {
    problems.push(
      `allowedIngressCidr ${p.allowedIngressCidr} shuts out the Route 53 health checkers, so the release would always look unhealthy to them; set externalHealthCheck=false, or keep 0.0.0.0/0`,
    );
  }
  if (problems.length > 0) throw new Error(`throwaway-release-environments: ${problems.join('; ')}`);
}
