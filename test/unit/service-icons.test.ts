import { describe, expect, it } from 'vitest';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };
import { sanitizeDiagramSvg } from '../../lib/render/diagram-svg.ts';
import { iconData, SERVICE_ICONS, serviceIconPack, servicesWithIcons } from '../../lib/render/service-icons.ts';

describe('the service icons', () => {
  it('has a row for every service of the schema, and an icon for all but the few that say why not', () => {
    const services = (schema.definitions as Record<string, { enum?: string[] }>)['service']?.enum ?? [];
    expect(services.length).toBeGreaterThan(50);
    expect(Object.keys(SERVICE_ICONS).sort()).toEqual([...services].sort());
    expect(services.filter((s) => SERVICE_ICONS[s as keyof typeof SERVICE_ICONS] === null)).toEqual(['vpc']);
  });

  it('reads every icon from the package, and each survives the diagram sanitizer whole', () => {
    const pack = serviceIconPack();
    expect(Object.keys(pack.icons).sort()).toEqual(servicesWithIcons().sort());
    for (const [service, icon] of Object.entries(pack.icons)) {
      expect(icon.width, service).toBeGreaterThan(0);
      expect(icon.body, service).not.toMatch(/<title|href|<image|<script/u);
      // As mermaid draws it inside a diagram: a nested <svg> with the icon's body.
      const drawn = `<svg viewBox="0 0 1 1"><svg width="48" height="48" viewBox="0 0 ${String(icon.width)} ${String(icon.height)}">${icon.body}</svg></svg>`;
      expect(sanitizeDiagramSvg(drawn).removed, service).toBe(false);
    }
  });

  it('keeps what the icon’s <svg> says for its whole body on a group, and drops its title', () => {
    const icon = iconData(
      '<svg xmlns="http://www.w3.org/2000/svg" fill="none" viewBox="0 0 48 48"><title>Res_Logs_48</title><path d="M0 0h4v4z"/></svg>',
    );
    expect(icon).toEqual({ body: '<g fill="none"><path d="M0 0h4v4z"></path></g>', width: 48, height: 48 });
    expect(() => iconData('<svg><path d="M0 0"/></svg>')).toThrow(/no viewBox/u);
  });
});
