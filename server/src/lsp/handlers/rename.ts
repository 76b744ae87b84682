import type { PrepareRenameResult, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { prepareRenameAt, renameAt } from '../../service/features/navigation/rename';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';
import { Positions, syncOpenDocuments, workspaceOf } from './locations';

/**
 * `textDocument/prepareRename` and `textDocument/rename` of a source or an SDIM across catalogs and
 * plans. A refusal is an error response whose message the editor shows as it is.
 */
export const registerRename: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onPrepareRename((params, token) =>
    runSafe(
      connection.console,
      (): PrepareRenameResult | ResponseError<void> | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        syncOpenDocuments(session);
        const result = prepareRenameAt(
          workspaceOf(session),
          found.file,
          found.doc.document.offsetAt(params.position),
        );
        if (!result) return null;
        if ('error' in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
        const { document } = found.doc;
        return {
          range: { start: document.positionAt(result.start), end: document.positionAt(result.end) },
          placeholder: result.placeholder,
        };
      },
      null,
      'prepareRename',
      token,
    ),
  );
  connection.onRenameRequest((params, token) =>
    runSafe(
      connection.console,
      (): WorkspaceEdit | ResponseError<void> | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        syncOpenDocuments(session);
        const result = renameAt(
          workspaceOf(session),
          found.file,
          found.doc.document.offsetAt(params.position),
          params.newName,
        );
        if (!result) return null;
        if ('error' in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
        const positions = new Positions(session);
        const changes: Record<string, TextEdit[]> = {};
        for (const edit of result.edits) {
          const range = positions.range(edit.file, edit.start, edit.end);
          if (range) (changes[positions.uri(edit.file)] ??= []).push({ range, newText: edit.newText });
        }
        return { changes };
      },
      null,
      'rename',
      token,
    ),
  );
  return { renameProvider: { prepareProvider: true } };
};
