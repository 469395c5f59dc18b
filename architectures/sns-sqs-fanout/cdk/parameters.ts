import { readFileSync } from 'node:fs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Parameters } from './stack.ts';

/** CloudFormation's historical limit for inline code, kept so the template stays readable. */
export const INLINE_CODE_LIMIT = 4096;

/**
 * The worker as it ships inline: lambda/index.js without comment lines and indentation.
 * Inline Node.js code becomes index.js, which Lambda loads as CommonJS.
 */
export function inlineHandlerSource(): string {
  const file = readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8');
  return file
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
export function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention period`);
  return match;
}

/**
 * Visibility timeout of a consumer queue: six times the worker timeout plus the batching window, as Lambda
 * recommends, so a message is not handed to a second invocation while the first may still be working on it.
 */
export function visibilityTimeoutSeconds(workerTimeoutSeconds: number, maxBatchingWindowSeconds: number): number {
  return 6 * workerTimeoutSeconds + maxBatchingWindowSeconds;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parameters after parsing and the checks the schema cannot express. */
export interface Settings {
  readonly consumers: readonly string[];
  readonly filterPolicies: Readonly<Record<string, Record<string, unknown>>>;
  readonly visibilityTimeoutSeconds: number;
}

/** Parses consumers and filterPolicies and throws on combinations the schema cannot express, naming the fix. */
export function settingsOf(p: Parameters, stackName: string): Settings {
  const problems: string[] = [];
  const consumers = p.consumers.split(',');
  const repeated = consumers.filter((c, i) => consumers.indexOf(c) !== i);
  if (repeated.length > 0) problems.push(`consumers lists ${repeated.join(', ')} more than once`);
  const longest = Math.max(...consumers.map((c) => c.length));
  // The longest queue name is <stack name>-<consumer>-sns-dlq; SQS allows 80 characters.
  if (stackName.length + longest + 9 > 80) {
    problems.push(`the queue names of stack ${stackName} would pass 80 characters; shorten the consumer names`);
  }
  const filterPolicies: Record<string, Record<string, unknown>> = {};
  if (p.filterPolicies !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(p.filterPolicies);
    } catch (error) {
      problems.push(`filterPolicies is not JSON (${(error as Error).message})`);
    }
    if (!isObject(parsed)) {
      problems.push('filterPolicies must be a JSON object of consumer name to SNS filter policy');
    } else {
      for (const [name, policy] of Object.entries(parsed)) {
        if (!consumers.includes(name)) problems.push(`filterPolicies names ${name}, which is not in consumers`);
        if (!isObject(policy) || Object.keys(policy).length === 0) {
          problems.push(`the filter policy of ${name} must be a non-empty JSON object`);
        } else {
          filterPolicies[name] = policy;
        }
      }
    }
  }
  if (p.batchSize > 10 && p.maxBatchingWindowSeconds < 1) {
    problems.push(`batchSize ${p.batchSize} needs maxBatchingWindowSeconds of at least 1; Lambda requires it above 10`);
  }
  // At most 6 x 900 + 300 = 5,700 seconds with the parameter ranges, well within the SQS maximum of 12 hours.
  const visibility = visibilityTimeoutSeconds(p.workerTimeoutSeconds, p.maxBatchingWindowSeconds);
  if (p.idempotencyTtlDays < p.messageRetentionDays) {
    problems.push(
      `idempotencyTtlDays ${p.idempotencyTtlDays} is shorter than messageRetentionDays ${p.messageRetentionDays}; a redelivered message could outlive its record`,
    );
  }
  if (problems.length > 0) throw new Error(`sns-sqs-fanout: ${problems.join('; ')}`);
  return { consumers, filterPolicies, visibilityTimeoutSeconds: visibility };
}
