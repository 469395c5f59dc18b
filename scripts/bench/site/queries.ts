/** What the site bench types: first queries (index cost) and latency queries (speed once loaded). */

// Each first query runs in a fresh browser context, so each pays for the index as a first visitor would.
export const FIRST_QUERIES = ['lambda', 'dynamodb stream'];

// Words people type for serverless patterns; every one matches entries of the corpus, so no result list is empty.
export const QUERIES = [
  'lambda dynamodb',
  'sqs queue',
  'api gateway',
  'step functions',
  's3 event',
  'eventbridge schedule',
  'kinesis stream',
  'sns topic',
  'cognito',
  'fargate',
  'aurora serverless',
  'cloudwatch alarm',
  'firehose',
  'websocket api',
  'dead letter queue',
  'batch processing',
  'order workflow',
  'sns sqs fanout',
  'lambda layer',
  'http api',
  'appsync graphql',
  'bedrock',
  'eventbridge pipes',
  's3 bucket notification',
  'state machine',
  'cross account',
  'lambda authorizer',
  'kafka msk',
  'iot core',
  'secrets manager',
];
