// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Number of Availability Zones of every client VPC; each gets a workload subnet. Default: 2. */
  readonly azCount: number;
  /** Client VPCs as name=cidr pairs, comma-separated; each is associated with the service network and gets a role for its workloads. CIDRs may overlap. Default: "web=10.10.0.0/16,reports=10.20.0.0/16". */
  readonly clientVpcs: string;
  /** Names from clientVpcs whose role may call the service; the others are associated but refused by the service auth policy. Default: "web". */
  readonly allowedClients: string;
  /** HTTP methods the allowed clients may use on the service. Default: "GET,POST". */
  readonly allowedMethods: string;
  /** Name of the internal service in VPC Lattice, part of its domain name; lowercase words joined by single hyphens, at most 40 characters. Default: "orders". */
  readonly serviceName: string;
  /** Retention of the access, function and flow log groups in CloudWatch Logs. Default: 90. */
  readonly logRetentionDays: 30 | 90 | 180 | 365;
}
