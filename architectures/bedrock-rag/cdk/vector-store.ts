import { Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3vectors from 'aws-cdk-lib/aws-s3vectors';
import { Construct } from 'constructs';

/** Metadata keys Bedrock writes per chunk; kept non-filterable so that the chunk text does not count against the 2 KB filterable metadata limit. */
export const NON_FILTERABLE_KEYS = ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'];

/**
 * A Bedrock resource name from the stack name: letters and digits, each followed by at most one hyphen (the
 * pattern knowledge bases and guardrails share), cut to `max` characters with `suffix` kept.
 */
export function bedrockName(stackName: string, suffix: string, max: number): string {
  const base = stackName.replace(/[^0-9a-zA-Z]+/gu, '-').replace(/^-+|-+$/gu, '');
  return `${base.slice(0, max - suffix.length - 1).replace(/-+$/u, '')}-${suffix}`;
}

/** The ingestion calls the knowledge base makes on the vector index, and nothing else. */
export const INDEX_ACTIONS = [
  's3vectors:GetIndex',
  's3vectors:PutVectors',
  's3vectors:GetVectors',
  's3vectors:DeleteVectors',
  's3vectors:QueryVectors',
];

export interface VectorStoreProps {
  readonly documents: s3.IBucket;
  readonly documentsPrefix: string;
  readonly key: kms.IKey;
  readonly embeddingModelId: string;
  readonly embeddingDimensions: number;
  readonly chunkMaxTokens: number;
  readonly chunkOverlapPercentage: number;
}

/**
 * The knowledge base: an S3 Vectors bucket and index encrypted with the stack's key, the knowledge base that embeds
 * chunks of the documents with a Bedrock embedding model, and the S3 data source that says which documents and how
 * they are chunked. Its role can read the documents prefix, invoke the one embedding model and write the one index.
 */
export class VectorStore extends Construct {
  readonly knowledgeBase: bedrock.CfnKnowledgeBase;
  readonly dataSource: bedrock.CfnDataSource;
  readonly index: s3vectors.CfnIndex;

  constructor(scope: Construct, id: string, props: VectorStoreProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const vectorBucket = new s3vectors.CfnVectorBucket(this, 'VectorBucket', {
      encryptionConfiguration: { sseType: 'aws:kms', kmsKeyArn: props.key.keyArn },
    });
    // The index is derived data: a sync rebuilds it from the documents.
    vectorBucket.applyRemovalPolicy(RemovalPolicy.DESTROY);
    this.index = new s3vectors.CfnIndex(this, 'Index', {
      vectorBucketArn: vectorBucket.attrVectorBucketArn,
      indexName: 'chunks',
      dataType: 'float32',
      dimension: props.embeddingDimensions,
      distanceMetric: 'cosine',
      metadataConfiguration: { nonFilterableMetadataKeys: NON_FILTERABLE_KEYS },
    });
    this.index.applyRemovalPolicy(RemovalPolicy.DESTROY);

    const embeddingModelArn = stack.formatArn({
      service: 'bedrock',
      account: '',
      resource: 'foundation-model',
      resourceName: props.embeddingModelId,
    });
    const role = new iam.Role(this, 'Role', {
      description: `Knowledge base of ${stack.stackName}: reads the documents, embeds them, writes the vector index`,
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'bedrock', resource: 'knowledge-base', resourceName: '*' }) },
        },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'EmbeddingModel', actions: ['bedrock:InvokeModel'], resources: [embeddingModelArn] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListDocuments',
        actions: ['s3:ListBucket'],
        resources: [props.documents.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${props.documentsPrefix}*`] } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadDocuments',
        actions: ['s3:GetObject'],
        resources: [props.documents.arnForObjects(`${props.documentsPrefix}*`)],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'VectorIndex', actions: INDEX_ACTIONS, resources: [this.index.attrIndexArn] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DataKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.key.keyArn],
      }),
    );
    const bucketId = stack.getLogicalId(props.documents.node.defaultChild as s3.CfnBucket);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${props.documentsPrefix}*]`,
      reason:
        'The knowledge base reads every document under documentsPrefix, whose keys are not known when the stack is built; nothing outside the prefix is readable.',
    });

    this.knowledgeBase = new bedrock.CfnKnowledgeBase(this, 'KnowledgeBase', {
      name: bedrockName(stack.stackName, 'kb', 100),
      description: `Documents under ${props.documentsPrefix} in the documents bucket of ${stack.stackName}`,
      roleArn: role.roleArn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: {
          embeddingModelArn,
          embeddingModelConfiguration: {
            bedrockEmbeddingModelConfiguration: { dimensions: props.embeddingDimensions, embeddingDataType: 'FLOAT32' },
          },
        },
      },
      storageConfiguration: {
        type: 'S3_VECTORS',
        s3VectorsConfiguration: { indexArn: this.index.attrIndexArn },
      },
    });
    // Bedrock checks the role's permissions when it creates the knowledge base.
    const rolePolicy = role.node.tryFindChild('DefaultPolicy');
    if (rolePolicy) this.knowledgeBase.node.addDependency(rolePolicy);

    this.dataSource = new bedrock.CfnDataSource(this, 'DataSource', {
      knowledgeBaseId: this.knowledgeBase.attrKnowledgeBaseId,
      name: 'documents',
      description: `s3://<documents bucket>/${props.documentsPrefix}`,
      // A sync removes the vectors of documents deleted from the bucket, and deleting the data source removes its vectors.
      dataDeletionPolicy: 'DELETE',
      dataSourceConfiguration: {
        type: 'S3',
        s3Configuration: { bucketArn: props.documents.bucketArn, inclusionPrefixes: [props.documentsPrefix] },
      },
      serverSideEncryptionConfiguration: { kmsKeyArn: props.key.keyArn },
      vectorIngestionConfiguration: {
        chunkingConfiguration: {
          chunkingStrategy: 'FIXED_SIZE',
          fixedSizeChunkingConfiguration: {
            maxTokens: props.chunkMaxTokens,
            overlapPercentage: props.chunkOverlapPercentage,
          },
        },
      },
    });
  }
}
