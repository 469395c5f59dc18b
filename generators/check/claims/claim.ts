/**
 * The claims harness an entry's `cdk/claims.ts` is written with. Each claim is a
 * named check of a property the entry's YAML promises: a failure mode's mitigation,
 * a fork's change, a compliance constraint. `oar check` runs them in a synth worker
 * against every variant's template, so a promise the code stops keeping fails with
 * its YAML line.
 *
 *     export default [
 *       claim('zonal-shift-enabled', 'The load balancer takes part in zonal shift', (t) => {
 *         const [lb] = t.resources('AWS::ElasticLoadBalancingV2::LoadBalancer');
 *         assert.ok(attributesOf(lb).includes('zonal_shift.config.enabled=true'));
 *       }),
 *     ];
 *
 * The id and the text must be string literals: validation and the site read them
 * without running the entry's code (lib/load/claim-scan.ts).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { Json, Resource } from './template-queries.ts';

/** The name of the configuration synthesized with the declared parameter defaults. */
export const DEFAULT_VARIANT = 'default';

/** What a claim's check is given: one synthesized configuration of the entry. */
export interface ClaimContext {
  /** The template, for aws-cdk-lib/assertions' matchers (`hasResourceProperties`, `resourceCountIs`…). */
  readonly template: Template;
  /** The same template as plain JSON. */
  readonly json: Json;
  /** `default`, or the name of a variant declared in architecture.yaml. */
  readonly variant: string;
  /** The parameter values this configuration was synthesized with, defaults filled in. */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Every resource of a CloudFormation type, with its logical id. */
  resources(type: string): (Resource & { readonly id: string })[];
  /** The one resource of a type, with its logical id; throws when there is not exactly one. */
  only(type: string): Resource & { readonly id: string };
  /** A text file of the entry, by its path in the entry folder, e.g. `bootstrap/user-data.sh`. */
  file(path: string): string;
}

/** Where a claim holds: every configuration (the default), or only the named ones. */
export interface ClaimOptions {
  /** Configurations the claim holds for: `default` and/or variant names. Omitted: all of them. */
  readonly variants?: readonly string[];
}

/** One claim, as `claim()` makes it. */
export interface Claim {
  readonly kind: 'oar-claim';
  readonly id: string;
  readonly text: string;
  readonly variants?: readonly string[];
  /** Throws (an assertion error, say) when the configuration does not keep the claim. */
  readonly check: (t: ClaimContext) => void;
}

/** Declares a claim: a kebab-case id the YAML's `checks` name, a plain sentence, and its check. */
export function claim(id: string, text: string, check: (t: ClaimContext) => void): Claim;
export function claim(id: string, text: string, options: ClaimOptions, check: (t: ClaimContext) => void): Claim;
export function claim(
  id: string,
  text: string,
  a: ClaimOptions | ((t: ClaimContext) => void),
  b?: (t: ClaimContext) => void,
): Claim {
  const check = typeof a === 'function' ? a : b;
  const options = typeof a === 'function' ? {} : a;
  if (typeof check !== 'function') throw new TypeError(`claim ${id} has no check function`);
  return { kind: 'oar-claim', id, text, ...(options.variants ? { variants: options.variants } : {}), check };
}

/** Whether a claim applies to a configuration. */
export function holdsFor(c: Pick<Claim, 'variants'>, variant: string): boolean {
  return c.variants === undefined || c.variants.includes(variant);
}
