import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { TextChange } from '../service/document/reparse';

/** An open document: its text (LSP positions) and the changes the service has not seen yet. */
export interface OpenDocument {
  uri: string;
  /** The path the service knows the document by. */
  path: string;
  document: TextDocument;
  /** Changes since the service last saw the text, in offsets, in order. */
  pending: TextChange[];
  /** True when a change came without a range (the whole text was replaced). */
  replaced: boolean;
}

/** The service path of a URI: the file system path for `file:`, the URI itself otherwise. */
export function pathOfUri(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : uri;
}

/**
 * The documents the client has open. Applying a change is O(size of the change) here; the
 * service sees the accumulated changes only when it validates, off the keystroke path.
 */
export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();
  private readonly byPath = new Map<string, OpenDocument>();
  private changes = 0;

  /** Counts the opens, changes and closes, for work that must notice the documents changed under it. */
  get generation(): number {
    return this.changes;
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.changes++;
    const path = pathOfUri(uri);
    const doc: OpenDocument = {
      uri,
      path,
      document: TextDocument.create(uri, languageId, version, text),
      pending: [],
      replaced: true,
    };
    this.byUri.set(uri, doc);
    this.byPath.set(path, doc);
    return doc;
  }

  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
  ): OpenDocument | undefined {
    const doc = this.byUri.get(uri);
    if (!doc) return undefined;
    this.changes++;
    for (const change of changes) {
      if ('range' in change) {
        const start = doc.document.offsetAt(change.range.start);
        const end = doc.document.offsetAt(change.range.end);
        doc.pending.push({ start, end, text: change.text });
      } else {
        doc.replaced = true;
        doc.pending = [];
      }
      doc.document = TextDocument.update(doc.document, [change], version);
    }
    return doc;
  }

  close(uri: string): OpenDocument | undefined {
    const doc = this.byUri.get(uri);
    if (!doc) return undefined;
    this.changes++;
    this.byUri.delete(uri);
    this.byPath.delete(doc.path);
    return doc;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  byFilePath(path: string): OpenDocument | undefined {
    return this.byPath.get(path);
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }
}
