import type { Location } from 'vscode-languageserver';
import { definitionAt } from '../../service/features/navigation/definition';
import { referencesAt } from '../../service/features/navigation/references';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';
import { Positions, syncOpenDocuments, workspaceOf } from './locations';

/**
 * `textDocument/definition` and `textDocument/references` between plan requests and catalog
 * entries. Plain `Location`s, which every client understands; a definition lands on the entry's name.
 */
export const registerNavigation: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onDefinition((params, token) =>
    runSafe(
      connection.console,
      (): Location[] | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        syncOpenDocuments(session);
        const result = definitionAt(
          workspaceOf(session),
          found.file,
          found.doc.document.offsetAt(params.position),
        );
        if (!result) return null;
        const positions = new Positions(session);
        return result.targets
          .map((t) => positions.location(t.file, t.selectionStart, t.selectionEnd))
          .filter((l): l is Location => l !== undefined);
      },
      null,
      'definition',
      token,
    ),
  );
  connection.onReferences((params, token) =>
    runSafe(
      connection.console,
      (): Location[] | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        syncOpenDocuments(session);
        const offset = found.doc.document.offsetAt(params.position);
        const references = referencesAt(
          workspaceOf(session),
          found.file,
          offset,
          params.context.includeDeclaration,
        );
        if (!references) return null;
        const positions = new Positions(session);
        return references
          .map((r) => positions.location(r.file, r.start, r.end))
          .filter((l): l is Location => l !== undefined);
      },
      null,
      'references',
      token,
    ),
  );
  return { definitionProvider: true, referencesProvider: true };
};
