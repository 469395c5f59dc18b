import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Documents } from './documents.ts';
import { QueryApi, Sync } from './functions.ts';
import { Guardrail } from './guardrail.ts';
import { InvocationLogging } from './invocation-logging.ts';
import { LogKey, retentionOf } from './logs.ts';
import type { Parameters } from './parameters.generated.ts';
import { VectorStore } from './vector-store.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The embedding model: Amazon Titan Text Embeddings V2, which takes 256, 512 or 1024 dimensions. */
export const EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';

/**
 * A RAG application on Amazon Bedrock: documents in a versioned S3 bucket, a knowledge base that embeds them into an
 * S3 Vectors index on a schedule, a guardrail, and one IAM-authenticated function URL that answers questions with
 * RetrieveAndGenerate. Each concern is a construct in its own file; this class composes them.
 */
export default class BedrockRagStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);

    // --- Keys: one for the data (documents, vectors, guardrail), one whose policy names the log groups.
    const dataKey = new kms.Key(this, 'DataKey', {
      description: `Encrypts the documents, vectors and guardrail of ${this.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: p.retainDocuments ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const names = {
      query: `/${this.stackName}/query`,
      sync: `/${this.stackName}/sync`,
      invocations: `/${this.stackName}/bedrock-model-invocations`,
    };
    const logKey = new LogKey(this, 'Logs', { logGroupNames: Object.values(names) });

    // --- Documents: the source of truth, versioned, encrypted, access-logged.
    const documents = new Documents(this, 'Documents', {
      key: dataKey,
      retain: p.retainDocuments,
      retentionDays: p.logRetentionDays,
    });

    // --- Knowledge base on S3 Vectors, with its S3 data source.
    const store = new VectorStore(this, 'KnowledgeBase', {
      documents: documents.bucket,
      documentsPrefix: p.documentsPrefix,
      key: dataKey,
      embeddingModelId: EMBEDDING_MODEL_ID,
      embeddingDimensions: p.embeddingDimensions,
      chunkMaxTokens: p.chunkMaxTokens,
      chunkOverlapPercentage: p.chunkOverlapPercentage,
    });

    // --- Guardrail, pinned by version.
    const guardrail = new Guardrail(this, 'Guardrail', { key: dataKey, groundingThreshold: p.groundingThreshold });

    // --- API: the function URL that answers questions.
    const modelArn = this.formatArn({
      service: 'bedrock',
      account: '',
      resource: 'foundation-model',
      resourceName: p.generationModelId,
    });
    const api = new QueryApi(this, 'Query', {
      knowledgeBaseId: store.knowledgeBase.attrKnowledgeBaseId,
      knowledgeBaseArn: store.knowledgeBase.attrKnowledgeBaseArn,
      modelArn,
      guardrailId: guardrail.guardrail.attrGuardrailId,
      guardrailArn: guardrail.guardrail.attrGuardrailArn,
      guardrailVersion: guardrail.version.attrVersion,
      guardrailKeyArn: dataKey.keyArn,
      numberOfResults: p.numberOfResults,
      maxQuestionChars: p.maxQuestionChars,
      reservedConcurrency: p.reservedConcurrency,
      logGroup: logKey.logGroup('QueryLogs', names.query, retention),
    });

    // --- Freshness: the scheduled sync.
    const sync = new Sync(this, 'Sync', {
      knowledgeBaseId: store.knowledgeBase.attrKnowledgeBaseId,
      knowledgeBaseArn: store.knowledgeBase.attrKnowledgeBaseArn,
      dataSourceId: store.dataSource.attrDataSourceId,
      intervalMinutes: p.syncIntervalMinutes,
      logGroup: logKey.logGroup('SyncLogs', names.sync, retention),
    });

    // --- Model invocation logging: the log group and role; the account-level switch is in the runbook.
    const invocationLogs = logKey.logGroup('InvocationLogs', names.invocations, retention);
    const invocationLogging = new InvocationLogging(this, 'InvocationLogging', { logGroup: invocationLogs });

    if (p.alarmTopicArn !== '') {
      const topic = sns.Topic.fromTopicArn(this, 'AlarmTopic', p.alarmTopicArn);
      for (const alarm of [...api.alarms, sync.alarm]) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    }

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'QueryUrl', { value: api.url.url, description: 'Function URL; POST a signed JSON question' });
    new CfnOutput(this, 'InvokePolicyArn', {
      value: api.invokePolicy.managedPolicyArn,
      description: 'Managed policy to attach to callers of the function URL',
    });
    new CfnOutput(this, 'DocumentsBucketName', {
      value: documents.bucket.bucketName,
      description: `Bucket whose ${p.documentsPrefix} prefix the knowledge base ingests`,
    });
    new CfnOutput(this, 'KnowledgeBaseId', { value: store.knowledgeBase.attrKnowledgeBaseId });
    new CfnOutput(this, 'DataSourceId', { value: store.dataSource.attrDataSourceId });
    new CfnOutput(this, 'VectorIndexArn', { value: store.index.attrIndexArn });
    new CfnOutput(this, 'GuardrailId', { value: guardrail.guardrail.attrGuardrailId });
    new CfnOutput(this, 'GuardrailVersion', { value: guardrail.version.attrVersion });
    new CfnOutput(this, 'InvocationLogGroupName', { value: invocationLogs.logGroupName });
    new CfnOutput(this, 'InvocationLoggingRoleArn', { value: invocationLogging.role.roleArn });
  }
}
