import { BatchGetProjectsCommand, CodeBuildClient, type Project } from '@aws-sdk/client-codebuild';
import { CodePipelineClient, GetPipelineCommand, type PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const ENTRY = 'private-admin-ssm';
const QUALIFIER = 'hnb659fds';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Principal?: unknown;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/**
 * A CodePipeline client for moto, which answers GetPipeline's metadata timestamps as ISO 8601 strings where
 * the JSON protocol has epoch seconds, so the SDK would fail to read the answer: they are converted first.
 */
function codePipeline(stack: DeployedStack): CodePipelineClient {
  const client = new CodePipelineClient(stack.aws);
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: AsyncIterable<Buffer> };
      if (response.body === undefined) return result;
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) chunks.push(chunk);
      const answer = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        metadata?: Record<string, unknown>;
      };
      for (const [key, value] of Object.entries(answer.metadata ?? {}))
        if (typeof value === 'string' && key !== 'pipelineArn') (answer.metadata ?? {})[key] = Date.parse(value) / 1000;
      response.body = Readable.from([Buffer.from(JSON.stringify(answer))]);
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'motoIsoTimestamps' },
  );
  return client;
}

async function pipeline(stack: DeployedStack): Promise<PipelineDeclaration> {
  const got = await codePipeline(stack).send(new GetPipelineCommand({ name: stack.outputs['PipelineName'] }));
  expect(got.pipeline).toBeDefined();
  return got.pipeline as PipelineDeclaration;
}

async function project(stack: DeployedStack, name: string | undefined): Promise<Project> {
  const codebuild = new CodeBuildClient(stack.aws);
  const { projects = [] } = await codebuild.send(new BatchGetProjectsCommand({ names: [name ?? ''] }));
  expect(projects, `project ${String(name)}`).toHaveLength(1);
  return projects[0] as Project;
}

/** The commands of a project's build phase. */
const buildCommands = (p: Project): string[] =>
  (JSON.parse(p.source?.buildspec ?? '{}') as { phases: { build: { commands: string[] } } }).phases.build.commands;

export default [
  readBack(
    'The pipeline checks the entry with oar validate and oar check, then deploys staging, then asks for approval and deploys prod, superseding older executions',
    async (stack) => {
      const declared = await pipeline(stack);
      const stages = declared.stages ?? [];
      expect(stages.map((s) => s.name)).toEqual(['Source', 'Check', 'Deploy-staging', 'Approve-prod', 'Deploy-prod']);
      expect([declared.pipelineType, declared.executionMode]).toEqual(['V2', 'SUPERSEDED']);
      const action = (stage: string) => stages.find((s) => s.name === stage)?.actions?.[0];
      expect(action('Check')?.configuration?.['ProjectName']).toBe(stack.outputs['CheckProjectName']);
      const check = await project(stack, stack.outputs['CheckProjectName']);
      expect(buildCommands(check)).toEqual(['npx oar validate', 'npx oar check "$OAR_ENTRY"']);
      expect(check.environment?.environmentVariables).toEqual([{ name: 'OAR_ENTRY', type: 'PLAINTEXT', value: ENTRY }]);
      const deploy = await project(stack, stack.outputs['DeployProjectName']);
      expect(buildCommands(deploy).join('\n')).toMatch(/npx oar deploy "\$OAR_ENTRY" --env "\$OAR_ENV"/u);
      for (const env of ['staging', 'prod']) {
        const config = action(`Deploy-${env}`)?.configuration ?? {};
        expect(config['ProjectName']).toBe(stack.outputs['DeployProjectName']);
        expect(JSON.parse(config['EnvironmentVariables'] ?? '[]')).toEqual([
          { name: 'OAR_ENV', type: 'PLAINTEXT', value: env },
        ]);
      }
      const approve = action('Approve-prod');
      expect([approve?.actionTypeId?.category, approve?.actionTypeId?.provider]).toEqual(['Approval', 'Manual']);
      expect(approve?.configuration?.['NotificationArn']).toBe(stack.outputs['AlertTopicArn']);
    },
    'environments-in-order',
  ),
  readBack(
    'The pipeline reads only source.zip of its own versioned source bucket, and keeps its artifacts in the artifacts bucket under the pipeline key',
    async (stack) => {
      const declared = await pipeline(stack);
      const [source] = declared.stages?.[0]?.actions ?? [];
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/u.exec(stack.outputs['SourceLocation'] ?? '') ?? [];
      expect(source?.actionTypeId?.provider).toBe('S3');
      expect([source?.configuration?.['S3Bucket'], source?.configuration?.['S3ObjectKey']]).toEqual([bucket, key]);
      expect(key).toBe('source.zip');
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      expect(declared.artifactStore).toEqual({
        type: 'S3',
        location: stack.outputs['ArtifactsBucketName'],
        encryptionKey: { id: stack.outputs['PipelineKeyArn'], type: 'KMS' },
      });
    },
    'one-source',
  ),
  readBack(
    'The approver policy allows approving only the prod approval action of this pipeline, and otherwise only reading it',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const arn = stack.outputs['ApproverPolicyArn'];
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const { PolicyVersion } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }),
      );
      const document = JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? '{}')) as { Statement: Statement[] };
      const approve = document.Statement.filter((s) => list(s.Action).includes('codepipeline:PutApprovalResult'));
      expect(approve).toHaveLength(1);
      expect(list(approve[0]?.Resource ?? [])).toEqual([
        `arn:aws:codepipeline:us-east-1:123456789012:${stack.outputs['PipelineName'] ?? ''}/Approve-prod/Approve`,
      ]);
      for (const action of document.Statement.flatMap((s) => list(s.Action)))
        expect(action).toMatch(/^codepipeline:(Get|List|PutApprovalResult)/u);
    },
    'only-approvers-approve',
  ),
  readBack(
    'The deploy project may assume only the deploy, file-publishing and lookup roles of the hnb659fds bootstrap',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const role = (stack.outputs['DeployRoleArn'] ?? '').replace(/^.*:role\//u, '');
      const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: role }));
      const statements: Statement[] = [];
      for (const name of PolicyNames) {
        const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }));
        statements.push(
          ...(JSON.parse(decodeURIComponent(PolicyDocument ?? '{}')) as { Statement: Statement[] }).Statement,
        );
      }
      const assume = statements.filter((s) => s.Effect === 'Allow' && list(s.Action).includes('sts:AssumeRole'));
      expect(assume).toHaveLength(1);
      expect(
        list(assume[0]?.Resource ?? [])
          .map((r) => r.replace(/^.*:role\//u, ''))
          .sort(),
      ).toEqual(
        ['deploy', 'file-publishing', 'lookup'].map((k) => `cdk-${QUALIFIER}-${k}-role-123456789012-us-east-1`).sort(),
      );
      for (const action of statements.flatMap((s) => list(s.Action)))
        expect(action).not.toMatch(/^\*$|^iam:|^cloudformation:(Create|Update|Delete|Execute)|^[a-z0-9-]+:\*$/u);
    },
    'deploy-role-borrows-bootstrap-roles',
  ),
  readBack(
    'The builds run outside any VPC and read no secrets: their environment variables are plain text',
    async (stack) => {
      for (const name of [stack.outputs['CheckProjectName'], stack.outputs['DeployProjectName']]) {
        const p = await project(stack, name);
        expect(p.vpcConfig, String(name)).toBeUndefined();
        for (const v of p.environment?.environmentVariables ?? [])
          expect(v.type, `${String(name)} ${String(v.name)}`).toBe('PLAINTEXT');
        expect(p.logsConfig?.cloudWatchLogs?.status).toBe('ENABLED');
      }
    },
    'no-zonal-resources',
  ),
  readBack('EventBridge may publish to the alert topic, which refuses publishing without TLS', async (stack) => {
    const sns = new SNSClient(stack.aws);
    const { Attributes = {} } = await sns.send(
      new GetTopicAttributesCommand({ TopicArn: stack.outputs['AlertTopicArn'] }),
    );
    const policy = JSON.parse(Attributes['Policy'] ?? '{}') as { Statement: (Statement & { Condition?: unknown })[] };
    const fromEvents = policy.Statement.find(
      (s) =>
        s.Effect === 'Allow' && JSON.stringify(s.Principal) === JSON.stringify({ Service: 'events.amazonaws.com' }),
    );
    expect(list(fromEvents?.Action ?? [])).toEqual(['sns:Publish']);
    const insecure = policy.Statement.find((s) => s.Effect === 'Deny');
    expect(insecure?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  }),
];
