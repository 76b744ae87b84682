import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { Steps } from '../../service/work/steps';
import { definitionAt } from '../../service/features/navigation/definition';
import { referenceSteps } from '../../service/features/navigation/references';
import type { DocumentRequest } from '../answer';
import { inDocument } from '../answer';
import { stepwise } from '../runSafe';
import type { FeatureRegistrar, Session } from '../session';
import { Positions, syncOpenDocuments, workspaceOf } from './locations';

/** The references to the name at a position, in every file of the workspace; one step a file read. */
function* references(
  session: Session,
  { params, file, offset }: DocumentRequest<ReferenceParams>,
): Steps<Location[] | null> {
  syncOpenDocuments(session);
  const includeDeclaration = params.context.includeDeclaration;
  const found = yield* referenceSteps(workspaceOf(session), file, offset, includeDeclaration);
  return found ? new Positions(session).locations(found) : null;
}

/**
 * `textDocument/definition` and `textDocument/references` between plan requests and catalog
 * entries. Plain `Location`s, which every client understands; a definition lands on the entry's name.
 * References give way between the files they read, and stop there once cancelled.
 */
export const registerNavigation: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onDefinition(
    inDocument(session, 'definition', null, ({ file, offset }) => {
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
    inDocument(session, 'references', null, (request) => stepwise(references(session, request))),
  );
  return { definitionProvider: true, referencesProvider: true };
};
