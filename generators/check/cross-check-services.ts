import type { Service } from '../../schema/architecture.ts';
import { labelOf } from '../../lib/vocabulary.ts';
import { diag, type Diagnostic } from '../../lib/diagnostics.ts';
import { resourceSite, type EntrySites } from '../synth/construct-sites.ts';
import type { CfnTemplate } from '../synth/template.ts';
import { servicesShownBy } from './service-evidence.ts';

/**
 * Compares the services an entry declares with the resources in its template,
 * both ways (OAR328): a resource of a service the entry does not list, and a listed
 * service with no resource, are errors, because search and facets trust `services`.
 */
export function crossCheckServices(
  declared: readonly Service[],
  template: CfnTemplate,
  where: EntrySites,
): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const servicesField = { path: '/services' };
  const seen = new Set<Service>();
  const undeclared = new Map<string, { services: Service[]; ids: string[] }>();
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    const shows = servicesShownBy(r);
    for (const s of shows) seen.add(s);
    if (shows.length === 0) {
      const site = resourceSite(where, logicalId);
      findings.push(
        diag(
          'OAR328',
          site.file,
          `${r.Type} (${site.path ?? logicalId}) is not mapped to any service id; add it to generators/check/service-evidence.ts`,
          { ...site, severity: 'warning' },
        ),
      );
    } else if (!shows.some((s) => declared.includes(s))) {
      const group = undeclared.get(r.Type) ?? { services: shows, ids: [] };
      group.ids.push(logicalId);
      undeclared.set(r.Type, group);
    }
  }
  for (const [type, { services, ids }] of undeclared) {
    const names = services.map((s) => `${s} (${labelOf('service', s)})`).join(' or ');
    findings.push(
      diag(
        'OAR328',
        where.metadataFile,
        `the template has ${ids.length} ${type} resource${ids.length === 1 ? '' : 's'} (${ids.join(', ')}), but services does not list ${names}; add it to services in architecture.yaml`,
        servicesField,
      ),
    );
  }
  for (const s of declared) {
    if (seen.has(s)) continue;
    findings.push(
      diag(
        'OAR328',
        where.metadataFile,
        `services lists ${s} (${labelOf('service', s)}), but the template has no ${labelOf('service', s)} resources; remove it from services or add them to the stack`,
        servicesField,
      ),
    );
  }
  return findings;
}
