// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR block of the VPC; each zone takes one quarter of it and the last quarter is kept free. Default: "10.20.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones; every zone gets one subnet in each. Default: 2. */
  readonly azCount: number;
  /** Prefix length of each subnet; azCount subnets of this size must fit in a quarter of the VPC. Default: 24. */
  readonly subnetCidrMask: number;
  /** One NAT gateway in the DMZ of each Availability Zone; false uses a single NAT gateway to save cost outside production. Default: true. */
  readonly natGatewayPerAz: boolean;
  /** TCP port on which the DMZ may open connections to the application zone. Default: 8080. */
  readonly appPort: number;
  /** Comma-separated TCP ports, at most 14, on which the application zone may open connections to the data zone. Default: "5432,3306,6379". */
  readonly dataPorts: string;
  /** IPv4 CIDR allowed to reach the DMZ load balancer; use the corporate range for internal applications. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** ACM certificate ARN for an HTTPS listener on the DMZ load balancer; empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** Interface endpoints in the data zone. none; minimal is ssm, ssmmessages, ec2messages and logs; standard adds monitoring, kms, secretsmanager and sts. Default: "minimal". */
  readonly interfaceEndpoints: "none" | "minimal" | "standard";
  /** Limit the S3 gateway endpoint policy to buckets owned by this account, so the data zone cannot copy data to foreign buckets. Default: true. */
  readonly restrictS3EndpointToAccount: boolean;
  /** Which flows the VPC flow log records. Default: "ALL". */
  readonly flowLogTrafficType: "ALL" | "ACCEPT" | "REJECT";
  /** Maximum aggregation interval of flow log records in seconds. Default: 600. */
  readonly flowLogAggregationSeconds: 60 | 600;
  /** Retention of the flow log group in CloudWatch Logs. Default: 365. */
  readonly flowLogRetentionDays: 30 | 90 | 180 | 365 | 731 | 1827;
}
