// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Display name of the Service Catalog portfolio that engineers see. Default: "Engineering environments". */
  readonly portfolioName: string;
  /** Provider of the portfolio and owner of its products, shown to engineers. Default: "Platform team". */
  readonly providerName: string;
  /** Comma-separated IAM role, user or group ARNs that see the portfolio. An ARN with an account id names one principal and takes no wildcards; an ARN without one may hold * and ? (arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*\/AWSReservedSSO_Engineers_*) and matches IAM Identity Center roles; at most 10 such patterns. Default: "". */
  readonly engineerPrincipalArns: string;
  /** Which provisioned products an engineer may see, update and terminate; user is only their own, role also those launched through the same role, account all of them. Default: "role". */
  readonly engineerAccessLevel: "user" | "role" | "account";
  /** Comma-separated entry/version/variant items, one product version each, whose templates are uploaded to the template bucket, e.g. instance-tag-dns/1.0.0/default. Default: "". */
  readonly products: string;
  /** Comma-separated IAM service prefixes the launch role may fully use, only through CloudFormation, enough for the products' templates; IAM itself is limited to product roles under the boundary, and iam, sts, organizations, servicecatalog and cloudformation are refused. Adding ssm lets a launch read any String parameter of the account (see the README). Default: "ec2,elasticloadbalancing,autoscaling,lambda,events,dynamodb,sqs,sns,route53,kms,logs,cloudwatch,s3". */
  readonly launchRoleServices: string;
  /** Comma-separated AWS managed policies, by name with path, that product roles may attach; policies a product creates itself can always be attached, and every product role carries the boundary whatever it attaches. Default: "AmazonSSMManagedInstanceCore,service-role/AmazonAPIGatewayPushToCloudWatchLogs,service-role/AmazonRDSEnhancedMonitoringRole,service-role/AWSBackupServiceRolePolicyForBackup". */
  readonly attachablePolicies: string;
  /** Comma-separated values engineers choose from for the oar:env tag at launch, the tag that oar deploy also sets and cost reports group by. Default: "dev,staging,prod". */
  readonly environments: string;
  /** Comma-separated values engineers choose from for the team tag; empty leaves the tag out. Default: "platform". */
  readonly teams: string;
  /** Comma-separated values engineers choose from for the cost-centre tag; empty leaves the tag out. Default: "". */
  readonly costCentres: string;
  /** Comma-separated values engineers choose from for the expires-after tag, which the expiry runbook in the README reads to find environments to terminate; empty leaves the tag out. Default: "7d,30d,90d,never". */
  readonly lifetimes: string;
  /** Let engineers change the tags of a provisioned product after launch; false keeps cost allocation as chosen at launch. Default: false. */
  readonly allowTagUpdates: boolean;
  /** Email address subscribed to the provisioning events topic (it must confirm); empty creates the topic without subscribers. Default: "". */
  readonly notificationEmail: string;
  /** Keep the template bucket when the stack is deleted. Default: true. */
  readonly retainTemplates: boolean;
  /** Days between an environment's expiry, when the reaper announces it on the events topic, and its termination. Default: 2. */
  readonly reaperGraceDays: number;
  /** IANA time zone of the reaper and office-hours schedules, such as Europe/Berlin. Default: "UTC". */
  readonly scheduleTimezone: string;
  /** Hour, Monday to Friday, at which office-hours instances are started. Default: 7. */
  readonly officeHoursStart: number;
  /** Hour, Monday to Friday, at which office-hours instances are stopped. Default: 19. */
  readonly officeHoursEnd: number;
  /** Monthly cost of the account, in USD, that the budget warns about at 80 percent forecast and 100 percent actual. Default: 1000. */
  readonly monthlyBudgetUsd: number;
  /** A budget action that, once actual cost passes the budget, attaches a policy denying new and changed environments to the engineer roles in engineerPrincipalArns (full role ARNs only); MANUAL waits for someone to approve it in the Budgets console, AUTOMATIC applies it at once; off creates none. Default: "off". */
  readonly budgetAction: "off" | "MANUAL" | "AUTOMATIC";
  /** Retention of the reaper's and the instance scheduler's log groups. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
