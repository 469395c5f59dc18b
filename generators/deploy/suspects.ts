import type { CfnTemplate } from '../cdk/template.ts';

/**
 * Resources a deploy error most likely refers to, when CloudFormation gave no
 * per-resource event (an API error raised while creating the stack, as the
 * local emulator does). Values quoted in the message are looked up in resource
 * properties; failing that, an error code such as `InvalidSubnet.Range` points
 * at resources of type `…::Subnet`.
 */
export function suspectResources(template: CfnTemplate, message: string): { logicalId: string; type: string }[] {
  const resources = Object.entries(template.Resources ?? {});
  const quoted = [...message.matchAll(/['"`]([^'"`]{4,})['"`]/gu)].map((m) => m[1] as string);
  const byValue = resources.filter(([, r]) => {
    const props = JSON.stringify(r.Properties ?? {});
    return quoted.some((q) => props.includes(JSON.stringify(q)));
  });
  if (byValue.length > 0) return byValue.map(([logicalId, r]) => ({ logicalId, type: r.Type }));
  const code = /\b(?:Invalid|Malformed)?([A-Z][A-Za-z]+)\.[A-Z][A-Za-z]+\b/u.exec(message)?.[1];
  if (!code) return [];
  return resources
    .filter(([, r]) => r.Type.split('::').at(-1) === code)
    .map(([logicalId, r]) => ({ logicalId, type: r.Type }));
}
