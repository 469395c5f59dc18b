import type { AllocateCidrRequest, IIpAddresses, SubnetIpamOptions, VpcIpamOptions } from 'aws-cdk-lib/aws-ec2';

/**
 * The address plan of the hub and its spokes, checked at synth time: CIDR parsing, the spoke list,
 * overlap checks, the ranges that the spokes' route table blackholes, the Amazon side ASN, and the
 * subnet layout inside each VPC. No CDK constructs, so it is unit-tested on its own.
 */

/** An IPv4 CIDR block: the first address as a number, the prefix length, and its text. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
  readonly text: string;
}

/** One spoke VPC: a short name (part of construct ids and resource names) and its CIDR block. */
export interface Spoke {
  readonly name: string;
  readonly cidr: Cidr;
}

/** Spoke VPCs are /16 to /24: big enough for workload subnets in three zones plus /28 attachment subnets. */
export const SPOKE_PREFIX = { min: 16, max: 24 } as const;
export const MAX_SPOKES = 4;
const SPOKE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u;
const SPOKE_NAME_MAX = 20;

/**
 * The RFC 1918 private ranges. The firewall subnets of the inspection VPC send them back to the transit
 * gateway, and its public subnets send replies for them back through the firewall endpoint of their zone.
 */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Parses an IPv4 CIDR whose host bits are zero, or throws naming the parameter and the aligned value. */
export function parseCidr(text: string, what: string): Cidr {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/u.exec(text);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`${what} ${JSON.stringify(text)} is not an IPv4 CIDR block; write e.g. 10.1.0.0/16`);
  }
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(address / size) * size;
  if (base !== address) {
    throw new Error(`${what} ${text} has host bits set; write ${formatCidr(base, prefix)}`);
  }
  return { base, prefix, text };
}

export function formatCidr(base: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

const sizeOf = (c: Cidr): number => 2 ** (32 - c.prefix);

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + sizeOf(b) && b.base < a.base + sizeOf(a);
}

/** True when every address of `inner` is in `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.prefix <= inner.prefix && outer.base <= inner.base && inner.base + sizeOf(inner) <= outer.base + sizeOf(outer)
  );
}

/**
 * Parses the spokes parameter, `name=cidr` pairs separated by commas, e.g. `app=10.1.0.0/16,data=10.2.0.0/16`.
 * Throws with one clear line on a malformed pair, a bad or repeated name, a CIDR of the wrong size, or too many spokes.
 */
export function parseSpokes(list: string): Spoke[] {
  const pairs = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (pairs.length < 1 || pairs.length > MAX_SPOKES) {
    throw new Error(
      `spokes lists ${pairs.length} spokes; give 1 to ${MAX_SPOKES} name=cidr pairs, e.g. app=10.1.0.0/16`,
    );
  }
  const spokes = pairs.map((pair): Spoke => {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq) : '';
    if (!SPOKE_NAME.test(name) || name.length > SPOKE_NAME_MAX) {
      throw new Error(
        `spokes: ${JSON.stringify(pair)} is not name=cidr with a name of 1 to ${SPOKE_NAME_MAX} lowercase letters and digits, joined by single hyphens, that starts with a letter`,
      );
    }
    const cidr = parseCidr(pair.slice(eq + 1), `spokes: ${name}`);
    if (cidr.prefix < SPOKE_PREFIX.min || cidr.prefix > SPOKE_PREFIX.max) {
      throw new Error(
        `spokes: ${name} ${cidr.text} is a /${cidr.prefix}; spoke VPCs must be /${SPOKE_PREFIX.min} to /${SPOKE_PREFIX.max}`,
      );
    }
    return { name, cidr };
  });
  // Names become construct ids in PascalCase, so `a-1` and `a1` would collide as well as exact repeats.
  const seen = new Map<string, string>();
  for (const s of spokes) {
    const other = seen.get(pascalCase(s.name));
    if (other !== undefined) {
      throw new Error(`spokes: the names ${other} and ${s.name} are the same spoke; give every spoke its own name`);
    }
    seen.set(pascalCase(s.name), s.name);
  }
  return spokes;
}

/**
 * Refuses an address plan in which two VPCs overlap: a transit gateway does not route between overlapping
 * VPCs, and a later spoke would silently fail to propagate its routes.
 */
export function checkNoOverlap(inspection: Cidr, spokes: readonly Spoke[]): void {
  const blocks: { what: string; cidr: Cidr }[] = [
    { what: `inspectionVpcCidr ${inspection.text}`, cidr: inspection },
    ...spokes.map((s) => ({ what: `spoke ${s.name} ${s.cidr.text}`, cidr: s.cidr })),
  ];
  blocks.forEach((a, i) => {
    for (const b of blocks.slice(i + 1)) {
      if (overlaps(a.cidr, b.cidr)) {
        throw new Error(
          `${a.what} overlaps ${b.what}; give the inspection VPC and every spoke its own non-overlapping range`,
        );
      }
    }
  });
}

/**
 * The destinations that the inspection VPC routes back towards the spokes: the RFC 1918 ranges, plus every
 * spoke CIDR outside them (for example in 100.64.0.0/10), minus a range equal to the inspection VPC's own
 * CIDR (a VPC route table cannot hold a route for exactly its local range, and no spoke can live there).
 */
export function privateRanges(inspection: Cidr, spokes: readonly Spoke[]): string[] {
  const ranges = PRIVATE_RANGES.map((r) => parseCidr(r, 'private range'));
  const outside = spokes.filter((s) => !ranges.some((r) => contains(r, s.cidr))).map((s) => s.cidr);
  return [...ranges, ...outside].filter((c) => c.text !== inspection.text).map((c) => c.text);
}


/** The private ASN ranges that a transit gateway accepts for its Amazon side. */
export function checkAsn(asn: number): void {
  const ok = Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
  if (!ok) {
    throw new Error(
      `amazonSideAsn ${asn} is not a private ASN; use 64512 to 65534 or 4200000000 to 4294967294, different from the ASN of every on-premises router`,
    );
  }
}

/** A construct id fragment from a spoke name: `shared-svc` becomes `SharedSvc`. */
export function pascalCase(name: string): string {
  return name
    .split('-')
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The subnet group that holds the transit gateway's network interfaces. */
export const ATTACHMENT_GROUP = 'Attachment';
/** The subnet group of the inspection VPC that holds the Network Firewall endpoints. */
export const FIREWALL_GROUP = 'Firewall';
/** Zones a VPC can have; the layout reserves room for all of them whatever azCount is. */
export const MAX_ZONES = 3;

/**
 * A fixed subnet layout for a VPC of /16 to /24, the same whatever the number of zones: the main subnet
 * of zone i is quarter i of the VPC, and the /28 attachment subnet of zone i is the i-th /28 of the last
 * quarter. Going from two zones to three therefore only adds subnets; CDK's default allocator would
 * move the attachment subnets and replace them.
 *
 * With `firewall`, for the inspection VPC, the main (public) subnet of zone i is eighth i, and the /28
 * firewall subnet of zone i is the i-th /28 of the third quarter; the attachment subnets stay in the last
 * quarter. A /24 then has /27 public subnets, room enough for a NAT gateway each.
 */
export class ZonalLayout implements IIpAddresses {
  readonly #cidr: Cidr;
  readonly #firewall: boolean;

  constructor(cidr: Cidr, options: { readonly firewall?: boolean } = {}) {
    this.#firewall = options.firewall === true;
    if (cidr.prefix < SPOKE_PREFIX.min || cidr.prefix > SPOKE_PREFIX.max) {
      throw new Error(
        `${cidr.text} must be a /${SPOKE_PREFIX.min} to /${SPOKE_PREFIX.max} for the zonal subnet layout`,
      );
    }
    this.#cidr = cidr;
  }

  /** The CIDR of zone i's main subnet (public in the inspection VPC, workload in a spoke). */
  mainSubnet(zone: number): string {
    if (this.#firewall) return formatCidr(this.#cidr.base + (zone * this.#quarter) / 2, this.#cidr.prefix + 3);
    return formatCidr(this.#cidr.base + zone * this.#quarter, this.#cidr.prefix + 2);
  }

  /** The CIDR of zone i's /28 firewall subnet (inspection VPC only). */
  firewallSubnet(zone: number): string {
    if (!this.#firewall) throw new Error(`${this.#cidr.text} has no firewall subnets`);
    return formatCidr(this.#cidr.base + 2 * this.#quarter + zone * 16, 28);
  }

  /** The CIDR of zone i's /28 attachment subnet. */
  attachmentSubnet(zone: number): string {
    return formatCidr(this.#cidr.base + 3 * this.#quarter + zone * 16, 28);
  }

  get #quarter(): number {
    return 2 ** (32 - this.#cidr.prefix - 2);
  }

  allocateVpcCidr(): VpcIpamOptions {
    return { cidrBlock: this.#cidr.text };
  }

  allocateSubnetsCidr(input: AllocateCidrRequest): SubnetIpamOptions {
    const next = new Map<string, number>();
    const allocatedSubnets = input.requestedSubnets.map((request) => {
      const group = request.configuration.name;
      const zone = next.get(group) ?? 0;
      next.set(group, zone + 1);
      if (zone >= MAX_ZONES) throw new Error(`the subnet layout of ${this.#cidr.text} has room for ${MAX_ZONES} zones`);
      if (group === ATTACHMENT_GROUP) return { cidr: this.attachmentSubnet(zone) };
      if (group === FIREWALL_GROUP) return { cidr: this.firewallSubnet(zone) };
      return { cidr: this.mainSubnet(zone) };
    });
    return { allocatedSubnets };
  }
}
