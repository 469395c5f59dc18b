import type { InventoryRow } from '../../generators/emulator/emulator.ts';

/** Lifecycle states in which AWS still lists a resource that is on its way out (a key pending deletion). */
const GONE_STATES = new Set([
  'pendingdeletion',
  'pending_deletion',
  'deleted',
  'deleting',
  'terminated',
  'shutting-down',
  'inactive',
]);

/** What a destroy may leave: resources kept by a retain policy, and snapshots a Snapshot policy took. */
export interface Allowed {
  /** Physical ids of resources that stay by design: the entry's retained ones, and the CDK bootstrap stack's. */
  readonly physicalIds: readonly string[];
  /** Services in which a resource had DeletionPolicy Snapshot: a snapshot there is declared. */
  readonly snapshotServices: readonly string[];
}

/** A row's resource: where it is, its id, and which object holds it (see InventoryRow.ref). */
const key = (r: InventoryRow) => `${r.service}|${r.account}|${r.region}|${r.collection}|${r.id}|${r.ref}`;

/** True when an inventory row names the resource with this physical id (an ARN or path ends with it). */
function names(row: InventoryRow, physicalId: string): boolean {
  const id = row.id;
  return id === physicalId || id.endsWith(`/${physicalId}`) || id.endsWith(`:${physicalId}`);
}

/**
 * Resources in the emulator after a destroy that were not there before the deploy, less what the
 * destroy may leave by design. There before means the same object: on an emulator that entries share,
 * a resource an earlier entry kept cannot hide a new one under its id. A resource in a state in which
 * AWS lists it until it is gone (terminated, pending deletion) is not a leftover.
 */
export function leftovers(
  before: readonly InventoryRow[],
  after: readonly InventoryRow[],
  allowed: Allowed,
): InventoryRow[] {
  const had = new Set(before.map(key));
  return after.filter(
    (row) =>
      !had.has(key(row)) &&
      !GONE_STATES.has(row.state.toLowerCase()) &&
      !allowed.physicalIds.some((id) => names(row, id)) &&
      !(allowed.snapshotServices.includes(row.service) && /snapshot/iu.test(`${row.collection} ${row.type}`)),
  );
}

/** A leftover as a failure message names it. */
export function describeLeftover(row: InventoryRow): string {
  return `${row.service} ${row.type} ${row.id} (${row.region}, in ${row.collection})`;
}
