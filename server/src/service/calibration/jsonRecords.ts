/**
 * Splits a stream of JSON text into its records without holding the whole text: a top-level
 * array of objects (ISC's list responses, a search export), objects one after another (JSON
 * Lines), or one object. Each record's text is handed out as soon as its closing brace arrives
 * and parsed by the caller with the runtime's own `JSON.parse`, so memory holds one record at a
 * time and the per-byte work is one scan in this class.
 */

/** A problem with the JSON stream, with the character offset where it was found. */
export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const COMMA = 44;

/** Deeper records are refused: the caller's JSON.parse recurses. */
const MAX_DEPTH = 200;

/** Feeds chunks in; receives one record text per top-level object. */
export class JsonRecordSplitter {
  private pending = '';
  /** Offset of `pending[0]` in the whole stream. */
  private base = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private recordStart = -1;
  private inArray = false;
  private arrayClosed = false;
  private scanned = 0;
  /** Position of the next backslash in the text being scanned (-1: none), or -2 before a search. */
  private backslashAt = -2;

  /** Adds `chunk`; calls `onRecord` with the text of every record it completes. */
  push(chunk: string, onRecord: (text: string, offset: number) => void): void {
    this.pending += chunk;
    const text = this.pending;
    this.backslashAt = -2;
    let i = this.scanned;
    while (i < text.length) {
      if (this.inString) {
        i = this.skipString(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.depth > 0) {
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (++this.depth > MAX_DEPTH) this.fail(`a record nests more than ${MAX_DEPTH} levels deep`, i);
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--this.depth === 0) {
            onRecord(text.slice(this.recordStart, i + 1), this.base + this.recordStart);
            this.recordStart = -1;
          }
        }
      } else this.between(c, i);
      i++;
    }
    this.compact(text);
  }

  /**
   * Skips the rest of a string that is open at `from`: most of a record is strings, and `indexOf`
   * finds the closing quote far faster than a loop over characters. Returns where to go on.
   */
  private skipString(text: string, from: number): number {
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (;;) {
      const quote = text.indexOf('"', i);
      // The next backslash, found once per stretch: searching afresh for every string would be quadratic.
      if (this.backslashAt !== -1 && this.backslashAt < i) this.backslashAt = text.indexOf('\\', i);
      const backslash = this.backslashAt;
      if (backslash !== -1 && (quote === -1 || backslash < quote)) {
        if (backslash + 1 >= text.length) {
          this.escaped = true;
          return text.length;
        }
        i = backslash + 2;
        continue;
      }
      if (quote === -1) return text.length;
      this.inString = false;
      return quote + 1;
    }
  }

  /** Checks that the stream ended between records. */
  end(): void {
    if (this.depth > 0 || this.inString) {
      this.fail('the text ends inside a record (the file is cut off)', this.pending.length);
    }
    if (this.inArray && !this.arrayClosed) this.fail('the array is not closed with ]', this.pending.length);
  }

  /** A character outside every record: white space, the array's brackets, commas, or a record's start. */
  private between(c: number, i: number): void {
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) return;
    if (c === OPEN_BRACE && !this.arrayClosed) {
      this.depth = 1;
      this.recordStart = i;
      return;
    }
    if (c === OPEN_BRACKET && !this.inArray) {
      this.inArray = true;
      return;
    }
    if (c === COMMA && this.inArray && !this.arrayClosed) return;
    if (c === CLOSE_BRACKET && this.inArray && !this.arrayClosed) {
      this.arrayClosed = true;
      return;
    }
    const found = JSON.stringify(String.fromCharCode(c));
    this.fail(`expected an account-activity record (a JSON object), found ${found}`, i);
  }

  /** Drops the text before the record in progress. */
  private compact(text: string): void {
    const keepFrom = this.recordStart >= 0 ? this.recordStart : text.length;
    this.pending = text.slice(keepFrom);
    this.base += keepFrom;
    this.scanned = text.length - keepFrom;
    if (this.recordStart >= 0) this.recordStart = 0;
  }

  private fail(message: string, indexInPending: number): never {
    throw new JsonStreamError(message, this.base + indexInPending);
  }
}
