import { BedrockClient, GetGuardrailCommand } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient, GetDataSourceCommand, GetKnowledgeBaseCommand } from '@aws-sdk/client-bedrock-agent';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { GetBucketLoggingCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetIndexCommand, GetVectorBucketCommand, S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const DOCUMENTS_PREFIX = 'documents/';
const EMBEDDING_DIMENSIONS = 1024;
const GROUNDING_THRESHOLD = 0.75;
const RESERVED_CONCURRENCY = 10;

/** The environment of the function whose environment has `key`. */
async function functionWith(stack: DeployedStack, key: string) {
  const lambda = new LambdaClient(stack.aws);
  for (const name of stack.physicalIds('AWS::Lambda::Function')) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (config.Environment?.Variables?.[key] !== undefined) return config;
  }
  throw new Error(`no function has ${key} in its environment`);
}

export default [
  readBack(
    'The query function applies the numbered guardrail version, which blocks prompt attacks on questions, filters harmful content both ways and blocks ungrounded answers',
    async (stack) => {
      const env = (await functionWith(stack, 'GUARDRAIL_ID')).Environment?.Variables ?? {};
      expect(env['GUARDRAIL_ID']).toBe(stack.outputs['GuardrailId']);
      expect(env['GUARDRAIL_VERSION']).toBe(stack.outputs['GuardrailVersion']);
      expect(env['GUARDRAIL_VERSION']).toMatch(/^\d+$/u);
      expect(env['KNOWLEDGE_BASE_ID']).toBe(stack.outputs['KnowledgeBaseId']);
      const guardrail = await new BedrockClient(stack.aws).send(
        new GetGuardrailCommand({
          guardrailIdentifier: env['GUARDRAIL_ID'],
          guardrailVersion: env['GUARDRAIL_VERSION'],
        }),
      );
      const filters = new Map<string, unknown>(
        (guardrail.contentPolicy?.filters ?? []).map((f) => [String(f.type), [f.inputStrength, f.outputStrength]]),
      );
      expect(filters.get('PROMPT_ATTACK')).toEqual(['HIGH', 'NONE']);
      for (const type of ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT']) {
        expect(filters.get(type), type).toEqual(['HIGH', 'HIGH']);
      }
      const grounding = (guardrail.contextualGroundingPolicy?.filters ?? []).map((f) => [f.type, f.threshold]);
      expect(grounding.sort()).toEqual([
        ['GROUNDING', GROUNDING_THRESHOLD],
        ['RELEVANCE', GROUNDING_THRESHOLD],
      ]);
    },
    'guardrail-filters-attacks-and-ungrounded-answers',
  ),
  readBack(
    'The function URL needs a SigV4 signature (AuthType AWS_IAM)',
    async (stack) => {
      const fn = await functionWith(stack, 'GUARDRAIL_ID');
      const url = await new LambdaClient(stack.aws).send(
        new GetFunctionUrlConfigCommand({ FunctionName: fn.FunctionName }),
      );
      expect(url.AuthType).toBe('AWS_IAM');
      expect(url.FunctionUrl).toBe(stack.outputs['QueryUrl']);
    },
    'url-needs-iam',
  ),
  readBack(
    'The query function reserves reservedConcurrency executions, its ceiling',
    async (stack) => {
      const fn = await functionWith(stack, 'GUARDRAIL_ID');
      const concurrency = await new LambdaClient(stack.aws).send(
        new GetFunctionConcurrencyCommand({ FunctionName: fn.FunctionName }),
      );
      expect(concurrency.ReservedConcurrentExecutions).toBe(RESERVED_CONCURRENCY);
    },
    'concurrency-caps-spend',
  ),
  readBack(
    'The knowledge base stores Titan V2 embeddings in the S3 Vectors index, whose bucket is encrypted with the stack data key',
    async (stack) => {
      const { knowledgeBase } = await new BedrockAgentClient(stack.aws).send(
        new GetKnowledgeBaseCommand({ knowledgeBaseId: stack.outputs['KnowledgeBaseId'] }),
      );
      expect(knowledgeBase?.storageConfiguration?.type).toBe('S3_VECTORS');
      expect(knowledgeBase?.storageConfiguration?.s3VectorsConfiguration?.indexArn).toBe(
        stack.outputs['VectorIndexArn'],
      );
      expect(knowledgeBase?.knowledgeBaseConfiguration?.vectorKnowledgeBaseConfiguration?.embeddingModelArn).toMatch(
        /foundation-model\/amazon\.titan-embed-text-v2:0$/u,
      );
      const s3v = new S3VectorsClient(stack.aws);
      const { index } = await s3v.send(new GetIndexCommand({ indexArn: stack.outputs['VectorIndexArn'] }));
      expect(index?.dimension).toBe(EMBEDDING_DIMENSIONS);
      expect(index?.distanceMetric).toBe('cosine');
      const bucketArn = (stack.outputs['VectorIndexArn'] ?? '').split('/index/')[0];
      const { vectorBucket } = await s3v.send(new GetVectorBucketCommand({ vectorBucketArn: bucketArn }));
      expect(vectorBucket?.encryptionConfiguration?.sseType).toBe('aws:kms');
      expect(
        stack.physicalIds('AWS::KMS::Key').some((id) => vectorBucket?.encryptionConfiguration?.kmsKeyArn?.endsWith(id)),
      ).toBe(true);
    },
    'encrypted-with-customer-keys',
  ),
  readBack(
    'The data source ingests only documentsPrefix and deletes the vectors of deleted documents; a schedule runs the sync function that starts its ingestion jobs',
    async (stack) => {
      const { dataSource } = await new BedrockAgentClient(stack.aws).send(
        new GetDataSourceCommand({
          knowledgeBaseId: stack.outputs['KnowledgeBaseId'],
          dataSourceId: stack.outputs['DataSourceId'],
        }),
      );
      expect(dataSource?.dataSourceConfiguration?.s3Configuration?.inclusionPrefixes).toEqual([DOCUMENTS_PREFIX]);
      expect(dataSource?.dataDeletionPolicy).toBe('DELETE');
      const sync = await functionWith(stack, 'DATA_SOURCE_ID');
      expect(sync.Environment?.Variables?.['DATA_SOURCE_ID']).toBe(stack.outputs['DataSourceId']);
      const events = new EventBridgeClient(stack.aws);
      const rule = stack.physicalId('AWS::Events::Rule');
      const described = await events.send(new DescribeRuleCommand({ Name: rule }));
      expect(described.ScheduleExpression).toBe('rate(1 hour)');
      expect(described.State).toBe('ENABLED');
      const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: rule }));
      expect(Targets.map((t) => t.Arn)).toEqual([sync.FunctionArn]);
    },
    'scheduled-sync-alarms-on-failed-ingestion',
  ),
  readBack(
    'The documents bucket is versioned and writes server access logs',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = stack.outputs['DocumentsBucketName'];
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      const logging = await s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
      expect(logging.LoggingEnabled?.TargetPrefix).toBe('documents/');
    },
    'documents-versioned-and-kept',
  ),
];
