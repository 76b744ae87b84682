import type { CancellationToken, Position, TextDocumentIdentifier } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileState } from '../service/planService';
import type { Steps } from '../../../shared/steps';
import { runSafe, runSafeSteps } from './runSafe';
import type { Session } from './session';

/** A request handler as the connection takes it. */
export type Handler<P, R> = (params: P, token: CancellationToken) => Promise<R | ResponseError<void>>;

/** A request about an open plan or catalog document: its parameters, the service's file, the editor's text. */
export interface DocumentRequest<P> {
  params: P;
  file: FileState;
  document: TextDocument;
}

/** A request at a position of an open plan or catalog document, as an offset into its text. */
export interface PositionRequest<P> extends DocumentRequest<P> {
  offset: number;
}

/**
 * The handler of a request: `work` runs inside `runSafe`, so that a failure is logged and answered
 * with `fallback`, and a cancelled request is answered as cancelled. After `shutdown` the request is
 * refused, as LSP asks (vscode-languageserver does not).
 */
export function answer<P, R>(
  session: Session,
  what: string,
  fallback: R,
  work: (params: P) => R,
): Handler<P, R> {
  return (params, token) =>
    session.shutDown
      ? Promise.resolve(refusedAfterShutdown())
      : runSafe(session.connection.console, () => work(params), fallback, what, token);
}

/**
 * The handler of a request whose work is written as steps (see `runSafeSteps`): the server goes on
 * reading messages while it runs, and stops it once the request is cancelled, or once an open
 * document changes (answered ContentModified).
 */
export function answerSteps<P, R>(
  session: Session,
  what: string,
  fallback: R,
  work: (params: P) => Steps<R>,
): Handler<P, R> {
  return (params, token) => {
    if (session.shutDown) return Promise.resolve(refusedAfterShutdown());
    let generation = session.documents.generation;
    const start = (): Steps<R> => {
      generation = session.documents.generation;
      return work(params);
    };
    const modified = (): boolean => session.documents.generation !== generation;
    return runSafeSteps(session.connection.console, start, fallback, what, token, modified);
  };
}

function refusedAfterShutdown(): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
}

/**
 * The handler of a request about a document: `work` gets the document brought up to date in the
 * service; a document that is not an open plan or catalog is answered with `fallback`.
 */
export function inDocument<P extends { textDocument: TextDocumentIdentifier }, R>(
  session: Session,
  what: string,
  fallback: R,
  work: (request: DocumentRequest<P>) => R,
): Handler<P, R> {
  return answer(session, what, fallback, (params: P) => {
    const found = session.fileOf(params.textDocument.uri);
    return found ? work({ params, file: found.file, document: found.doc.document }) : fallback;
  });
}

/** The handler of a request at a position of a document (see {@link inDocument}): `work` gets its offset. */
export function atPosition<P extends { textDocument: TextDocumentIdentifier; position: Position }, R>(
  session: Session,
  what: string,
  fallback: R,
  work: (request: PositionRequest<P>) => R,
): Handler<P, R> {
  return inDocument(session, what, fallback, (request: DocumentRequest<P>) =>
    work({ ...request, offset: request.document.offsetAt(request.params.position) }),
  );
}
