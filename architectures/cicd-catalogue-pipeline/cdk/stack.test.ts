import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  serviceErrors,
  synthConfigs,
  expectClaimsHold,
} from '../../../test/helpers/synth-entry.ts';
import { ofType, resourcesOf, typesOf, type Json, type Resource } from '../../../test/helpers/template.ts';
import { CHECK_COMMANDS, DEPLOY_SCRIPT } from './buildspecs.ts';
import { deploymentPlan } from './stack.ts';

const ID = 'cicd-catalogue-pipeline';
const CONNECTION = 'arn:aws:codeconnections:eu-west-1:123456789012:connection/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const IMAGE = `public.ecr.aws/docker/library/node:24-bookworm@sha256:${'a'.repeat(64)}`;
const template = entryTemplate(ID);
const PARAMS = {
  github: [
    `connectionArn=${CONNECTION}`,
    'repository=example-org/architecture-catalogue',
    'branch=release',
    'entryId=static-site-cloudfront',
    'environments=dev,staging,prod',
    'approvalEnvironments=staging,prod',
    'computeType=MEDIUM',
    `buildImage=${IMAGE}`,
    'buildTimeoutMinutes=90',
    'logRetentionDays=30',
    'artifactRetentionDays=7',
    'alertEmail=releases@example.com',
    'cdkQualifier=team42',
    'retainOnDelete=false',
  ],
  single: ['environments=prod', 'approvalEnvironments='],
} as const;
const runs = await synthConfigs(ID, PARAMS);
const github = runs.ok('github');
const single = runs.ok('single');
const ALL = { default: template, github: github.template, single: single.template };

const TYPE_OF_PREFIX: Readonly<Record<string, string>> = {
  StoragePipelineKey: 'AWS::KMS::Key',
  StorageArtifactsBucket: 'AWS::S3::Bucket',
  StorageSourceBucket: 'AWS::S3::Bucket',
  CheckProject: 'AWS::CodeBuild::Project',
  DeployProject: 'AWS::CodeBuild::Project',
  CheckProjectRole: 'AWS::IAM::Role',
  DeployProjectRole: 'AWS::IAM::Role',
  CheckLogs: 'AWS::Logs::LogGroup',
  DeployLogs: 'AWS::Logs::LogGroup',
  AlertTopic: 'AWS::SNS::Topic',
  SourceUploadedRule: 'AWS::Events::Rule',
  ApproverPolicy: 'AWS::IAM::ManagedPolicy',
};
/** The one resource whose logical id starts with prefix and whose type belongs to that prefix. */
const byPrefix = (t: Template, prefix: string): [string, Resource] => {
  const type = TYPE_OF_PREFIX[prefix];
  const found = Object.entries(resourcesOf(t)).filter(([id, r]) => id.startsWith(prefix) && r.Type === type);
  expect(found, prefix).toHaveLength(1);
  return found[0] as [string, Resource];
};
const pipelineOf = (t: Template) => ofType(t, 'AWS::CodePipeline::Pipeline')[0]?.Properties as Json;
const stagesOf = (t: Template) =>
  pipelineOf(t)['Stages'] as { Name: string; Actions: { ActionTypeId: Json; Configuration: Json }[] }[];
const statements = (r: Resource | undefined): Json[] =>
  (r?.Properties?.['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? [];
const policyOfRole = (t: Template, rolePrefix: string): Json[] => {
  const [roleId] = byPrefix(t, rolePrefix);
  return ofType(t, 'AWS::IAM::Policy')
    .filter((p) => JSON.stringify(p.Properties?.['Roles']).includes(`"${roleId}"`))
    .flatMap((p) => statements(p));
};

checkConfigurations(ID, { github, single });

// oar check runs cdk/claims.ts on the default and the declared variants; here the claims also run on the two
// configurations above: every parameter changed, and one environment without an approval.
test.each(Object.entries(PARAMS))('every claim holds with the %s parameters', async (name, params) => {
  await expectClaimsHold(ID, name, runs.ok(name), params, 7);
});

describe('checks', () => {
  test('the only acknowledged rules are IAM5 wildcards, S1 and CB5', () => {
    const rules = [...entryAcknowledgements(ID), ...github.result.acknowledged].map((a) => a.rule);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toMatch(/^AwsSolutions-(IAM5\[.+\]|S1|CB5)$/u);
  });

  test('services match the template with other parameters too', () => {
    for (const r of [github.result, single.result]) {
      expect(serviceErrors(ID, r.template)).toEqual([]);
    }
  });

  test('the resource types: no custom resources and no Lambda functions', () => {
    expect(typesOf(template)).toEqual([
      'AWS::CodeBuild::Project',
      'AWS::CodePipeline::Pipeline',
      'AWS::Events::Rule',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::KMS::Key',
      'AWS::Logs::LogGroup',
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'AWS::SNS::Topic',
      'AWS::SNS::TopicPolicy',
    ]);
  });
});

describe('stages', () => {

  test('a KMS-encrypted artifact store', () => {
    const [keyId] = byPrefix(template, 'StoragePipelineKey');
    const [bucketId] = byPrefix(template, 'StorageArtifactsBucket');
    expect(pipelineOf(template)).toMatchObject({
      Name: 'oar-cicd-catalogue-pipeline',
      ArtifactStore: {
        Type: 'S3',
        Location: { Ref: bucketId },
        EncryptionKey: { Type: 'KMS', Id: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      },
    });
  });

  test('approvals notify the topic and name the revision and the environments that have it', () => {
    const [topicId] = byPrefix(github.template, 'AlertTopic');
    const approvals = stagesOf(github.template)
      .filter((s) => s.Name.startsWith('Approve-'))
      .map((s) => s.Actions[0]);
    expect(approvals.map((a) => a?.ActionTypeId)).toEqual([
      { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' },
      { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' },
    ]);
    expect(approvals.map((a) => a?.Configuration)).toEqual([
      {
        NotificationArn: { Ref: topicId },
        CustomData:
          'Deploy static-site-cloudfront (commit #{SourceVariables.CommitId}) to staging? It is already deployed to dev.',
        ExternalEntityLink: 'https://github.com/example-org/architecture-catalogue/commit/#{SourceVariables.CommitId}',
      },
      {
        NotificationArn: { Ref: topicId },
        CustomData:
          'Deploy static-site-cloudfront (commit #{SourceVariables.CommitId}) to prod? It is already deployed to dev, staging.',
        ExternalEntityLink: 'https://github.com/example-org/architecture-catalogue/commit/#{SourceVariables.CommitId}',
      },
    ]);
    expect(JSON.stringify(stagesOf(template))).toContain('source.zip version #{SourceVariables.VersionId}');
  });

  test('the deployment plan rejects empty, repeated and unknown environments', () => {
    expect(deploymentPlan('staging,prod', 'prod')).toEqual([
      { env: 'staging', approval: false },
      { env: 'prod', approval: true },
    ]);
    expect(() => deploymentPlan('', '')).toThrow(/empty/u);
    expect(() => deploymentPlan('prod,prod', '')).toThrow(/twice/u);
    expect(() => deploymentPlan('staging,prod', 'production')).toThrow(/not in environments/u);
  });
});

describe('sources', () => {
  test('without a connection: a versioned, encrypted source bucket whose uploads start the pipeline', () => {
    const [bucketId, bucket] = byPrefix(template, 'StorageSourceBucket');
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    const [, rule] = byPrefix(template, 'SourceUploadedRule');
    expect(rule.Properties?.['EventPattern']).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [{ Ref: bucketId }] }, object: { key: ['source.zip'] } },
    });
    expect(JSON.stringify(rule.Properties?.['Targets'])).toContain('codepipeline');
    expect(stagesOf(template)[0]?.Actions[0]?.Configuration).toMatchObject({
      S3Bucket: { Ref: bucketId },
      S3ObjectKey: 'source.zip',
      PollForSourceChanges: false,
    });
  });

  test('with a connection: a full clone of the branch, started by pushes to the entry or the tooling', () => {
    expect(stagesOf(github.template)[0]?.Actions[0]).toMatchObject({
      ActionTypeId: { Category: 'Source', Provider: 'CodeStarSourceConnection' },
      Configuration: {
        ConnectionArn: CONNECTION,
        FullRepositoryId: 'example-org/architecture-catalogue',
        BranchName: 'release',
        OutputArtifactFormat: 'CODEBUILD_CLONE_REF',
        DetectChanges: false,
      },
    });
    expect(pipelineOf(github.template)['Triggers']).toEqual([
      {
        ProviderType: 'CodeStarSourceConnection',
        GitConfiguration: {
          SourceActionName: 'GitHub',
          Push: [
            {
              Branches: { Includes: ['release'] },
              FilePaths: {
                Includes: [
                  'architectures/static-site-cloudfront/**',
                  'deploy/static-site-cloudfront/**',
                  'package.json',
                  'package-lock.json',
                  'lib/**',
                  'generators/**',
                  'scripts/**',
                  'schema/**',
                ],
              },
            },
          ],
        },
      },
    ]);
    github.template.resourceCountIs('AWS::S3::Bucket', 2);
    expect(Object.keys(resourcesOf(github.template)).filter((id) => id.startsWith('SourceUploadedRule'))).toEqual([]);
  });

  test('with a connection, both build roles may clone through it, under both IAM prefixes', () => {
    for (const role of ['CheckProjectRole', 'DeployProjectRole']) {
      expect(policyOfRole(github.template, role)).toContainEqual(
        expect.objectContaining({
          Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'],
          Resource: CONNECTION,
        }),
      );
    }
    expect(JSON.stringify(ofType(template, 'AWS::IAM::Policy'))).not.toContain('UseConnection');
  });
});

describe('builds', () => {
  test('the check project runs npm ci, oar validate and oar check of the entry', () => {
    const [, check] = byPrefix(github.template, 'CheckProject');
    const spec = JSON.parse((check.Properties?.['Source'] as { BuildSpec: string }).BuildSpec) as {
      phases: { install: { commands: string[] }; build: { commands: string[] } };
    };
    expect(spec.phases.install.commands).toContain('npm ci');
    expect(spec.phases.build.commands).toEqual([...CHECK_COMMANDS]);
    expect(spec.phases.build.commands).toEqual(['npx oar validate', 'npx oar check "$OAR_ENTRY"']);
    expect(check.Properties?.['Environment']).toMatchObject({
      Image: IMAGE,
      ComputeType: 'BUILD_GENERAL1_MEDIUM',
      PrivilegedMode: false,
      EnvironmentVariables: [{ Name: 'OAR_ENTRY', Type: 'PLAINTEXT', Value: 'static-site-cloudfront' }],
    });
    expect(check.Properties?.['TimeoutInMinutes']).toBe(90);
  });

  test('the deploy project runs oar deploy for OAR_ENV with --yes', () => {
    const [, deploy] = byPrefix(template, 'DeployProject');
    const spec = JSON.parse((deploy.Properties?.['Source'] as { BuildSpec: string }).BuildSpec) as {
      env: { shell: string };
      phases: { build: { commands: string[] } };
    };
    expect(spec.env.shell).toBe('bash');
    expect(spec.phases.build.commands).toEqual([DEPLOY_SCRIPT]);
    expect(DEPLOY_SCRIPT).toContain('npx oar deploy "$OAR_ENTRY" --env "$OAR_ENV" --yes "${args[@]}"');
  });

  test.each(Object.entries(ALL))(
    'both projects encrypt with the pipeline key and log to their own log group (%s)',
    (_n, t) => {
      const [keyId] = byPrefix(t, 'StoragePipelineKey');
      for (const [prefix, logs] of [
        ['CheckProject', 'CheckLogs'],
        ['DeployProject', 'DeployLogs'],
      ] as const) {
        const [, project] = byPrefix(t, prefix);
        const [logsId] = byPrefix(t, logs);
        expect(project.Properties).toMatchObject({
          EncryptionKey: { 'Fn::GetAtt': [keyId, 'Arn'] },
          LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: { Ref: logsId } } },
        });
      }
    },
  );

  test('the build log groups are KMS-encrypted with a retention period', () => {
    const [keyId] = byPrefix(template, 'StoragePipelineKey');
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/oar/oar-cicd-catalogue-pipeline/check',
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      RetentionInDays: 90,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/oar/oar-cicd-catalogue-pipeline/deploy',
      RetentionInDays: 90,
    });
    github.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('per-environment parameter files become --param arguments, comments and blank lines skipped', () => {
    const bash = spawnSync('bash', ['--version']);
    if (bash.status !== 0) return;
    const repo = mkdtempSync(join(tmpdir(), 'oar-cicd-params-'));
    mkdirSync(join(repo, 'deploy', 'private-admin-ssm'), { recursive: true });
    writeFileSync(
      join(repo, 'deploy', 'private-admin-ssm', 'prod.params'),
      '# production sizing\ninstanceCount=2\n\nsessionDocumentName=Ops Preferences\nidleSessionTimeoutMinutes=15',
    );
    const run = (env: string) =>
      spawnSync('bash', ['-c', `set -euo pipefail\nnpx() { printf '[%s]\\n' "$@"; }\n${DEPLOY_SCRIPT}`], {
        cwd: repo,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', OAR_ENTRY: 'private-admin-ssm', OAR_ENV: env },
      });
    const prod = run('prod');
    expect(prod.status, prod.stderr).toBe(0);
    expect(prod.stdout.split('\n').filter((l) => l.startsWith('['))).toEqual([
      '[oar]',
      '[deploy]',
      '[private-admin-ssm]',
      '[--env]',
      '[prod]',
      '[--yes]',
      '[--param]',
      '[instanceCount=2]',
      '[--param]',
      '[sessionDocumentName=Ops Preferences]',
      '[--param]',
      '[idleSessionTimeoutMinutes=15]',
    ]);
    const staging = run('staging');
    expect(staging.status, staging.stderr).toBe(0);
    expect(staging.stdout).toContain('with 0 parameter argument(s)');
    expect(staging.stdout.split('\n').filter((l) => l.startsWith('['))).toHaveLength(6);
  });
});


describe('storage and alerts', () => {
  test('buckets: KMS (artifacts, source) or SSE-S3 (access logs), TLS 1.2 only, public access blocked', () => {
    template.resourceCountIs('AWS::S3::Bucket', 3);
    for (const b of ofType(template, 'AWS::S3::Bucket')) {
      expect(b.Properties?.['PublicAccessBlockConfiguration']).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties?.['OwnershipControls']).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
    const [, artifacts] = byPrefix(template, 'StorageArtifactsBucket');
    expect(JSON.stringify(artifacts.Properties?.['BucketEncryption'])).toContain('aws:kms');
    expect(artifacts.Properties?.['LifecycleConfiguration']).toMatchObject({ Rules: [{ ExpirationInDays: 30 }] });
    for (const p of ofType(template, 'AWS::S3::BucketPolicy')) {
      expect(JSON.stringify(statements(p))).toContain('"aws:SecureTransport":"false"');
      expect(JSON.stringify(statements(p))).toContain('"s3:TlsVersion":1.2');
    }
    const [, githubArtifacts] = byPrefix(github.template, 'StorageArtifactsBucket');
    expect(githubArtifacts.Properties?.['LifecycleConfiguration']).toMatchObject({ Rules: [{ ExpirationInDays: 7 }] });
  });

  test('the topic is encrypted with the pipeline key; the email subscription is optional', () => {
    const [keyId] = byPrefix(template, 'StoragePipelineKey');
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'oar-cicd-catalogue-pipeline-alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    github.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'releases@example.com',
    });
  });

  test('the key rotates', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});
