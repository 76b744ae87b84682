import type { CodeLens } from 'vscode-languageserver';
import { lensTitle } from '../../service/features/reports/predictionReport';
import { activityText } from '../../../../shared/format';
import { inDocument } from '../answer';
import { editorActivity, editorPrediction } from '../editorPredictions';
import type { FeatureRegistrar } from '../session';
import type { LensCommandArguments } from '../../../../shared/protocol';
import { DRY_RUN_VIEW_COMMAND, PREDICT_COMMAND } from '../../../../shared/protocol';

/**
 * `textDocument/codeLens`: over each plan, its account activity (`account activity: COMPLETED
 * ~1 d · SUCCESS 90 % · INCOMPLETE 10 %`); over each account request, its channel and delays
 * (`connector · committed ~2 min (p90 1 h) · verified ~8 h`). Clicking opens the dry run there in
 * VS Code (a client that runs {@link DRY_RUN_VIEW_COMMAND}); in other editors it runs the server's
 * {@link PREDICT_COMMAND}, which shows the prediction as text.
 */
export const registerCodeLens: FeatureRegistrar = (session) => {
  session.connection.onCodeLens(
    inDocument(session, 'code lenses', [], ({ params, file, document }): CodeLens[] => {
      if (!session.settings.get(file.path).codeLens.enabled) return [];
      const command = session.clientCommands.has(DRY_RUN_VIEW_COMMAND)
        ? DRY_RUN_VIEW_COMMAND
        : PREDICT_COMMAND;
      const lenses: CodeLens[] = [];
      file.docs.forEach((doc, docIndex) => {
        if (doc.kind !== 'plan' || doc.requests.length === 0) return;
        const predictions = editorPrediction(session, file, doc);
        if (doc.root) {
          const start = document.positionAt(doc.root.start);
          lenses.push({
            range: { start, end: start },
            command: {
              title: `account activity: ${activityText(editorActivity(session, file, doc))}`,
              command,
              arguments: [params.textDocument.uri, docIndex] satisfies LensCommandArguments,
            },
          });
        }
        doc.requests.forEach((state, index) => {
          const prediction = predictions[index];
          if (!prediction) return;
          const start = document.positionAt(state.node.start);
          lenses.push({
            range: { start, end: start },
            command: {
              title: lensTitle(prediction),
              command,
              arguments: [params.textDocument.uri, docIndex, index] satisfies LensCommandArguments,
            },
          });
        });
      });
      session.idleMemory.workDone();
      return lenses;
    }),
  );
  return { codeLensProvider: { resolveProvider: false } };
};
