/** One provisioning artifact: a template that `oar synth` wrote for one entry version and one set of parameters. */
export interface Artifact {
  readonly entry: string;
  readonly version: string;
  readonly variant: string;
}

const ENTRY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const VERSION = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/u;
const VARIANT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

/** Service Catalog allows at most 100 provisioning artifacts per product. */
export const MAX_ARTIFACTS_PER_PRODUCT = 100;

/** Splits a comma-separated list, dropping blanks. */
export function listOf(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/**
 * Reads the products parameter, `entry/version/variant` items separated by commas, into artifacts grouped
 * by entry, in the order given. Each entry becomes one product and each item one of its versions.
 */
export function parseProducts(products: string): Map<string, Artifact[]> {
  const byEntry = new Map<string, Artifact[]>();
  for (const item of listOf(products)) {
    const [entry = '', version = '', variant = '', ...rest] = item.split('/');
    if (rest.length > 0 || !ENTRY.test(entry) || !VERSION.test(version) || !VARIANT.test(variant)) {
      throw new Error(
        `products item "${item}" is not entry/version/variant, e.g. instance-tag-dns/1.0.0/default (lowercase entry id, semantic version, lowercase variant)`,
      );
    }
    const artifacts = byEntry.get(entry) ?? [];
    if (artifacts.some((a) => a.version === version && a.variant === variant)) {
      throw new Error(`products lists ${item} twice`);
    }
    artifacts.push({ entry, version, variant });
    if (artifacts.length > MAX_ARTIFACTS_PER_PRODUCT) {
      throw new Error(`${entry} has more than ${MAX_ARTIFACTS_PER_PRODUCT} versions; remove old ones first`);
    }
    byEntry.set(entry, artifacts);
  }
  return byEntry;
}

/** Where `oar synth` output for an artifact is uploaded in the template bucket. */
export function templateKey(a: Artifact): string {
  return `${a.entry}/${a.version}/${a.variant}.template.json`;
}

/** The name engineers pick when they provision or update, e.g. "1.0.0 large". */
export function artifactName(a: Artifact): string {
  return `${a.version} ${a.variant}`;
}

/** A principal association of the portfolio: a fully defined ARN (IAM), or an account-less pattern (IAM_PATTERN). */
export interface Principal {
  readonly arn: string;
  readonly type: 'IAM' | 'IAM_PATTERN';
}

/** Service Catalog allows at most 10 IAM_PATTERN principals per portfolio. */
export const MAX_PATTERN_PRINCIPALS = 10;

/**
 * Reads engineerPrincipalArns. An ARN with an account id is an IAM association and must name one principal;
 * an ARN without one (arn:aws:iam:::role/...) is an IAM_PATTERN, which may hold * and ?. Service Catalog
 * takes no other shape (AssociatePrincipalWithPortfolio), so a wildcard next to an account id is refused here.
 */
export function parsePrincipals(arns: string): Principal[] {
  const principals = listOf(arns).map((arn): Principal => {
    const patternless = /^arn:aws[a-z-]*:iam::\d{12}:(?:role|user|group)\/[\w+=,.@/-]+$/u.test(arn);
    const pattern = /^arn:aws[a-z-]*:iam:::(?:role|user|group)\/[\w+=,.@/*?-]+$/u.test(arn);
    if (!patternless && !pattern) {
      throw new Error(
        `engineerPrincipalArns item "${arn}" is neither a full IAM ARN (arn:aws:iam::123456789012:role/Engineers, no wildcards) nor an account-less pattern (arn:aws:iam:::role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Engineers_*); for a wildcard, drop the account id`,
      );
    }
    return { arn, type: pattern ? 'IAM_PATTERN' : 'IAM' };
  });
  if (principals.filter((x) => x.type === 'IAM_PATTERN').length > MAX_PATTERN_PRINCIPALS) {
    throw new Error(`engineerPrincipalArns has more than ${MAX_PATTERN_PRINCIPALS} account-less patterns, the most a portfolio takes`);
  }
  return principals;
}
