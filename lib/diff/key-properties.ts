/**
 * The few properties per resource type that change how a design behaves when something fails, what it
 * costs, or how much it can carry: the size and storage of compute (instance types, volumes, memory),
 * how it is judged healthy and replaced (health checks, grace, lifetimes, lifecycle hooks), and how data
 * is kept (DB classes, multi-AZ, billing mode, point-in-time recovery). Everything else in a template is
 * left to its download; a type not listed here is compared by count only.
 */

/** A resource's Properties, as CloudFormation JSON. */
export type Props = Readonly<Record<string, unknown>>;

/** How a property's value reads when it is not a literal: intrinsic functions name what they point at. */
export interface ValueContext {
  /** The template's own parameters, so `Ref` to one reads as that parameter rather than as a resource. */
  readonly parameters: ReadonlySet<string>;
}

/** One key property: its label and its values on a resource (a list for lists such as volumes). */
export interface KeyProperty {
  readonly label: string;
  readonly values: (p: Props, ctx: ValueContext) => string[];
}

/** The key properties of each resource type, in the order a reader weighs them. */
export const KEY_PROPERTIES: Readonly<Record<string, readonly KeyProperty[]>> = {
  'AWS::EC2::Instance': [
    { label: 'instance type', values: (p, c) => [show(p['InstanceType'], c)] },
    { label: 'volumes', values: (p, c) => volumes(p['BlockDeviceMappings'], c) },
  ],
  'AWS::EC2::LaunchTemplate': [
    { label: 'instance type', values: (p, c) => [show(at(p, 'LaunchTemplateData', 'InstanceType'), c)] },
    { label: 'volumes', values: (p, c) => volumes(at(p, 'LaunchTemplateData', 'BlockDeviceMappings'), c) },
    {
      label: 'instance metadata tokens',
      values: (p, c) => [show(at(p, 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens') ?? 'optional', c)],
    },
  ],
  'AWS::EC2::Volume': [{ label: 'volume', values: (p, c) => [volume(p, p['Size'], c, 'snapshot size')] }],
  'AWS::AutoScaling::AutoScalingGroup': [
    {
      label: 'health check',
      values: (p, c) => [
        `${show(p['HealthCheckType'] ?? 'EC2', c)}, grace ${show(p['HealthCheckGracePeriod'] ?? 0, c)} s`,
      ],
    },
    { label: 'size', values: (p, c) => [`${show(p['MinSize'], c)} to ${show(p['MaxSize'], c)}`] },
    {
      label: 'max instance lifetime',
      values: (p, c) => [p['MaxInstanceLifetime'] === undefined ? 'none' : seconds(p['MaxInstanceLifetime'], c)],
    },
    {
      label: 'lifecycle hooks',
      values: (p, c) =>
        list(p['LifecycleHookSpecificationList']).map(
          (h) =>
            `${show(h['LifecycleTransition'], c)}, ${show(h['DefaultResult'] ?? 'ABANDON', c)} after ${show(h['HeartbeatTimeout'] ?? 3600, c)} s`,
        ),
    },
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    {
      label: 'type',
      values: (p, c) => [`${show(p['Type'] ?? 'application', c)}, ${show(p['Scheme'] ?? 'internet-facing', c)}`],
    },
    { label: 'attributes', values: (p, c) => attributes(p['LoadBalancerAttributes'], c) },
  ],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [
    {
      label: 'health check',
      values: (p, c) => [
        [
          show(p['HealthCheckProtocol'] ?? p['Protocol'] ?? 'HTTP', c),
          p['HealthCheckPath'] === undefined ? undefined : show(p['HealthCheckPath'], c),
          p['HealthCheckIntervalSeconds'] === undefined
            ? undefined
            : `every ${show(p['HealthCheckIntervalSeconds'], c)} s`,
          p['UnhealthyThresholdCount'] === undefined ? undefined : `out after ${show(p['UnhealthyThresholdCount'], c)}`,
        ]
          .filter((s) => s !== undefined)
          .join(' '),
      ],
    },
    { label: 'attributes', values: (p, c) => attributes(p['TargetGroupAttributes'], c) },
  ],
  'AWS::RDS::DBInstance': [
    { label: 'instance class', values: (p, c) => [show(p['DBInstanceClass'], c)] },
    { label: 'engine', values: (p, c) => [engine(p, c)] },
    { label: 'multi-AZ', values: (p, c) => [show(p['MultiAZ'] ?? false, c)] },
    {
      label: 'storage',
      values: (p, c) => [`${show(p['StorageType'] ?? 'default type', c)}, ${show(p['AllocatedStorage'], c)} GiB`],
    },
  ],
  'AWS::RDS::DBCluster': [
    { label: 'engine', values: (p, c) => [engine(p, c)] },
    {
      label: 'serverless v2 capacity',
      values: (p, c) => {
        const s = at(p, 'ServerlessV2ScalingConfiguration');
        return [s === undefined ? 'none' : `${show(at(s, 'MinCapacity'), c)} to ${show(at(s, 'MaxCapacity'), c)} ACU`];
      },
    },
  ],
  'AWS::Lambda::Function': [
    { label: 'runtime', values: (p, c) => [show(p['Runtime'] ?? 'container image', c)] },
    { label: 'memory', values: (p, c) => [`${show(p['MemorySize'] ?? 128, c)} MB`] },
    {
      label: 'architecture',
      values: (p, c) => [
        list(p['Architectures'])
          .map((a) => show(a, c))
          .join(', ') || 'x86_64',
      ],
    },
    { label: 'timeout', values: (p, c) => [`${show(p['Timeout'] ?? 3, c)} s`] },
  ],
  'AWS::DynamoDB::Table': [
    { label: 'billing mode', values: (p, c) => [show(p['BillingMode'] ?? 'PROVISIONED', c)] },
    {
      label: 'point-in-time recovery',
      values: (p, c) => [show(at(p, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled') ?? false, c)],
    },
  ],
  'AWS::ECS::TaskDefinition': [
    { label: 'task size', values: (p, c) => [`${show(p['Cpu'], c)} CPU units, ${show(p['Memory'], c)} MiB`] },
  ],
  'AWS::ECS::Service': [
    { label: 'launch type', values: (p, c) => [show(p['LaunchType'] ?? 'capacity provider strategy', c)] },
    { label: 'desired count', values: (p, c) => [show(p['DesiredCount'] ?? 1, c)] },
    {
      label: 'deployment circuit breaker',
      values: (p, c) => [show(at(p, 'DeploymentConfiguration', 'DeploymentCircuitBreaker', 'Enable') ?? false, c)],
    },
  ],
};

/** A value as a reader compares it: a literal as is, an intrinsic function by what it names, never a logical id. */
export function show(value: unknown, ctx: ValueContext): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const [fn, arg] = Object.entries(value)[0] ?? [];
  // Logical ids differ between entries, so a reference reads as what it is, not which resource it names.
  if (fn === 'Ref' && typeof arg === 'string') {
    if (ctx.parameters.has(arg)) return `parameter ${arg}`;
    return arg.startsWith('AWS::') ? arg : 'a resource';
  }
  if (fn === 'Fn::GetAtt' && Array.isArray(arg)) return `a resource's ${String(arg[1])}`;
  return Array.isArray(value) ? value.map((v) => show(v, ctx)).join(', ') : 'computed';
}

function at(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function list(value: unknown): Props[] {
  return Array.isArray(value) ? value.filter((v): v is Props => typeof v === 'object' && v !== null) : [];
}

/** Block device mappings, one value each: the device, then its EBS volume, instance store, or suppression. */
function volumes(mappings: unknown, c: ValueContext): string[] {
  return list(mappings).map((m) => {
    const device = show(m['DeviceName'], c);
    if (m['VirtualName'] !== undefined) return `${device} instance store ${show(m['VirtualName'], c)}`;
    if (m['NoDevice'] !== undefined) return `${device} suppressed`;
    const ebs = (at(m, 'Ebs') ?? {}) as Props;
    return `${device} ${volume(ebs, ebs['VolumeSize'], c, 'image size')}`;
  });
}

/** A volume's type, size (or where its size comes from when unset), IOPS and encryption. */
function volume(p: Props, size: unknown, c: ValueContext, unsized: string): string {
  return [
    show(p['VolumeType'] ?? 'default type', c),
    size === undefined ? unsized : `${show(size, c)} GiB`,
    p['Iops'] === undefined ? undefined : `${show(p['Iops'], c)} IOPS`,
    p['Encrypted'] === true ? 'encrypted' : undefined,
  ]
    .filter((s) => s !== undefined)
    .join(', ');
}

/** Seconds, with the whole days they make when they do: 2592000 s reads as 30 days. */
function seconds(value: unknown, c: ValueContext): string {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n % 86400 === 0 ? `${n / 86400} days (${n} s)` : `${show(value, c)} s`;
}

function attributes(value: unknown, c: ValueContext): string[] {
  return list(value).map((a) => `${show(a['Key'], c)}=${show(a['Value'], c)}`);
}

function engine(p: Props, c: ValueContext): string {
  return p['EngineVersion'] === undefined
    ? show(p['Engine'], c)
    : `${show(p['Engine'], c)} ${show(p['EngineVersion'], c)}`;
}
