/**
 * Safety limits checked before and while parsing, so that no input can exhaust the stack, the heap
 * or the CPU of the host (docs/rules.md#document-limit). Exceeding one gives a `document-limit` finding and
 * nothing else is computed for that document.
 */
export interface Limits {
  /** Largest file, in UTF-16 code units, that is parsed at all. */
  maxFileLength: number;
  /** Deepest nesting of flow collections (`[` / `{`). */
  maxFlowDepth: number;
  /** Deepest indentation, in columns, of a block node. */
  maxIndent: number;
  /** Most compact block indicators (`- - -`) on one line. */
  maxCompactDepth: number;
  /** Most nodes an alias may bring in, over the whole document. */
  maxAliasNodes: number;
  /** Most YAML documents in one file. */
  maxDocuments: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileLength: 4 * 1024 * 1024,
  maxFlowDepth: 64,
  maxIndent: 256,
  maxCompactDepth: 64,
  maxAliasNodes: 10_000,
  maxDocuments: 10_000,
};

/** A reason a text cannot be parsed safely, and where. */
export interface LimitProblem {
  offset: number;
  length: number;
  message: string;
}

/** The first character YAML and JSON forbid in a text (C0 controls but tab, LF, CR; DEL), if any. */
export function findBinaryContent(text: string): LimitProblem | undefined {
  // eslint-disable-next-line no-control-regex
  const match = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return {
    offset: match.index,
    length: 1,
    message: `The file contains binary data (character U+${code}), which YAML and JSON do not allow. Plan and catalog files are UTF-8 text; check that this is the file you meant.`,
  };
}

/**
 * Counts the YAML documents of `text` without parsing it, and gives the start of the first one
 * past `limits.maxDocuments`. A document starts at a `---` line, or at content after a `...` line
 * (or at the start); only lines that begin in column 0 matter, so the scan is one pass.
 */
export function findTooManyDocuments(text: string, limits: Limits): LimitProblem | undefined {
  let documents = 0;
  let open = false;
  for (let line = 0; line < text.length;) {
    const c = text.charCodeAt(line);
    const marker = (c === 45 /* - */ || c === 46) /* . */ && isMarker(text, line, c);
    if (marker && c === 45) {
      documents++;
      open = true;
    } else if (marker) {
      open = false;
    } else if (!open && !isBlank(c) && c !== 35 /* # */ && c !== 37 /* % */) {
      documents++;
      open = true;
    }
    if (documents > limits.maxDocuments) {
      return {
        offset: line,
        length: marker ? 3 : 1,
        message: `The file holds more than ${limits.maxDocuments.toLocaleString('en-US')} YAML documents (isc-plan's safety limit), so it is not analysed. Split it into several files.`,
      };
    }
    const newline = text.indexOf('\n', line);
    line = newline === -1 ? text.length : newline + 1;
  }
  return undefined;
}

/** Whether a `---` or `...` document marker starts at `i` (three of `c` and then a blank or the end). */
function isMarker(text: string, i: number, c: number): boolean {
  return (
    text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c && isBlankOrEnd(text, i + 3, text.length)
  );
}

/**
 * Scans a JSON text for nesting deeper than `limits.maxFlowDepth`: every `[` and `{` outside a
 * string counts, in comments too (which strict JSON rejects anyway), so no way of reaching a
 * depth escapes the count.
 */
export function findExcessiveJsonNesting(text: string, limits: Limits): LimitProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = skipQuoted(text, i, text.length, c) - 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limits.maxFlowDepth) return nestingProblem(i, 'brackets', limits.maxFlowDepth);
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Scans `text` for nesting deeper than the limits, without parsing it. Quoted strings and comments
 * are skipped; in block context a `[` or `{` opens a collection only where a value can start.
 */
export function findExcessiveNesting(
  text: string,
  limits: Limits,
  start = 0,
  end = text.length,
): LimitProblem | undefined {
  let flowDepth = 0;
  let lineStart = true;
  let indent = 0;
  let compact = 0;
  let valueCanStart = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = true;
      indent = 0;
      compact = 0;
      valueCanStart = true;
      continue;
    }
    if (lineStart && c === 32 /* space */) {
      const deep = flowDepth === 0 && ++indent > limits.maxIndent;
      if (deep) return nestingProblem(i, 'indentation', limits.maxIndent);
      continue;
    }
    lineStart = false;
    if (c === 35 /* # */ && (i === start || isBlank(text.charCodeAt(i - 1)))) {
      i = skipToLineEnd(text, i, end) - 1;
      continue;
    }
    const beforeValue = flowDepth === 0 ? skipBeforeValue(text, i, start, end, valueCanStart) : i;
    if (beforeValue > i) {
      i = beforeValue - 1;
      valueCanStart = true;
      continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      if (flowDepth > 0 || valueCanStart) i = skipQuoted(text, i, end, c) - 1;
      valueCanStart = false;
      continue;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (flowDepth > 0 || valueCanStart) {
        flowDepth++;
        if (flowDepth > limits.maxFlowDepth) return nestingProblem(i, 'brackets', limits.maxFlowDepth);
        continue;
      }
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flowDepth > 0) {
      flowDepth--;
      continue;
    }
    if (
      flowDepth === 0 &&
      (c === 45 /* - */ || c === 63) /* ? */ &&
      valueCanStart &&
      isBlankOrEnd(text, i + 1, end)
    ) {
      compact++;
      if (compact > limits.maxCompactDepth) {
        return nestingProblem(i, 'nested items on one line', limits.maxCompactDepth);
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    valueCanStart =
      flowDepth > 0 ? c === 44 /* , */ || c === 58 /* : */ : c === 58 && isBlankOrEnd(text, i + 1, end);
  }
  return undefined;
}

function nestingProblem(offset: number, what: string, limit: number): LimitProblem {
  return {
    offset,
    length: 1,
    message: `The document nests deeper than isc-plan's safety limit (${limit} levels of ${what}), so it is not analysed. A provisioning plan needs only a few levels; check for generated or corrupted content here.`,
  };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isBlankOrEnd(text: string, i: number, end: number): boolean {
  return i >= end || isBlank(text.charCodeAt(i));
}

/**
 * After a tag or an anchor where a value can start, or after a document marker (`--- [`): the
 * value can still start there. Gives `i` when neither is at `i`.
 */
function skipBeforeValue(
  text: string,
  i: number,
  start: number,
  end: number,
  valueCanStart: boolean,
): number {
  const c = text.charCodeAt(i);
  if (valueCanStart && (c === 33 /* ! */ || c === 38) /* & */) return skipToken(text, i, end);
  if ((c === 45 || c === 46) && atLineStart(text, i, start) && isMarker(text, i, c)) return i + 3;
  return i;
}

function atLineStart(text: string, i: number, start: number): boolean {
  return i === start || text.charCodeAt(i - 1) === 10;
}

/** The end of a tag or anchor token: the next blank, flow indicator or end of the text. */
function skipToken(text: string, i: number, end: number): number {
  let j = i + 1;
  while (j < end && !isBlank(text.charCodeAt(j)) && !FLOW_INDICATORS.includes(text.charCodeAt(j))) j++;
  return j;
}

/** `,` `[` `]` `{` `}`: they end a tag or an anchor name. */
const FLOW_INDICATORS = [44, 91, 93, 123, 125];

function skipToLineEnd(text: string, i: number, end: number): number {
  const newline = text.indexOf('\n', i);
  return newline === -1 || newline > end ? end : newline;
}

function skipQuoted(text: string, i: number, end: number, quote: number): number {
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (quote === 34 && c === 92 /* \ */) {
      j++;
    } else if (c === quote) {
      if (quote === 39 && text.charCodeAt(j + 1) === 39) {
        j++;
        continue;
      }
      return j + 1;
    }
  }
  return end;
}
