// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Display name of the Service Catalog portfolio that engineers see. Default: "Engineering environments". */
  readonly portfolioName: string;
  /** Provider of the portfolio and owner of its products, shown to engineers. Default: "Platform team". */
  readonly providerName: string;
  /** Comma-separated IAM role, user or group ARNs that see the portfolio; an ARN without an account id and with wildcards (arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*\/AWSReservedSSO_Engineers_*) matches IAM Identity Center roles. Default: "". */
  readonly engineerPrincipalArns: string;
  /** Which provisioned products an engineer may see, update and terminate; user is only their own, role also those launched through the same role, account all of them. Default: "role". */
  readonly engineerAccessLevel: "user" | "role" | "account";
  /** Comma-separated entry/version/variant items, one product version each, whose templates are uploaded to the template bucket, e.g. instance-tag-dns/1.0.0/default. Default: "". */
  readonly products: string;
  /** Comma-separated IAM service prefixes the launch role may fully use, enough for the products' templates; IAM itself is limited to product roles, and iam, sts, organizations, servicecatalog and cloudformation are refused. Default: "ec2,elasticloadbalancing,autoscaling,lambda,events,dynamodb,sqs,sns,route53,ssm,kms,logs,cloudwatch,s3". */
  readonly launchRoleServices: string;
  /** Comma-separated values engineers choose from for the oar:env tag at launch, the tag that oar deploy also sets and cost reports group by. Default: "dev,staging,prod". */
  readonly environments: string;
  /** Comma-separated values engineers choose from for the team tag; empty leaves the tag out. Default: "platform". */
  readonly teams: string;
  /** Comma-separated values engineers choose from for the cost-centre tag; empty leaves the tag out. Default: "". */
  readonly costCentres: string;
  /** Let engineers change the tags of a provisioned product after launch; false keeps cost allocation as chosen at launch. Default: false. */
  readonly allowTagUpdates: boolean;
  /** Email address subscribed to the provisioning events topic (it must confirm); empty creates the topic without subscribers. Default: "". */
  readonly notificationEmail: string;
  /** Keep the template bucket when the stack is deleted. Default: true. */
  readonly retainTemplates: boolean;
}
