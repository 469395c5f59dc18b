// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Bedrock foundation model id the agent converses with; it must support tool use in the Converse API and be on demand in this Region by its foundation-model ARN. Default: "amazon.nova-pro-v1:0". */
  readonly modelId: string;
  /** Most tool calls one turn may make before the agent stops and reports the loop limit. Default: 8. */
  readonly maxToolCalls: number;
  /** Longest prompt the agent accepts, in characters; longer ones get 400 before any model charge. Default: 4000. */
  readonly maxPromptChars: number;
  /** Tool calls in flight at once across all sessions (the tool function's reserved concurrency); more are throttled. Default: 10. */
  readonly toolConcurrency: number;
  /** Days AgentCore Memory keeps conversation events. Default: 30. */
  readonly memoryEventDays: number;
  /** Seconds without a request after which a runtime session ends; it must not exceed maxSessionSeconds. Default: 900. */
  readonly idleSessionSeconds: number;
  /** Longest a runtime session lives, in seconds (8 hours at most). Default: 28800. */
  readonly maxSessionSeconds: number;
  /** OpenID Connect discovery URL of the identity provider whose tokens the runtime accepts; empty keeps IAM (SigV4) inbound auth. Default: "". */
  readonly jwtDiscoveryUrl: string;
  /** Client id whose tokens the runtime accepts, with jwtDiscoveryUrl. Default: "". */
  readonly jwtAllowedClient: string;
  /** Keep the orders table and the data key when the stack is deleted, and protect the table from deletion; false deletes them with the stack, for throwaway environments. Default: true. */
  readonly retainData: boolean;
  /** Retention of the agent's and the tool's log groups. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
