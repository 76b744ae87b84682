import { definitionAt } from '../../service/features/navigation/definition';
import { referencesAt } from '../../service/features/navigation/references';
import { atPosition } from '../answer';
import type { FeatureRegistrar } from '../session';
import { Positions, syncOpenDocuments, workspaceOf } from './locations';

/**
 * `textDocument/definition` and `textDocument/references` between plan requests and catalog
 * entries. Plain `Location`s, which every client understands; a definition lands on the entry's name.
 */
export const registerNavigation: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onDefinition(
    atPosition(session, 'definition', null, ({ file, offset }) => {
      syncOpenDocuments(session);
      const result = definitionAt(workspaceOf(session), file, offset);
      const targets = result?.targets.map((t) => ({
        file: t.file,
        start: t.selectionStart,
        end: t.selectionEnd,
      }));
      return targets ? new Positions(session).locations(targets) : null;
    }),
  );
  connection.onReferences(
    atPosition(session, 'references', null, ({ params, file, offset }) => {
      syncOpenDocuments(session);
      const includeDeclaration = params.context.includeDeclaration;
      const references = referencesAt(workspaceOf(session), file, offset, includeDeclaration);
      return references ? new Positions(session).locations(references) : null;
    }),
  );
  return { definitionProvider: true, referencesProvider: true };
};
