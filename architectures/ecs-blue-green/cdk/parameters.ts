import * as logs from 'aws-cdk-lib/aws-logs';
import type { Parameters } from './stack.ts';

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
export function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention period`);
  return match;
}

/** A private Amazon ECR image reference: account, Region and repository, or undefined for any other registry. */
export function privateEcrRepository(
  image: string,
): { account: string; region: string; repository: string } | undefined {
  const match =
    /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+?)(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})?$/u.exec(
      image,
    );
  if (!match) return undefined;
  const [, account = '', region = '', repository = ''] = match;
  return { account, region, repository };
}

/** GiB steps from `from` to `to`, in MiB. */
const gib = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => (from + i) * 1024);

/** Memory values in MiB that Fargate accepts for each task CPU value up to 4 vCPU (Linux). */
const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: gib(1, 4),
  1024: gib(2, 8),
  2048: gib(4, 16),
  4096: gib(8, 30),
};

/** True when Fargate runs a Linux task with this CPU and memory. */
export function isFargateTaskSize(cpu: number, memoryMiB: number): boolean {
  return FARGATE_MEMORY[cpu]?.includes(memoryMiB) ?? false;
}

/** Throws on parameter combinations that the schema cannot express, naming the fix. */
export function checkParameters(p: Parameters): { cpu: number; memoryMiB: number } {
  const problems: string[] = [];
  if (p.minTasks > p.maxTasks)
    problems.push(`minTasks ${p.minTasks} is greater than maxTasks ${p.maxTasks}; raise maxTasks`);
  if (p.certificateArn !== '' && p.domainName === '') {
    problems.push("certificateArn needs domainName: the certificate cannot cover the load balancer's own DNS name");
  }
  if ([80, 443, p.containerPort].includes(p.testListenerPort) && p.testListenerPort !== p.containerPort) {
    problems.push(`testListenerPort ${p.testListenerPort} is a production listener port; choose another`);
  }
  if (p.natGateways > p.azCount) {
    problems.push(
      `natGateways ${p.natGateways} is more than azCount ${p.azCount}; use at most one NAT gateway per zone`,
    );
  }
  const [cpu = NaN, memoryMiB = NaN] = p.taskSize.split('/').map(Number);
  if (!isFargateTaskSize(cpu, memoryMiB)) {
    problems.push(
      `taskSize ${p.taskSize} is not a Fargate CPU/memory combination; use one that architecture.yaml lists`,
    );
  }
  if (problems.length > 0) throw new Error(`ecs-blue-green: ${problems.join('; ')}`);
  return { cpu, memoryMiB };
}
