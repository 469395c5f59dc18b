/**
 * A comparison as tables, for the pages that show one: the static compare pages render it with Astro and
 * the compare form's page with DOM calls (site/client/compare-any.ts), so both show the same thing. Text is
 * plain text: each renderer escapes it (Astro expressions, textContent); nothing here is HTML.
 */
export type Inline =
  | string
  | { readonly code: string }
  | { readonly ins: string }
  | { readonly del: string }
  | { readonly label: string }
  | { readonly impact: string }
  | { readonly href: string; readonly text: string };

/** A paragraph or a list of items. */
export type Block = { readonly p: readonly Inline[] } | { readonly ul: readonly (readonly Inline[])[] };

/** A cell: a row header (`th scope="row"`) or data, holding blocks. */
export interface ViewCell {
  readonly header?: boolean;
  readonly blocks: readonly Block[];
}

/** A table row: one row header cell and data cells, as many as the table has columns. */
export interface ViewRow {
  /** An anchor other cells link to, e.g. `fork-change-1`. */
  readonly id?: string;
  readonly cells: readonly ViewCell[];
}

/** A table with its caption (what it shows) and its column headers. */
export interface ViewTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly ViewRow[];
}

/** A section of the page: a heading, paragraphs that explain it, and its tables (none when nothing differs). */
export interface ViewSection {
  readonly id: string;
  readonly heading: string;
  readonly intro: readonly (readonly Inline[])[];
  readonly tables: readonly ViewTable[];
}

/** Where links go: an entry's page (or an anchor on it) under the site's base. */
export type EntryHref = (id: string, anchor?: string) => string;

/** A data cell of blocks. */
export const cell = (...blocks: Block[]): ViewCell => ({ blocks });
/** A row header of one line. */
export const header = (...inline: Inline[]): ViewCell => ({ header: true, blocks: [{ p: inline }] });
/** A data cell of one paragraph. */
export const text = (...inline: Inline[]): ViewCell => cell({ p: inline });
