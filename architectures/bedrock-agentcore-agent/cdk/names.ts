import { createHash } from 'node:crypto';

/**
 * A name AgentCore accepts for a runtime or memory (^[a-zA-Z][a-zA-Z0-9_]{0,47}$) built from the stack name and a
 * suffix: other characters become underscores, and a hash of the stack name keeps long names unique.
 */
export function agentCoreName(stackName: string, suffix: string): string {
  const base = `${stackName}_${suffix}`.replace(/[^A-Za-z0-9_]/gu, '_');
  const start = /^[A-Za-z]/u.test(base) ? base : `a${base}`;
  if (start.length <= 48) return start;
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, 8);
  return `${start.slice(0, 48 - suffix.length - 10)}_${hash}_${suffix}`;
}

/** A gateway or target name (^([0-9a-zA-Z][-]?){1,100}$, at most `max` characters): no underscores or double hyphens. */
export function gatewayName(stackName: string, suffix: string, max: number): string {
  const base = `${stackName}-${suffix}`.replace(/[^A-Za-z0-9-]/gu, '-').replace(/-{2,}/gu, '-').replace(/^-|-$/gu, '');
  if (base.length <= max) return base;
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, 8);
  return `${base.slice(0, max - suffix.length - 10).replace(/-$/u, '')}-${hash}-${suffix}`;
}
