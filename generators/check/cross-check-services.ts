import type { Service } from '../../schema/architecture.ts';
import { labelOf } from '../../lib/vocabulary.ts';
import type { CfnTemplate } from '../cdk/template.ts';
import type { Finding } from '../cdk/validation-report.ts';
import { servicesShownBy } from './service-evidence.ts';

/**
 * Compares the services an entry declares with the resources in its template,
 * both ways: a resource of a service the entry does not list, and a listed
 * service with no resource, are errors, because search and facets trust `services`.
 */
export function crossCheckServices(declared: readonly Service[], template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<Service>();
  const undeclared = new Map<string, { services: Service[]; ids: string[] }>();
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    const shows = servicesShownBy(r);
    for (const s of shows) seen.add(s);
    if (shows.length === 0) {
      findings.push({
        source: 'services',
        rule: 'unmapped-type',
        severity: 'warning',
        message: `${r.Type} is not mapped to any service id; add it to generators/check/service-evidence.ts`,
        where: logicalId,
      });
    } else if (!shows.some((s) => declared.includes(s))) {
      const group = undeclared.get(r.Type) ?? { services: shows, ids: [] };
      group.ids.push(logicalId);
      undeclared.set(r.Type, group);
    }
  }
  for (const [type, { services, ids }] of undeclared) {
    const names = services.map((s) => `${s} (${labelOf('service', s)})`).join(' or ');
    findings.push({
      source: 'services',
      rule: 'service-not-declared',
      severity: 'error',
      message: `the template has ${ids.length} ${type} resource${ids.length === 1 ? '' : 's'}, but services does not list ${names}; add it to services in architecture.yaml`,
      where: ids.join(', '),
    });
  }
  for (const s of declared) {
    if (seen.has(s)) continue;
    findings.push({
      source: 'services',
      rule: 'service-not-in-template',
      severity: 'error',
      message: `services lists ${s} (${labelOf('service', s)}), but the template has no ${labelOf('service', s)} resources; remove it from services or add them to the stack`,
      where: 'architecture.yaml',
    });
  }
  return findings;
}
