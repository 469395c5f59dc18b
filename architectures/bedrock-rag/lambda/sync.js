// Runs every syncIntervalMinutes: starts an ingestion job for the S3 data source unless one is running, and fails
// (so the sync errors alarm goes off) when the previous job failed or skipped documents.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const {
  BedrockAgentClient,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
} = require('@aws-sdk/client-bedrock-agent');
const client = new BedrockAgentClient({});
const RUNNING = ['STARTING', 'IN_PROGRESS', 'STOPPING'];
exports.handler = async () => {
  const ids = { knowledgeBaseId: process.env.KNOWLEDGE_BASE_ID, dataSourceId: process.env.DATA_SOURCE_ID };
  const { ingestionJobSummaries = [] } = await client.send(
    new ListIngestionJobsCommand({ ...ids, sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' }, maxResults: 1 }),
  );
  const last = ingestionJobSummaries[0];
  if (last && RUNNING.includes(last.status)) {
    console.log(JSON.stringify({ event: 'sync-skipped', runningJob: last.ingestionJobId, status: last.status }));
    return;
  }
  const { ingestionJob } = await client.send(new StartIngestionJobCommand({ ...ids, description: 'scheduled sync' }));
  console.log(JSON.stringify({ event: 'sync-started', job: ingestionJob?.ingestionJobId }));
  const failedDocuments = last?.statistics?.numberOfDocumentsFailed ?? 0;
  if (last && (last.status === 'FAILED' || failedDocuments > 0)) {
    throw new Error(
      `Ingestion job ${last.ingestionJobId} ended ${last.status} with ${failedDocuments} failed documents; see GetIngestionJob failureReasons.`,
    );
  }
};
