/** What a read-back check sees of a stack the emulator suite deployed. */
export interface DeployedStack {
  readonly id: string;
  readonly stackName: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** Logical id to type and physical id, from DescribeStackResources. */
  readonly resources: ReadonlyMap<string, { readonly type: string; readonly physicalId: string }>;
  /** Client configuration for any AWS SDK v3 client: `new SNSClient(stack.aws)`. */
  readonly aws: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** The physical id of the only resource of a type (whose logical id starts with `prefix`); throws otherwise. */
  physicalId(type: string, prefix?: string): string;
  /** The physical ids of every resource of a type. */
  physicalIds(type: string): string[];
}

/** One property of a deployed stack, read back through the AWS SDK from the emulator. */
export interface ReadBack {
  /** Plain sentence, as a claim is written: what the deployed stack does. */
  readonly what: string;
  /** The claim (cdk/claims.ts id) whose deployed form this reads back, if any. */
  readonly claim?: string;
  readonly check: (stack: DeployedStack) => Promise<void>;
}

/**
 * What an entry's README says to do before deleting it, when a plain destroy is refused by design
 * (deletion protection): the parameters of the deploy that comes first. A read-back module exports it
 * as `teardown`; the suite deploys with them, then destroys.
 */
export interface Teardown {
  readonly parameters: Readonly<Record<string, string>>;
  /** Where the entry says so: its README's words. */
  readonly why: string;
}

/** A read-back check; `check` asserts with vitest's expect. */
export function readBack(what: string, check: ReadBack['check'], claim?: string): ReadBack {
  return claim === undefined ? { what, check } : { what, claim, check };
}
