import type { Architecture } from '../../schema/architecture.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadResult } from '../load/read-catalogue.ts';
import type { CatalogueRule, CheckedEntry, EntryRule, FileRule, RuleContext } from './rule.ts';
import { advisoriesPublished } from './rules/advisories.ts';
import { claimsReadable } from './rules/claims-file.ts';
import { evidenceKept } from './rules/evidence.ts';
import { variantParameters } from './rules/variants.ts';
import { changelogReleases } from './rules/changelog-releases.ts';
import { changelogText } from './rules/changelog-text.ts';
import { changelogVersion } from './rules/changelog-version.ts';
import { codeLanguages } from './rules/code-languages.ts';
import { costRange } from './rules/cost-range.ts';
import { diagramFiles } from './rules/diagram-files.ts';
import { diagramSize } from './rules/diagram-size.ts';
import { diagramSyntax } from './rules/diagram-syntax.ts';
import { forkAdvisoriesHandled } from './rules/fork-advisories.ts';
import { forkedFromExists } from './rules/forked-from.ts';
import { idMatchesFolder } from './rules/id-matches-folder.ts';
import { lineageCycles } from './rules/lineage-cycles.ts';
import { notesCode } from './rules/notes-code.ts';
import { notesImages } from './rules/notes-images.ts';
import { notesLinks } from './rules/notes-links.ts';
import { notesMarkup } from './rules/notes-markup.ts';
import { notesSyntax } from './rules/notes-syntax.ts';
import { parameterDefaults } from './rules/parameters.ts';
import { referencesExist } from './rules/references.ts';
import { smokeTestOutputs } from './rules/smoke-test-outputs.ts';
import { uniqueIds } from './rules/unique-ids.ts';
import { checkSchema } from './schema.ts';
import { schemaDiagnostics } from './schema-errors.ts';

const FILE_RULES: readonly FileRule[] = [
  diagramSyntax,
  diagramSize,
  notesSyntax,
  notesCode,
  notesMarkup,
  notesLinks,
  notesImages,
  codeLanguages,
  changelogReleases,
  changelogText,
  claimsReadable,
];
const ENTRY_RULES: readonly EntryRule[] = [
  idMatchesFolder,
  forkedFromExists,
  referencesExist,
  diagramFiles,
  changelogVersion,
  parameterDefaults,
  smokeTestOutputs,
  costRange,
  variantParameters,
  evidenceKept,
  advisoriesPublished,
  forkAdvisoriesHandled,
];
const CATALOGUE_RULES: readonly CatalogueRule[] = [uniqueIds, lineageCycles];

/** The catalogue after validation: entries whose metadata passed the schema, and every diagnostic so far. */
export interface ValidationResult {
  readonly root: string;
  readonly entries: readonly CheckedEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The `validate` stage: the schema on every entry, then the file, entry and
 * cross-entry rules. Pure: it reads only what `load` produced.
 */
export function validateCatalogue(loaded: LoadResult): ValidationResult {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const entries: CheckedEntry[] = [];
  for (const entry of loaded.entries) {
    diagnostics.push(...FILE_RULES.flatMap((rule) => rule(entry)));
    const source = entry.metadata;
    if (!source) continue;
    const result = checkSchema(source.data);
    if (result.valid) entries.push({ loaded: entry, meta: source.data as Architecture, source });
    else diagnostics.push(...schemaDiagnostics(result.errors, source));
  }
  const byId = new Map<string, CheckedEntry>();
  for (const e of entries) if (!byId.has(e.meta.id)) byId.set(e.meta.id, e);
  const knownIds = new Set([...loaded.entries.map((e) => e.folder), ...byId.keys()]);
  const ctx: RuleContext = { byId, knownIds };
  for (const entry of entries) for (const rule of ENTRY_RULES) diagnostics.push(...rule(entry, ctx));
  for (const rule of CATALOGUE_RULES) diagnostics.push(...rule(entries));
  return { root: loaded.root, entries, diagnostics };
}
