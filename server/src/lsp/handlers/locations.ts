import type { Location, Range, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeAt } from '../convert';
import { WorkspaceFiles } from '../../service/features/navigation/workspaceFiles';
import type { Session } from '../session';

const workspaces = new WeakMap<Session, WorkspaceFiles>();

/** The session's workspace view for navigation and rename (it caches files parsed from disk). */
export function workspaceOf(session: Session): WorkspaceFiles {
  let workspace = workspaces.get(session);
  if (!workspace) {
    workspace = new WorkspaceFiles(session.service, session.host, () => session.host.roots);
    workspaces.set(session, workspace);
  }
  return workspace;
}

/**
 * Brings the service up to date with every open plan and catalog, so that answers spanning files
 * (a catalog edited but not yet re-validated) use what the editor shows.
 */
export function syncOpenDocuments(session: Session): void {
  for (const doc of session.documents.all()) session.sync(doc);
}

/**
 * Offsets of any file as LSP positions: open documents as the editor has them, other files from
 * the text the service read through the host (the same text its offsets are in).
 */
export class Positions {
  private readonly documents = new Map<string, TextDocument | undefined>();

  constructor(private readonly session: Session) {}

  uri(file: string): string {
    return this.session.uriOf(file);
  }

  range(file: string, start: number, end: number): Range | undefined {
    const document = this.document(file);
    return document ? rangeAt(document, start, end) : undefined;
  }

  location(file: string, start: number, end: number): Location | undefined {
    const range = this.range(file, start, end);
    return range ? { uri: this.uri(file), range } : undefined;
  }

  /** The locations of places in files, leaving out those in files that cannot be read. */
  locations(places: readonly { file: string; start: number; end: number }[]): Location[] {
    return places
      .map((p) => this.location(p.file, p.start, p.end))
      .filter((l): l is Location => l !== undefined);
  }

  /** Replacements in files as the text edits of each URI, leaving out those in files that cannot be read. */
  changes(
    edits: readonly { file: string; start: number; end: number; newText: string }[],
  ): Record<string, TextEdit[]> {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of edits) {
      const range = this.range(edit.file, edit.start, edit.end);
      if (range) (changes[this.uri(edit.file)] ??= []).push({ range, newText: edit.newText });
    }
    return changes;
  }

  private document(file: string): TextDocument | undefined {
    if (this.documents.has(file)) return this.documents.get(file);
    const open = this.session.documents.byFilePath(file);
    const text = open ? undefined : this.session.host.readFile(file);
    const document = open
      ? open.document
      : text === undefined
        ? undefined
        : TextDocument.create(this.uri(file), '', 0, text);
    this.documents.set(file, document);
    return document;
  }
}
