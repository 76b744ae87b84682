import type { PrepareRenameResult, RenameParams, WorkspaceEdit } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Steps } from '../../service/work/steps';
import { prepareRenameAt, renameSteps } from '../../service/features/navigation/rename';
import type { DocumentRequest } from '../answer';
import { inDocument } from '../answer';
import { rangeAt } from '../convert';
import { stepwise } from '../runSafe';
import type { FeatureRegistrar, Session } from '../session';
import { Positions, syncOpenDocuments, workspaceOf } from './locations';

/** A refusal is an error response whose message the editor shows as it is. */
type Answer<T> = T | ResponseError<void> | null;

function refused(result: { error: string }): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
}

/** The edits of a rename in every file of the workspace; one step a file read. */
function* rename(
  session: Session,
  { params, file, offset }: DocumentRequest<RenameParams>,
): Steps<Answer<WorkspaceEdit>> {
  syncOpenDocuments(session);
  const result = yield* renameSteps(workspaceOf(session), file, offset, params.newName);
  if (!result || 'error' in result) return result ? refused(result) : null;
  return { changes: new Positions(session).changes(result.edits) };
}

/**
 * `textDocument/prepareRename` and `textDocument/rename` of a source or an SDIM across catalogs and
 * plans. A rename gives way between the files it reads, and stops there once cancelled.
 */
export const registerRename: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onPrepareRename(
    inDocument(session, 'prepareRename', null, ({ file, document, offset }): Answer<PrepareRenameResult> => {
      syncOpenDocuments(session);
      const result = prepareRenameAt(workspaceOf(session), file, offset);
      if (!result || 'error' in result) return result ? refused(result) : null;
      return { range: rangeAt(document, result.start, result.end), placeholder: result.placeholder };
    }),
  );
  connection.onRenameRequest(
    inDocument(session, 'rename', null, (request) => stepwise(rename(session, request))),
  );
  return { renameProvider: { prepareProvider: true } };
};
