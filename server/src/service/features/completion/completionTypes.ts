/** The types completion shares between the YAML and JSON cursor contexts and the item builders. */

/** One step of a document path: a mapping key or a sequence index. */
export type Segment = string | number;

/** What the cursor is on, read from the text so that it works while the document does not parse. */
export interface CursorContext {
  format: 'yaml' | 'json';
  /** Key position: the path of the mapping whose key is typed. Value position: the path of the value. */
  path: Segment[];
  position: 'key' | 'value';
  /** Offsets of the text a completion replaces: the partial word, with its opening (and closing) quote. */
  start: number;
  end: number;
  /** The text from `start` to the cursor. */
  typed: string;
  /** Inside a YAML flow collection (`[...]`, `{...}`): values quote `,[]{}` and keys insert no structure. */
  flow: boolean;
  /** Other keys of the mapping (key position). */
  present: Set<string>;
  /** Other items of the sequence (value position on a sequence item); read only when the items are scalars. */
  siblings: () => Set<string>;
  /** Key position: a colon already follows the key, so only the key is inserted. */
  hasColon: boolean;
  /** YAML `key:|` with no space yet: a value needs a leading space. */
  needsSpace: boolean;
  /** YAML: column of the mapping's keys (structures are indented from it). */
  column: number;
  /** JSON: the current line's indentation. */
  indent: string;
  /** JSON: a comma must follow the insertion (another property or item comes after it). */
  commaAfter: boolean;
  /** JSON: where a comma must be inserted before the insertion (the previous value has none). */
  commaBefore: number | undefined;
  /** The `source` and `operation` of the account request around the cursor, when known. */
  request: RequestFields | undefined;
}

/** The fields of an account request that completions depend on. */
export interface RequestFields {
  source?: string;
  operation?: string;
}

/** What a completion item is, mapped to an LSP item kind at the edge. */
export type CompletionKind =
  'property' | 'value' | 'enum' | 'snippet' | 'source' | 'integration' | 'attribute';

/** One completion item, in offsets. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** True when `insertText` uses snippet syntax (it holds placeholders). */
  snippet: boolean;
  sortText?: string;
  filterText?: string;
  start: number;
  end: number;
  /** Ask the editor for completions again after inserting (a value comes next). */
  retrigger?: boolean;
  /** Other insertions (a JSON comma after the previous value). */
  additionalEdits?: { start: number; end: number; text: string }[];
}

/** The completion answer: items, and whether the list was cut at the cap. */
export interface CompletionAnswer {
  items: CompletionEntry[];
  isIncomplete: boolean;
}

/** A context with the defaults filled in, for the context builders. */
export function baseContext(format: 'yaml' | 'json', offset: number): CursorContext {
  return {
    format,
    path: [],
    position: 'key',
    start: offset,
    end: offset,
    typed: '',
    flow: false,
    present: new Set(),
    siblings: () => new Set(),
    hasColon: false,
    needsSpace: false,
    column: 0,
    indent: '',
    commaAfter: false,
    commaBefore: undefined,
    request: undefined,
  };
}
