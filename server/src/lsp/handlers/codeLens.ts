import type { CodeLens } from 'vscode-languageserver';
import { lensTitle } from '../../service/features/reports/predictionReport';
import { editorPrediction } from '../editorPredictions';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';

/**
 * `textDocument/codeLens`: over each account request, its channel and delays
 * (`connector · committed ~2 min (p90 1 h) · verified ~8 h`); clicking opens the dry run there.
 */
export const registerCodeLens: FeatureRegistrar = (session) => {
  session.connection.onCodeLens((params, token) =>
    runSafe(
      session.connection.console,
      (): CodeLens[] => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found || !session.settings.get(found.file.path).codeLens.enabled) return [];
        const { document } = found.doc;
        const lenses: CodeLens[] = [];
        found.file.docs.forEach((doc, docIndex) => {
          if (doc.kind !== 'plan' || doc.requests.length === 0) return;
          const predictions = editorPrediction(session, found.file, doc);
          doc.requests.forEach((state, index) => {
            const prediction = predictions[index];
            if (!prediction) return;
            const start = document.positionAt(state.node.start);
            lenses.push({
              range: { start, end: start },
              command: {
                title: lensTitle(prediction),
                command: 'iscPlan.dryRun',
                arguments: [params.textDocument.uri, docIndex, index],
              },
            });
          });
        });
        session.idleMemory.workDone();
        return lenses;
      },
      [],
      'code lenses',
      token,
    ),
  );
  return { codeLensProvider: { resolveProvider: false } };
};
