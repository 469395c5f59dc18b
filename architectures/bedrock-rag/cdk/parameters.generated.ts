// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Bedrock foundation model id that writes the answers; it must be on demand in this Region by its foundation-model ARN. Default: "amazon.nova-lite-v1:0". */
  readonly generationModelId: string;
  /** Vector size produced by Titan Text Embeddings V2 and stored in the index; fewer dimensions cost less and lose some accuracy. Changing it replaces the index and needs a full sync. Default: 1024. */
  readonly embeddingDimensions: 256 | 512 | 1024;
  /** Key prefix in the documents bucket that the knowledge base ingests; everything under it is visible to every caller. Default: "documents/". */
  readonly documentsPrefix: string;
  /** Maximum tokens per chunk for fixed-size chunking. Default: 300. */
  readonly chunkMaxTokens: number;
  /** Percentage of overlap between neighbouring chunks. Default: 20. */
  readonly chunkOverlapPercentage: number;
  /** Chunks retrieved for each question and given to the model. Default: 5. */
  readonly numberOfResults: number;
  /** Minimum contextual grounding and relevance scores (0 to 0.99) below which the guardrail blocks an answer. Default: 0.75. */
  readonly groundingThreshold: number;
  /** Longest question the API accepts, in characters; longer ones get 400 before any Bedrock charge. Default: 2000. */
  readonly maxQuestionChars: number;
  /** Questions answered at once; more are throttled. It caps the rate of model and guardrail spend and protects the account's Bedrock quota. Default: 10. */
  readonly reservedConcurrency: number;
  /** Minutes between scheduled ingestion jobs, the bound on how stale an answer can be. Default: 60. */
  readonly syncIntervalMinutes: 15 | 60 | 360 | 1440;
  /** Keep the documents bucket, its access logs and the data key when the stack is deleted; false deletes them with the stack, for throwaway environments. Default: true. */
  readonly retainDocuments: boolean;
  /** Retention of the function and model invocation log groups, of the S3 access logs, and of noncurrent document versions. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
