import type {
  CancellationToken,
  Position,
  ProgressToken,
  TextDocumentIdentifier,
} from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileState } from '../service/planService';
import type { Stepwise } from './runSafe';
import { runSafe } from './runSafe';
import type { Session } from './session';
import { WorkProgress } from './workProgress';

/** A request handler as the connection takes it. */
export type Handler<P, R> = (params: P, token: CancellationToken) => Promise<R | ResponseError<void>>;

type InDocumentParams = { textDocument: TextDocumentIdentifier };

/**
 * A request about an open plan or catalog document: its parameters, the service's file and the
 * editor's text; for a request at a position, that position as an offset into the text.
 */
export type DocumentRequest<P extends InDocumentParams> = {
  params: P;
  file: FileState;
  document: TextDocument;
} & (P extends { position: Position } ? { offset: number } : unknown);

/**
 * The handler of a request: `work` runs inside `runSafe`, so that a failure is logged and answered
 * with `fallback`, a cancelled request is answered as cancelled, and work written as steps stops
 * once cancelled or once an open document changes (ContentModified). After `shutdown` the request
 * is refused, as LSP asks (vscode-languageserver does not).
 */
export function answer<P, R>(
  session: Session,
  what: string,
  fallback: R,
  work: (params: P) => R | Stepwise<R>,
): Handler<P, R> {
  return (params, token) => {
    if (session.shutDown) {
      return Promise.resolve(new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.'));
    }
    let generation = session.documents.generation;
    const start = (): R | Stepwise<R> => {
      generation = session.documents.generation;
      return work(params);
    };
    const modified = (): boolean => session.documents.generation !== generation;
    const progress = new WorkProgress(session.connection, `ISC Plan: ${what}`, workDoneTokenOf(params));
    return runSafe(session.connection.console, start, fallback, what, token, modified, progress);
  };
}

/** The request's `workDoneToken`, when the client sent one for its progress. */
function workDoneTokenOf(params: unknown): ProgressToken | undefined {
  const token = (params as { workDoneToken?: unknown } | null)?.workDoneToken;
  return typeof token === 'string' || typeof token === 'number' ? token : undefined;
}

/**
 * The handler of a request about a document (see {@link answer}): `work` gets the document brought
 * up to date in the service, and the offset of the request's position if it has one; a document that
 * is not an open plan or catalog is answered with `fallback`.
 */
export function inDocument<P extends InDocumentParams, R>(
  session: Session,
  what: string,
  fallback: R,
  work: (request: DocumentRequest<P>) => R | Stepwise<R>,
): Handler<P, R> {
  return answer(session, what, fallback, (params: P) => {
    const found = session.fileOf(params.textDocument.uri);
    if (!found) return fallback;
    const { document } = found.doc;
    const request = { params, file: found.file, document };
    // TypeScript cannot narrow the conditional type on a generic P; the check below is the same test.
    const at = hasPosition(params) ? { ...request, offset: document.offsetAt(params.position) } : request;
    return work(at as DocumentRequest<P>);
  });
}

function hasPosition(params: object): params is { position: Position } {
  return 'position' in params;
}
