// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated custom domain names such as www.example.com; empty serves the site on its cloudfront.net domain only. Needs certificateArn. Default: "". */
  readonly domainNames: string;
  /** ARN of an issued ACM certificate in us-east-1 that covers every name in domainNames; empty uses the CloudFront default certificate. Default: "". */
  readonly certificateArn: string;
  /** CloudFront security policy for viewers of the custom domain names; ignored without a custom domain. Default: "TLSv1.2_2021". */
  readonly minimumTlsVersion: "TLSv1.2_2021" | "TLSv1.2_2025" | "TLSv1.3_2025";
  /** directory-index serves /path/ from /path/index.html and missing paths with notFoundPagePath and status 404; spa answers every missing path with the defaultRootObject and status 200. Default: "directory-index". */
  readonly routingMode: "directory-index" | "spa";
  /** Object served for the root URL, and in spa mode for every path that does not exist. Default: "index.html". */
  readonly defaultRootObject: string;
  /** Page returned with status 404 for a missing path in directory-index mode; most static site generators write 404.html. Default: "/404.html". */
  readonly notFoundPagePath: string;
  /** custom sends this stack's headers (HSTS, nosniff, frame DENY, referrer policy, optional CSP) and needs the Business tier of a CloudFront flat-rate plan; managed attaches AWS's SecurityHeadersPolicy (frame SAMEORIGIN, no CSP), which every tier allows. Default: "custom". */
  readonly securityHeaders: "custom" | "managed";
  /** Value of the Content-Security-Policy header added to every response, such as default-src 'self'; empty sends none. Needs securityHeaders custom. Default: "". */
  readonly contentSecurityPolicy: string;
  /** Edge locations that serve the site; PriceClass_100 is North America, Europe and Israel, PriceClass_200 adds most of Asia, the Middle East and Africa, PriceClass_All is every location. Default: "PriceClass_100". */
  readonly priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /** ARN of an AWS WAF web ACL with CLOUDFRONT scope (created in us-east-1) to attach to the distribution; empty attaches none. Default: "". */
  readonly webAclArn: string;
  /** Days that a replaced or deleted object version is kept for rollback before S3 expires it. Default: 30. */
  readonly noncurrentVersionDays: number;
  /** Days that CloudFront and S3 access logs are kept in the log bucket. Default: 90. */
  readonly logRetentionDays: number;
  /** Keep both buckets and their content when the stack is deleted; false deletes them, which CloudFormation can do only once they are empty. Default: true. */
  readonly retainBuckets: boolean;
}
