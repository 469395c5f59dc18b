import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { checkConfigurations, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { flatten, ingressRules } from '../../../test/helpers/template.ts';

const ID = 'java-web-tier-instance-store';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  // The default parameters once more, for the cloud assembly: the asset bundle's files are not in the template.
  defaults: [],
  custom: [
    'configRepoUrl=https://example.com/repo.git',
    'configRepoBranch=release-1.2',
    'configRepoCredentialsSecretName=oar/config-repo',
    'puppetRole=web_api',
    'certificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'singleNatGateway=true',
    'azCount=3',
    'allowedIngressCidr=203.0.113.0/24',
    'appPort=9000',
    'healthCheckPath=/healthz',
    'instanceType=m6gd.large',
    'bootstrapTimeoutSeconds=1200',
    'maxInstanceLifetimeDays=3',
    'appArtifactUrl=s3://releases-bucket/shop/app-1.4.2.jar',
    'javaVersion=17',
    'minCapacity=3',
    'maxCapacity=9',
    'cpuTargetPercent=65',
    'logRetentionDays=90',
  ],
  capacity: ['minCapacity=8', 'maxCapacity=4'],
  oneNode: ['minCapacity=1'],
  secretWithoutRepo: ['configRepoCredentialsSecretName=oar/config-repo'],
});
const { result } = runs.ok('defaults');
const custom = runs.ok('custom');

type Resource = { Properties?: Record<string, unknown> };

/** The properties of every resource of a type. */
function propsOf(t: Template, type: string): Record<string, unknown>[] {
  return Object.values(t.findResources(type) as Record<string, Resource>).map((r) => r.Properties ?? {});
}

/** The logical id of the only resource of a type whose properties match. */
function idOf(t: Template, type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(t.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0] ?? '';
}

/** The launch template's data. */
function launchTemplateData(t: Template): Record<string, unknown> {
  const [lt] = propsOf(t, 'AWS::EC2::LaunchTemplate');
  return (lt?.['LaunchTemplateData'] ?? {}) as Record<string, unknown>;
}

/** User data as text, with CloudFormation references shown as <…>. */
function userDataOf(t: Template): string {
  return flatten((launchTemplateData(t)['UserData'] as { 'Fn::Base64': unknown })['Fn::Base64']);
}

/** The distinct zone expressions of the subnets whose logical id contains `name`. */
function zonesOf(t: Template, name: string): Set<string> {
  const subnets = t.findResources('AWS::EC2::Subnet') as Record<string, Resource>;
  return new Set(
    Object.entries(subnets)
      .filter(([logicalId]) => logicalId.includes(name))
      .map(([, r]) => JSON.stringify(r.Properties?.['AvailabilityZone'])),
  );
}

/** Statements of every IAM policy in the template, as JSON text. */
function policyText(t: Template): string {
  return JSON.stringify(propsOf(t, 'AWS::IAM::Policy'));
}

/** File assets the stack needs published, from the cloud assembly. */
function fileAssets(outdir: string, stackName: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, `${stackName}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };
  return Object.values(manifest.files)
    .filter((f) => f.source.packaging === 'zip')
    .map((f) => f.source.path);
}

checkConfigurations(ID, { custom });

describe('network', () => {
  test('public and private subnets span two zones by default and three with azCount=3', () => {
    expect(zonesOf(template, 'Public').size).toBe(2);
    expect(zonesOf(template, 'Private').size).toBe(2);
    expect(zonesOf(custom.template, 'Public').size).toBe(3);
    expect(zonesOf(custom.template, 'Private').size).toBe(3);
  });

  test('singleNatGateway=true makes one NAT gateway for all zones', () => {
    custom.template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('the nodes run in the private subnets only', () => {
    const [asg] = propsOf(template, 'AWS::AutoScaling::AutoScalingGroup');
    const subnets = (asg?.['VPCZoneIdentifier'] as { Ref: string }[]).map((s) => s.Ref);
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) expect(subnet).toMatch(/^VpcPrivateSubnet/u);
  });
});

describe('security', () => {
  test('only the load balancer is reachable from allowedIngressCidr', () => {
    for (const [t, cidr, ports] of [
      [template, '0.0.0.0/0', [80]],
      [custom.template, '203.0.113.0/24', [80, 443]],
    ] as const) {
      const lbGroup = idOf(t, 'AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Load balancer'),
      });
      const cidrRules = ingressRules(t).filter(({ rule }) => 'CidrIp' in rule || 'CidrIpv6' in rule);
      expect(cidrRules.map(({ group }) => group)).toEqual(ports.map(() => lbGroup));
      expect(cidrRules.map(({ rule }) => [rule.CidrIp, rule.FromPort])).toEqual(ports.map((p) => [cidr, p]));
    }
  });

  test('appPort is reachable only from the load balancer security group', () => {
    for (const [t, port] of [
      [template, 8080],
      [custom.template, 9000],
    ] as const) {
      const lbGroup = idOf(t, 'AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Load balancer'),
      });
      const nodeGroup = idOf(t, 'AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Java nodes'),
      });
      const nodeRules = ingressRules(t).filter(({ group }) => group === nodeGroup);
      expect(nodeRules.map(({ rule }) => rule)).toEqual([
        expect.objectContaining({
          FromPort: port,
          ToPort: port,
          IpProtocol: 'tcp',
          SourceSecurityGroupId: { 'Fn::GetAtt': [lbGroup, 'GroupId'] },
        }),
      ]);
    }
  });

  test('a node may complete the lifecycle action and set the health of its own group only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['autoscaling:CompleteLifecycleAction', 'autoscaling:SetInstanceHealth'],
            Resource: {
              'Fn::Join': [
                '',
                Match.arrayWith([':autoScalingGroup:*:autoScalingGroupName/', { Ref: 'AWS::StackName' }, '-nodes']),
              ],
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      AutoScalingGroupName: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-nodes']] },
    });
  });

  test('the repository credential is readable only when configRepoCredentialsSecretName is set', () => {
    expect(policyText(template)).not.toContain('secretsmanager');
    custom.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'secretsmanager:GetSecretValue',
            Resource: { 'Fn::Join': ['', Match.arrayWith([':secret:oar/config-repo-??????'])] },
          }),
        ]),
      },
    });
  });
});

describe('no EBS in the serving path', () => {
  test('a Graviton type maps the same single root device and no other volume', () => {
    custom.template.resourceCountIs('AWS::EC2::Volume', 0);
    expect(launchTemplateData(custom.template)['BlockDeviceMappings']).toEqual([
      { DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } },
    ]);
  });

  test('instance types have NVMe instance store, and Graviton types get an arm64 image', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        InstanceType: 'm6id.large',
        ImageId: { Ref: Match.stringLikeRegexp('x8664') },
      }),
    });
    custom.template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        InstanceType: 'm6gd.large',
        ImageId: { Ref: Match.stringLikeRegexp('arm64') },
      }),
    });
  });

  test('user data runs the whole bootstrap again at every later boot', () => {
    expect(userDataOf(template)).toContain('/var/lib/cloud/scripts/per-boot/oar-bootstrap');
  });
});

describe('self-configuration', () => {
  test('bootstrapTimeoutSeconds and maxInstanceLifetimeDays reach the hook, the boot script and the group', () => {
    custom.template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      LifecycleHookSpecificationList: [Match.objectLike({ HeartbeatTimeout: 1200 })],
      MaxInstanceLifetime: 3 * 86_400,
    });
    expect(userDataOf(custom.template)).toContain("BOOTSTRAP_TIMEOUT='1200'");
  });

  test('user data installs the OpenVox agent and applies the role class when the checkout has no site.pp', () => {
    const text = userDataOf(template);
    expect(text).toContain('PUPPET=/opt/puppetlabs/bin/puppet');
    expect(text).toContain('openvox8-release-amazon-2023.noarch.rpm');
    expect(text).toContain('args+=(-e "include role::$PUPPET_ROLE")');
    expect(userDataOf(custom.template)).toContain("PUPPET_ROLE='web_api'");
  });

  test('without configRepoUrl the sample Puppet code ships as an S3 asset', () => {
    const text = userDataOf(template);
    expect(text).toContain("CONFIG_REPO_URL=''");
    expect(text).toMatch(
      /CONFIG_BUNDLE_S3_URL='<\{"Fn::Sub":"s3:\/\/cdk-[a-z0-9]+-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}\/[0-9a-f]{64}\.zip"\}>'/u,
    );
    expect(policyText(template)).toMatch(/"Sid":"ReadSamplePuppetCode"/u);
    const assets = fileAssets(result.outdir, result.stackName);
    expect(assets).toHaveLength(1);
    const bundle = join(result.outdir, assets[0] ?? '');
    for (const file of ['manifests/site.pp', 'hiera.yaml', 'modules/role/manifests/java_web.pp']) {
      expect(existsSync(join(bundle, file))).toBe(true);
    }
  });

  test('configRepoUrl=https://example.com/repo.git switches from the S3 asset to a git clone', () => {
    const text = userDataOf(custom.template);
    expect(text).toContain("CONFIG_REPO_URL='https://example.com/repo.git'");
    expect(text).toContain("CONFIG_REPO_BRANCH='release-1.2'");
    expect(text).toContain("CONFIG_REPO_SECRET='oar/config-repo'");
    expect(text).toContain("CONFIG_BUNDLE_S3_URL=''");
    expect(text).not.toContain('cdk-hnb659fds-assets');
    expect(policyText(custom.template)).not.toContain('ReadSamplePuppetCode');
    expect(fileAssets(custom.result.outdir, custom.result.stackName)).toEqual([]);
  });

  test('the parameters reach Puppet as facts', () => {
    const text = userDataOf(custom.template);
    expect(text).toContain("JAVA_VERSION='17'");
    expect(text).toContain("APP_ARTIFACT_URL='s3://releases-bucket/shop/app-1.4.2.jar'");
    expect(text).toContain("APP_PORT='9000'");
    expect(text).toContain("HEALTH_CHECK_PATH='/healthz'");
    expect(text).toContain('export FACTER_oar_role=$PUPPET_ROLE FACTER_oar_java_version=$JAVA_VERSION');
    custom.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::releases-bucket/shop/app-1.4.2.jar']],
            },
          }),
        ]),
      },
    });
  });

  test('the sample repository has the role class of the default puppetRole', () => {
    const role = new URL('../bootstrap/puppet/modules/role/manifests/java_web.pp', import.meta.url);
    expect(readFileSync(role, 'utf8')).toMatch(/^class role::java_web \{/mu);
  });

  test('rendered user data is valid bash and fits the 16 KiB limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-user-data-'));
    for (const t of [template, custom.template]) {
      const text = userDataOf(t);
      expect(Buffer.byteLength(text)).toBeLessThan(16_384);
      const file = join(dir, 'user-data.sh');
      writeFileSync(file, text);
      expect(() => execFileSync('bash', ['-n', file], { stdio: 'pipe' })).not.toThrow();
    }
  });
});

describe('load balancer, scaling and outputs', () => {
  test('without certificateArn there is one HTTP listener', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
  });

  test('the target group forwards to appPort', () => {
    custom.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 9000 });
  });

  test('target tracking keeps average CPU at cpuTargetPercent within the capacity bounds', () => {
    custom.template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      TargetTrackingConfiguration: Match.objectLike({ TargetValue: 65 }),
    });
    custom.template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '9' });
  });

  test('log groups keep logRetentionDays', () => {
    for (const group of propsOf(custom.template, 'AWS::Logs::LogGroup')) expect(group['RetentionInDays']).toBe(90);
  });

  test('every output declared in architecture.yaml exists', () => {
    for (const name of [
      'LoadBalancerUrl',
      'SmokeTestUrl',
      'LoadBalancerDnsName',
      'AutoScalingGroupName',
      'LaunchTemplateId',
      'ApplicationLogGroupName',
      'VpcId',
    ]) {
      template.hasOutput(name, {});
    }
    expect(JSON.stringify(custom.template.findOutputs('LoadBalancerUrl'))).toContain('"https://"');
  });
});

test('inconsistent parameters fail with the fix in the message', () => {
  expect(runs.error('capacity')).toMatch(/raise maxCapacity/u);
  expect(runs.error('oneNode')).toMatch(/use 0 for a pilot-light stack with no nodes, or at least 2/u);
  expect(runs.error('secretWithoutRepo')).toMatch(/set configRepoUrl/u);
});
