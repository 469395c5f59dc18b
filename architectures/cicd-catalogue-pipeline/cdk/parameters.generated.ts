// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Id of the catalogue entry the pipeline deploys (a folder under architectures/ in the source). Default: "private-admin-ssm". */
  readonly entryId: string;
  /** Comma-separated oar environment names, deployed in this order; each becomes the stack named oar-ENTRY--ENV. Default: "staging,prod". */
  readonly environments: string;
  /** Comma-separated environments (from environments) whose deploy waits for a manual approval; empty deploys all without one. Default: "prod". */
  readonly approvalEnvironments: string;
  /** ARN of an Available CodeConnections (or CodeStar Connections) connection to GitHub; empty uses a zip in an S3 source bucket instead. Default: "". */
  readonly connectionArn: string;
  /** GitHub repository (owner/name) of your catalogue fork; used only with a connectionArn. Default: "oar-maintainers/open-architecture-registry". */
  readonly repository: string;
  /** Branch whose pushes start the pipeline; used only with a connectionArn. Default: "main". */
  readonly branch: string;
  /** Container image of both CodeBuild projects; it needs Node.js 24, npm and git. Pin a digest (…@sha256:…) for reproducible builds. Default: "public.ecr.aws/docker/library/node:24-bookworm". */
  readonly buildImage: string;
  /** CodeBuild compute type of both projects (SMALL is 2 vCPU and 3 GB, MEDIUM 4 vCPU and 7 GB, LARGE 8 vCPU and 15 GB). Default: "SMALL". */
  readonly computeType: "SMALL" | "MEDIUM" | "LARGE";
  /** Minutes after which a check or deploy build is stopped; a long CloudFormation deploy needs room. Default: 60. */
  readonly buildTimeoutMinutes: number;
  /** Retention of the two build log groups in CloudWatch Logs. Default: 90. */
  readonly logRetentionDays: 30 | 90 | 180 | 365 | 731;
  /** Days pipeline artifacts, build caches and old source zips are kept. Default: 30. */
  readonly artifactRetentionDays: number;
  /** Email address subscribed to the alert topic (the recipient must confirm); empty creates the topic without a subscription. Default: "". */
  readonly alertEmail: string;
  /** Qualifier of the CDK bootstrap stack whose roles the deploy project assumes; hnb659fds is the CDK default. Default: "hnb659fds". */
  readonly cdkQualifier: string;
  /** Keep the key, the buckets and the build log groups when the stack is deleted; false deletes them (buckets only if empty). Default: true. */
  readonly retainOnDelete: boolean;
}
