import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryTemplate, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { flatten, ofType, resourcesOf, typesOf, type Resource } from '../../../test/helpers/template.ts';
import { releaseNameOf, RELEASE_TAGS, UNTAGGED_TYPES } from './stack.ts';

const ID = 'throwaway-release-environments';

const ZONE = ['hostedZoneId=Z0123456789ABCDEFGHIJ', 'recordName=app.example.com'];
const RELEASE = ['buildNumber=1842', 'gitCommit=3f9c2e1a7b'];
const template = entryTemplate(ID);
// Releases are synthesized as `oar deploy --env <release>` names them.
const runs = await synthConfigs(ID, {
  live: { env: 'r-42', params: [...ZONE, ...RELEASE, 'weight=100'] },
  shifted: { env: 'r-42', params: [...ZONE, ...RELEASE, 'weight=10'] },
  custom: {
    env: 'r-43',
    params: [
      ...ZONE,
      ...RELEASE,
      'weight=0',
      'certificateArn=arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      'accessLogBucketName=example-alb-logs',
      'retainLogs=false',
      'azCount=3',
      'singleNatGateway=true',
      'healthCheckPath=/healthz',
      'appPort=9000',
      'instanceType=m6gd.large',
      'configRepoUrl=https://git.example.com/ops/web-config.git',
      'configRepoBranch=release-43',
      'logRetentionDays=90',
    ],
  },
  closed: ['externalHealthCheck=false', 'allowedIngressCidr=203.0.113.0/24'],
  zoneWithoutName: ['hostedZoneId=Z0123456789ABCDEFGHIJ'],
  weightWithoutZone: ['weight=10'],
  narrowedWithHealthCheck: ['allowedIngressCidr=203.0.113.0/24'],
  capacity: ['minCapacity=8', 'maxCapacity=4'],
});
const live = runs.ok('live');
const shifted = runs.ok('shifted');
const custom = runs.ok('custom');
const closed = runs.ok('closed');

/** User data as text, with CloudFormation references shown as <…>. */
function userDataOf(t: Template): string {
  const [lt] = ofType(t, 'AWS::EC2::LaunchTemplate');
  const data = lt?.Properties?.['LaunchTemplateData'] as { UserData: { 'Fn::Base64': unknown } };
  return flatten(data.UserData['Fn::Base64']);
}

/** The tags of a resource as a map, from whichever tag property its type uses. */
function tagsOf(r: Resource): Map<string, string> | undefined {
  const props = r.Properties ?? {};
  const list = (props['Tags'] ?? props['HealthCheckTags']) as { Key: string; Value: string }[] | undefined;
  return list && new Map(list.map((t) => [t.Key, t.Value]));
}

checkConfigurations(ID, { live, shifted, custom, closed });

describe('one environment per release', () => {
  test('the release name is the --env part of the stack name', () => {
    expect(releaseNameOf('oar-throwaway-release-environments--r-42')).toBe('r-42');
    expect(releaseNameOf('oar-throwaway-release-environments')).toBe('oar-throwaway-release-environments');
    live.template.hasOutput('ReleaseName', { Value: 'r-42' });
  });

  test('every taggable resource carries the release name, build number and commit', () => {
    const expected = new Map([
      [RELEASE_TAGS.name, 'r-42'],
      [RELEASE_TAGS.buildNumber, '1842'],
      [RELEASE_TAGS.gitCommit, '3f9c2e1a7b'],
    ]);
    let tagged = 0;
    for (const [id, r] of Object.entries(resourcesOf(live.template))) {
      const tags = tagsOf(r);
      if (!tags) continue;
      tagged++;
      for (const [key, value] of expected) expect(tags.get(key), `${id} ${key}`).toBe(value);
    }
    expect(tagged).toBeGreaterThan(15);
    for (const type of UNTAGGED_TYPES) for (const r of ofType(live.template, type)) expect(tagsOf(r)).toBeUndefined();
  });

  test('nodes get the tags at launch, from the group and the launch template', () => {
    live.template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      Tags: Match.arrayWith([{ Key: 'release:build-number', Value: '1842', PropagateAtLaunch: true }]),
    });
    live.template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        TagSpecifications: Match.arrayWith([
          { ResourceType: 'instance', Tags: Match.arrayWith([{ Key: 'release:git-commit', Value: '3f9c2e1a7b' }]) },
          { ResourceType: 'volume', Tags: Match.arrayWith([{ Key: 'release:name', Value: 'r-42' }]) },
        ]),
      }),
    });
  });

  test('build number and commit are outputs and reach Puppet as facts', () => {
    live.template.hasOutput('BuildNumber', { Value: '1842' });
    live.template.hasOutput('GitCommit', { Value: '3f9c2e1a7b' });
    const text = userDataOf(live.template);
    expect(text).toContain("RELEASE_NAME='r-42'");
    expect(text).toContain("BUILD_NUMBER='1842'");
    expect(text).toContain("GIT_COMMIT='3f9c2e1a7b'");
    expect(text).toContain('FACTER_oar_release=$RELEASE_NAME');
    const appClass = readFileSync(
      new URL('../bootstrap/puppet/modules/profile/manifests/java_app.pp', import.meta.url),
    );
    expect(appClass.toString()).toContain('RELEASE_NAME=${release}');
  });

  test('nothing stateful: no bucket, no volume, no database; logs kept by default, deleted with retainLogs=false', () => {
    for (const t of [template, live.template, custom.template]) {
      for (const type of [
        'AWS::S3::Bucket',
        'AWS::EC2::Volume',
        'AWS::EFS::FileSystem',
        'AWS::RDS::DBInstance',
        'AWS::DynamoDB::Table',
        'AWS::SQS::Queue',
        'AWS::ElastiCache::CacheCluster',
      ])
        t.resourceCountIs(type, 0);
    }
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    custom.template.allResources('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Delete',
      Properties: { RetentionInDays: 90 },
    });
  });
});

describe('Route 53 weighted record', () => {
  test('a weighted alias record named after the release points at its own load balancer', () => {
    live.template.resourceCountIs('AWS::Route53::RecordSet', 1);
    live.template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'app.example.com',
      Type: 'A',
      SetIdentifier: 'r-42',
      Weight: 100,
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LoadBalancerAlb'), 'DNSName'] },
        HostedZoneId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LoadBalancerAlb'), 'CanonicalHostedZoneID'] },
        EvaluateTargetHealth: true,
      },
      HealthCheckId: Match.absent(),
      TTL: Match.absent(),
    });
    custom.template.hasResourceProperties('AWS::Route53::RecordSet', { SetIdentifier: 'r-43', Weight: 0 });
  });

  test('a weight shift changes nothing but the record and its output', () => {
    const a = live.template.toJSON() as { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
    const b = shifted.template.toJSON() as { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
    const changed = Object.keys(a.Resources).filter(
      (id) => JSON.stringify(a.Resources[id]) !== JSON.stringify(b.Resources[id]),
    );
    expect(changed).toEqual([expect.stringMatching(/^ReleaseDnsWeightedRecord/u)]);
    expect(Object.keys(a.Outputs).filter((k) => JSON.stringify(a.Outputs[k]) !== JSON.stringify(b.Outputs[k]))).toEqual(
      ['RecordWeight'],
    );
  });

  test('without a hosted zone there is no record, only the health check', () => {
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    template.hasOutput('RecordName', { Value: 'none' });
    template.hasOutput('RecordWeight', { Value: 'none' });
    template.resourceCountIs('AWS::Route53::HealthCheck', 1);
  });

  test('the health check probes the health path over HTTP on the load balancer name; it can be turned off', () => {
    custom.template.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: {
        Type: 'HTTP',
        Port: 80,
        ResourcePath: '/healthz',
        FullyQualifiedDomainName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LoadBalancerAlb'), 'DNSName'] },
        RequestInterval: 30,
        FailureThreshold: 3,
      },
    });
    closed.template.resourceCountIs('AWS::Route53::HealthCheck', 0);
    closed.template.hasOutput('HealthCheckId', { Value: 'none' });
  });
});

describe('load balancer and smoke test', () => {
  test('with a certificate, port 80 redirects except for the health path, so the smoke URL stays on HTTP', () => {
    custom.template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    custom.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'redirect' })],
    });
    custom.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/healthz'] } }],
      Actions: [Match.objectLike({ Type: 'forward' })],
    });
    const smoke = JSON.stringify(custom.template.findOutputs('SmokeTestUrl'));
    expect(smoke).toContain('"http://"');
    expect(smoke).toContain('"/healthz"');
    expect(JSON.stringify(custom.template.findOutputs('LoadBalancerUrl'))).toContain('"https://"');
  });

  test('access logs go to the shared bucket under the stack name, or are off', () => {
    const attributes = (t: Template) =>
      ofType(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer')[0]?.Properties?.['LoadBalancerAttributes'];
    expect(attributes(custom.template)).toEqual(
      expect.arrayContaining([
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: 'example-alb-logs' },
        { Key: 'access_logs.s3.prefix', Value: 'oar-throwaway-release-environments--r-43' },
      ]),
    );
    expect(JSON.stringify(attributes(template))).not.toContain('access_logs');
  });

  test('only the load balancer is open to clients, and appPort only to it', () => {
    const cidrRules = ofType(custom.template, 'AWS::EC2::SecurityGroup').flatMap(
      (r) => (r.Properties?.['SecurityGroupIngress'] as { CidrIp?: string; FromPort: number }[] | undefined) ?? [],
    );
    expect(cidrRules.map((r) => [r.CidrIp, r.FromPort])).toEqual([
      ['0.0.0.0/0', 80],
      ['0.0.0.0/0', 443],
    ]);
    custom.template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 9000,
      SourceSecurityGroupId: Match.anyValue(),
    });
  });

  test('alarms watch the target 5xx rate, unhealthy nodes and the instance store', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)' }),
      ]),
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'disk_used_percent',
      Dimensions: Match.arrayWith([{ Name: 'path', Value: '/mnt/instance-store' }]),
    });
  });
});

describe('the instance-store web tier of the parent', () => {
  test('subnets in two zones by default and three with azCount=3', () => {
    const zones = (t: Template) =>
      new Set(ofType(t, 'AWS::EC2::Subnet').map((s) => JSON.stringify(s.Properties?.['AvailabilityZone'])));
    expect(zones(template).size).toBe(2);
    expect(zones(custom.template).size).toBe(3);
    custom.template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('the only block device is the encrypted AMI root; IMDSv2 is required', () => {
    for (const t of [template, custom.template]) {
      const data = ofType(t, 'AWS::EC2::LaunchTemplate')[0]?.Properties?.['LaunchTemplateData'] as Record<
        string,
        unknown
      >;
      expect(data['BlockDeviceMappings']).toEqual([
        { DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } },
      ]);
      expect(data['MetadataOptions']).toMatchObject({ HttpTokens: 'required' });
      expect(data['KeyName']).toBeUndefined();
    }
  });

  test('a launch lifecycle hook keeps bootstrapping nodes out of service', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      HealthCheckType: 'ELB',
      LifecycleHookSpecificationList: [
        Match.objectLike({ LifecycleHookName: 'oar-bootstrap', DefaultResult: 'ABANDON' }),
      ],
    });
  });

  test('user data clones the pinned config and is valid bash under 16 KiB', () => {
    expect(userDataOf(custom.template)).toContain("CONFIG_REPO_BRANCH='release-43'");
    const dir = mkdtempSync(join(tmpdir(), 'oar-user-data-'));
    for (const t of [template, live.template, custom.template]) {
      const text = userDataOf(t);
      expect(Buffer.byteLength(text)).toBeLessThan(16_384);
      writeFileSync(join(dir, 'user-data.sh'), text);
      expect(() => execFileSync('bash', ['-n', join(dir, 'user-data.sh')], { stdio: 'pipe' })).not.toThrow();
    }
  });
});

test('inconsistent parameters fail with the fix in the message', () => {
  expect(runs.error('zoneWithoutName')).toMatch(/set both/u);
  expect(runs.error('weightWithoutZone')).toMatch(/leave weight at 0/u);
  expect(runs.error('narrowedWithHealthCheck')).toMatch(/externalHealthCheck=false/u);
  expect(runs.error('capacity')).toMatch(/raise maxCapacity/u);
});

describe('a release with a DNS record agrees with the metadata', () => {
  test('services match the resources in the template', () => {
    expect(
      serviceErrors(ID, live.result.template),
    ).toEqual([]);
  });

  test('moto cannot create the scaling policy, the alarms or the egress rule, so the entry is synth-only there', () => {
    expect(unemulatedTypes(typesOf(live.template))).toEqual([
      'AWS::AutoScaling::ScalingPolicy',
      'AWS::CloudWatch::Alarm',
      'AWS::EC2::SecurityGroupEgress',
    ]);
  });
});
