import type { PrepareRenameResult, WorkspaceEdit } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { prepareRenameAt, renameAt } from '../../service/features/navigation/rename';
import { atPosition } from '../answer';
import { rangeAt } from '../convert';
import type { FeatureRegistrar } from '../session';
import { Positions, syncOpenDocuments, workspaceOf } from './locations';

/** A refusal is an error response whose message the editor shows as it is. */
type Answer<T> = T | ResponseError<void> | null;

function refused(result: { error: string }): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
}

/**
 * `textDocument/prepareRename` and `textDocument/rename` of a source or an SDIM across catalogs and
 * plans.
 */
export const registerRename: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onPrepareRename(
    atPosition(session, 'prepareRename', null, ({ file, document, offset }): Answer<PrepareRenameResult> => {
      syncOpenDocuments(session);
      const result = prepareRenameAt(workspaceOf(session), file, offset);
      if (!result || 'error' in result) return result ? refused(result) : null;
      return { range: rangeAt(document, result.start, result.end), placeholder: result.placeholder };
    }),
  );
  connection.onRenameRequest(
    atPosition(session, 'rename', null, ({ params, file, offset }): Answer<WorkspaceEdit> => {
      syncOpenDocuments(session);
      const result = renameAt(workspaceOf(session), file, offset, params.newName);
      if (!result || 'error' in result) return result ? refused(result) : null;
      return { changes: new Positions(session).changes(result.edits) };
    }),
  );
  return { renameProvider: { prepareProvider: true } };
};
