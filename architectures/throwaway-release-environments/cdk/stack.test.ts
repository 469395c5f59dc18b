// What architecture.yaml promises is proven in cdk/claims.ts, for the default, https and traffic configurations.
// These tests cover what is not a YAML promise: how parameters and --env names reach the template, that a release
// and the traffic stack agree on the export names, and the errors for parameters that do not fit together.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { stackNameOf } from '../../../generators/synth/stack-name.ts';
import { checkConfigurations, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { flatten, ofType, resourcesOf, type Resource } from '../../../test/helpers/template.ts';
import { releaseNameOf, stackPrefixOf } from './stack.ts';
import { signalTimeoutSeconds } from './nodes.ts';

const ID = 'throwaway-release-environments';

const RELEASE = ['buildNumber=1842', 'gitCommit=3f9c2e1a7b'];
const TRAFFIC = ['stackKind=traffic', 'hostedZoneId=Z0123456789ABCDEFGHIJ', 'recordName=app.example.com'];
const template = entryTemplate(ID);
// Releases and the traffic stack are synthesized as `oar deploy --env <name>` names them.
const runs = await synthConfigs(ID, {
  live: { env: 'r-42', params: RELEASE },
  custom: {
    env: 'r-43',
    params: [
      ...RELEASE,
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
      'minCapacity=4',
      'maxCapacity=8',
      'bootstrapTimeoutSeconds=1200',
    ],
  },
  canary: { env: 'traffic', params: [...TRAFFIC, 'weights=r-41=100,r-42=10'] },
  shifted: { env: 'traffic', params: [...TRAFFIC, 'weights=r-41=0,r-42=100'] },
  releaseWithZone: ['hostedZoneId=Z0123456789ABCDEFGHIJ', 'recordName=app.example.com'],
  releaseWithWeights: ['weights=r-41=100'],
  trafficWithoutWeights: { env: 'traffic', params: TRAFFIC },
  allZero: { env: 'traffic', params: [...TRAFFIC, 'weights=r-41=0,r-42=0'] },
  twice: { env: 'traffic', params: [...TRAFFIC, 'weights=r-41=10,r-41=20'] },
  tooHeavy: { env: 'traffic', params: [...TRAFFIC, 'weights=r-41=300'] },
  listsItself: { env: 'traffic', params: [...TRAFFIC, 'weights=traffic=100'] },
  narrowedWithHealthCheck: ['allowedIngressCidr=203.0.113.0/24'],
  capacity: ['minCapacity=8', 'maxCapacity=4'],
});
const live = runs.ok('live');
const custom = runs.ok('custom');
const canary = runs.ok('canary');
const shifted = runs.ok('shifted');

/** User data as text, with CloudFormation references shown as <…>. */
function userDataOf(t: Template): string {
  const [lt] = ofType(t, 'AWS::EC2::LaunchTemplate');
  const data = lt?.Properties?.['LaunchTemplateData'] as { UserData: { 'Fn::Base64': unknown } };
  return flatten(data.UserData['Fn::Base64']);
}

checkConfigurations(ID, { live, custom });

describe('release names and the traffic stack', () => {
  test('the release name is the --env part of the stack name, and the prefix what releases share', () => {
    expect(releaseNameOf('oar-throwaway-release-environments--r-42')).toBe('r-42');
    expect(releaseNameOf('oar-throwaway-release-environments')).toBe('oar-throwaway-release-environments');
    expect(stackPrefixOf('oar-throwaway-release-environments--traffic')).toBe('oar-throwaway-release-environments');
    live.template.hasOutput('ReleaseName', { Value: 'r-42' });
  });

  test('the traffic stack imports exactly the names a release deployed with --env exports', () => {
    const outputs = live.result.template.Outputs as Record<string, { Export?: { Name?: unknown } }> | undefined;
    const exported = (name: string) =>
      flatten(outputs?.[name]?.Export?.Name).replace(
        '<{"Ref":"AWS::StackName"}>',
        stackNameOf(ID, 'r-42'),
      );
    const records = ofType(canary.template, 'AWS::Route53::RecordSetGroup')[0]?.Properties?.['RecordSets'] as {
      SetIdentifier: string;
      AliasTarget: { DNSName: { 'Fn::ImportValue': string }; HostedZoneId: { 'Fn::ImportValue': string } };
    }[];
    const r42 = records.find((r) => r.SetIdentifier === 'r-42');
    expect(r42?.AliasTarget.DNSName['Fn::ImportValue']).toBe(exported('LoadBalancerDnsName'));
    expect(r42?.AliasTarget.HostedZoneId['Fn::ImportValue']).toBe(exported('LoadBalancerHostedZoneId'));
  });

  test('a weight change changes only the record set group and the Weights output', () => {
    const a = canary.template.toJSON() as { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
    const b = shifted.template.toJSON() as { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
    expect(Object.keys(a.Resources)).toEqual(Object.keys(b.Resources));
    const changedOutputs = Object.keys(a.Outputs).filter(
      (k) => JSON.stringify(a.Outputs[k]) !== JSON.stringify(b.Outputs[k]),
    );
    expect(changedOutputs).toEqual(['Weights']);
    canary.template.hasOutput('SmokeTestUrl', { Value: 'http://app.example.com/actuator/health' });
  });
});

describe('parameters reach the release', () => {
  test('minCapacity and bootstrapTimeoutSeconds set the creation policy and the capacity alarm', () => {
    const [group] = Object.values(resourcesOf(custom.template)).filter(
      (r) => r.Type === 'AWS::AutoScaling::AutoScalingGroup',
    ) as (Resource & { CreationPolicy?: unknown })[];
    expect(group?.CreationPolicy).toEqual({
      ResourceSignal: { Count: 4, Timeout: `PT${String(signalTimeoutSeconds(1200))}S` },
    });
    custom.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'GroupInServiceInstances',
      Threshold: 4,
    });
  });

  test('logs are deleted with the environment when retainLogs is false', () => {
    custom.template.allResources('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Delete',
      Properties: { RetentionInDays: 90 },
    });
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
    custom.template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 9000 });
  });

  test('three zones with one NAT gateway when asked', () => {
    const zones = new Set(
      ofType(custom.template, 'AWS::EC2::Subnet').map((s) => JSON.stringify(s.Properties?.['AvailabilityZone'])),
    );
    expect(zones.size).toBe(3);
    custom.template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('IMDSv2 is required and there is no SSH key', () => {
    for (const t of [template, custom.template]) {
      const data = ofType(t, 'AWS::EC2::LaunchTemplate')[0]?.Properties?.['LaunchTemplateData'] as Record<
        string,
        unknown
      >;
      expect(data['MetadataOptions']).toMatchObject({ HttpTokens: 'required' });
      expect(data['KeyName']).toBeUndefined();
    }
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
  expect(runs.error('releaseWithZone')).toMatch(/hostedZoneId, recordName belong to the traffic stack/u);
  expect(runs.error('releaseWithWeights')).toMatch(/weights belong to the traffic stack/u);
  expect(runs.error('trafficWithoutWeights')).toMatch(/set all three/u);
  expect(runs.error('allZero')).toMatch(/every weight is 0/u);
  expect(runs.error('twice')).toMatch(/r-41 appears twice/u);
  expect(runs.error('tooHeavy')).toMatch(/a weight is 0 to 255/u);
  expect(runs.error('listsItself')).toMatch(/traffic stack's own name/u);
  expect(runs.error('narrowedWithHealthCheck')).toMatch(/externalHealthCheck=false/u);
  expect(runs.error('capacity')).toMatch(/raise maxCapacity/u);
});
