import type { CfnTemplate } from '../synth/template.ts';
import type { ToolkitFailure } from './toolkit.ts';

/**
 * Resources a deploy error most likely refers to, when CloudFormation gave no
 * per-resource event (an API error raised while creating the stack, as the
 * local emulator does). Values quoted in the message are looked up in resource
 * properties; failing that, the AWS error code, such as `InvalidSubnet.Range`,
 * points at resources of type `…::Subnet`.
 */
export function suspectResources(
  template: CfnTemplate,
  failure: Pick<ToolkitFailure, 'message' | 'awsCode'>,
): { logicalId: string; type: string }[] {
  const resources = Object.entries(template.Resources ?? {});
  // The value at fault is named only in the message's text (e.g. The CIDR '192.168.0.0/24' is invalid).
  const quoted = [...failure.message.matchAll(/['"`]([^'"`]{4,})['"`]/gu)].map((m) => m[1] as string);
  const byValue = resources.filter(([, r]) => {
    const props = JSON.stringify(r.Properties ?? {});
    return quoted.some((q) => props.includes(JSON.stringify(q)));
  });
  if (byValue.length > 0) return byValue.map(([logicalId, r]) => ({ logicalId, type: r.Type }));
  const code = /^(?:Invalid|Malformed)?([A-Z][A-Za-z]+)\.[A-Z][A-Za-z]+$/u.exec(failure.awsCode ?? '')?.[1];
  if (!code) return [];
  return resources
    .filter(([, r]) => r.Type.split('::').at(-1) === code)
    .map(([logicalId, r]) => ({ logicalId, type: r.Type }));
}
