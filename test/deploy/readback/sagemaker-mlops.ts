import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import {
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DescribeModelPackageGroupCommand, DescribePipelineCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const MIN_AUC = 0.8;
const MAX_TRAINING_MINUTES = 60;

type Step = { Name: string; Type: string; Arguments: Record<string, unknown> };
interface Definition {
  Parameters: { Name: string; DefaultValue: unknown }[];
  Steps: Step[];
}

async function definitionOf(stack: DeployedStack): Promise<Definition> {
  const pipeline = await new SageMakerClient(stack.aws).send(
    new DescribePipelineCommand({ PipelineName: stack.outputs['PipelineName'] }),
  );
  return JSON.parse(pipeline.PipelineDefinition ?? '{}') as Definition;
}

export default [
  readBack(
    'The pipeline registers a version as PendingManualApproval only when validation AUC reaches MinAuc, and fails otherwise',
    async (stack) => {
      const d = await definitionOf(stack);
      expect(d.Parameters.find((p) => p.Name === 'MinAuc')?.DefaultValue).toBe(MIN_AUC);
      const check = d.Steps.find((s) => s.Type === 'Condition');
      expect(check?.Arguments['Conditions']).toEqual([
        {
          Type: 'GreaterThanOrEqualTo',
          LeftValue: { Get: "Steps.Train.FinalMetricDataList['validation:auc'].Value" },
          RightValue: { Get: 'Parameters.MinAuc' },
        },
      ]);
      const [register] = check?.Arguments['IfSteps'] as Step[];
      expect(register?.Arguments['ModelApprovalStatus']).toBe('PendingManualApproval');
      expect(register?.Arguments['ModelPackageGroupName']).toBe(stack.outputs['ModelPackageGroupArn']);
      expect((check?.Arguments['ElseSteps'] as Step[]).map((s) => s.Type)).toEqual(['Fail']);
    },
    'gated-by-metric-and-approval',
  ),
  readBack(
    'Training runs network-isolated, within maxTrainingMinutes, with output and volume encrypted with the stack key',
    async (stack) => {
      const train = (await definitionOf(stack)).Steps.find((s) => s.Type === 'Training');
      const args = train?.Arguments ?? {};
      expect(args['EnableNetworkIsolation']).toBe(true);
      expect((args['StoppingCondition'] as Record<string, unknown>)['MaxRuntimeInSeconds']).toBe(
        MAX_TRAINING_MINUTES * 60,
      );
      const keyId = stack.physicalId('AWS::KMS::Key');
      expect(String((args['OutputDataConfig'] as Record<string, unknown>)['KmsKeyId'])).toMatch(
        new RegExp(`${keyId}$`, 'u'),
      );
      expect(String((args['ResourceConfig'] as Record<string, unknown>)['VolumeKmsKeyId'])).toMatch(
        new RegExp(`${keyId}$`, 'u'),
      );
    },
    'encrypted-and-isolated',
  ),
  readBack(
    'The model package group exists under the name the pipeline registers into',
    async (stack) => {
      const group = await new SageMakerClient(stack.aws).send(
        new DescribeModelPackageGroupCommand({ ModelPackageGroupName: stack.outputs['ModelPackageGroupName'] }),
      );
      expect(group.ModelPackageGroupArn).toBe(stack.outputs['ModelPackageGroupArn']);
      expect(group.ModelPackageGroupStatus).toBe('Completed');
    },
    'gated-by-metric-and-approval',
  ),
  readBack(
    'The artifacts bucket is encrypted with the stack key, versioned and access-logged',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = stack.outputs['ArtifactsBucketName'];
      const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
      const rule = enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
      expect(rule?.SSEAlgorithm).toBe('aws:kms');
      expect(String(rule?.KMSMasterKeyID)).toMatch(new RegExp(`${stack.physicalId('AWS::KMS::Key')}$`, 'u'));
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      const logging = await s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
      expect(logging.LoggingEnabled?.TargetPrefix).toBe('artifacts/');
    },
    'encrypted-and-isolated',
  ),
  readBack(
    'Approvals and rejections in the group reach the topic',
    async (stack) => {
      const events = new EventBridgeClient(stack.aws);
      const name = stack.physicalId('AWS::Events::Rule');
      const rule = await events.send(new DescribeRuleCommand({ Name: name }));
      const pattern = JSON.parse(rule.EventPattern ?? '{}') as { detail?: Record<string, unknown> };
      expect(pattern.detail?.['ModelApprovalStatus']).toEqual(['Approved', 'Rejected']);
      expect(pattern.detail?.['ModelPackageGroupName']).toEqual([stack.outputs['ModelPackageGroupName']]);
      const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
      expect(Targets.map((t) => t.Arn)).toEqual([stack.outputs['TopicArn']]);
    },
    'gated-by-metric-and-approval',
  ),
  readBack(
    'The pipeline role may pass only itself, and only to SageMaker',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const role = stack.physicalId('AWS::IAM::Role');
      const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: role }));
      const statements = (
        await Promise.all(
          PolicyNames.map(async (PolicyName) => {
            const p = await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName }));
            return (
              JSON.parse(decodeURIComponent(p.PolicyDocument ?? '{}')) as { Statement: Record<string, unknown>[] }
            ).Statement;
          }),
        )
      ).flat();
      const pass = statements.find((s) => s['Sid'] === 'PassSelf');
      expect(String(pass?.['Resource'])).toMatch(new RegExp(`:role/${role}$`, 'u'));
      expect(pass?.['Condition']).toEqual({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } });
    },
    'least-privilege-roles',
  ),
];
