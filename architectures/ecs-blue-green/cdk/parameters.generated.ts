// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR block of the VPC; the public subnets take a small block per zone and the private subnets share the rest. Default: "10.20.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones; each gets a public and a private subnet, and tasks are spread over them. Default: 2. */
  readonly azCount: number;
  /** NAT gateways for task egress; one per zone (equal to azCount) survives a zone outage, 1 saves cost but makes egress depend on one zone. Default: 2. */
  readonly natGateways: number;
  /** Image reference of the application container; a private Amazon ECR image in this account also gets pull permissions. Default: "public.ecr.aws/nginx/nginx:stable-alpine". */
  readonly containerImage: string;
  /** TCP port the container listens on for HTTP; only the load balancer may reach it. Default: 80. */
  readonly containerPort: number;
  /** HTTP path the load balancer probes; it must return 200 only when the task can serve. Default: "/". */
  readonly healthCheckPath: string;
  /** Task CPU units and memory in MiB as cpu/memory; only combinations that Fargate accepts are listed (1024 units are 1 vCPU). Default: "512/1024". */
  readonly taskSize: "256/512" | "256/1024" | "256/2048" | "512/1024" | "512/2048" | "512/4096" | "1024/2048" | "1024/4096" | "1024/8192" | "2048/4096" | "2048/8192" | "2048/16384" | "4096/8192" | "4096/16384" | "4096/30720";
  /** CPU architecture of the tasks; arm64 runs on Graviton for about 20 percent less, and the image must be built for it. Default: "x86_64". */
  readonly cpuArchitecture: "x86_64" | "arm64";
  /** Minimum number of tasks; 2 or more keeps the service up when a task or a zone is lost. Default: 2. */
  readonly minTasks: number;
  /** Maximum number of tasks that autoscaling may run. Default: 10. */
  readonly maxTasks: number;
  /** Average CPU utilisation of the service that target tracking aims for. Default: 60. */
  readonly cpuTargetPercent: number;
  /** Minutes ECS keeps the old revision running after production traffic moved, watching the deployment alarms; a rollback in this time is instant. Default: 10. */
  readonly bakeTimeMinutes: number;
  /** Port of the test listener, through which the new revision answers before production traffic moves; open only to the NAT gateways' addresses. Default: 8080. */
  readonly testListenerPort: number;
  /** ACM certificate ARN for an HTTPS listener on 443; when set, port 80 redirects to 443. Empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** DNS name clients use, pointed at LoadBalancerDnsName outside the stack; required with certificateArn, which must cover it. The URL outputs use it. Default: "". */
  readonly domainName: string;
  /** IPv4 CIDR allowed to reach the load balancer listeners. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** Allow ECS Exec shells into running tasks, with every session logged to its own log group. Default: false. */
  readonly enableExecuteCommand: boolean;
  /** Container Insights level of the cluster; enhanced adds per-task and per-container metrics at a higher metric cost. Default: "enabled". */
  readonly containerInsights: "enabled" | "enhanced";
  /** Retention of the application, exec and flow log groups in CloudWatch Logs, and of the access logs in S3. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
