import type { Architecture } from '../../schema/architecture.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedEntry } from '../load/read-entry.ts';
import type { YamlSource } from '../load/yaml-source.ts';

/** An entry whose metadata passed the schema, so rules can trust its shape. */
export interface CheckedEntry {
  readonly loaded: LoadedEntry;
  readonly meta: Architecture;
  readonly source: YamlSource;
}

/** What a rule may look at besides its own entry. */
export interface RuleContext {
  /** Every schema-valid entry by id; an id claimed twice keeps the first. */
  readonly byId: ReadonlyMap<string, CheckedEntry>;
  /** Every folder name and valid id, so a reference to an entry that is merely broken is not called dangling. */
  readonly knownIds: ReadonlySet<string>;
}

/** A check on one schema-valid entry. */
export type EntryRule = (entry: CheckedEntry, ctx: RuleContext) => Diagnostic[];

/** A check on an entry's files that needs no valid metadata. */
export type FileRule = (entry: LoadedEntry) => Diagnostic[];

/** A check across the whole catalogue. */
export type CatalogueRule = (entries: readonly CheckedEntry[]) => Diagnostic[];
