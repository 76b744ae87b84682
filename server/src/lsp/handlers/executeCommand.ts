import * as path from 'path';
import type { ExecuteCommandParams } from 'vscode-languageserver';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { predictionText } from '../../service/features/reports/predictionReport';
import { planNameOf } from '../../service/features/reports/dryRunFile';
import { PREDICT_COMMAND } from '../../../../shared/protocol';
import { answer } from '../answer';
import { editorActivity, editorOptions, editorPrediction } from '../editorPredictions';
import type { FeatureRegistrar } from '../session';

type Session = Parameters<FeatureRegistrar>[0];

/**
 * The text of {@link PREDICT_COMMAND}: the plan as `isc-plan predict` prints it (with the editor's
 * runs, seed and submission time, as the code lens), only the lensed request when one is given.
 * Null when the arguments name no plan of an open document.
 */
function predictText(session: Session, args: unknown[]): string | null {
  const [uri, plan, request] = args;
  if (typeof uri !== 'string' || typeof plan !== 'number') return null;
  const found = session.fileOf(uri);
  const doc = found?.file.docs[plan];
  if (!found || doc?.kind !== 'plan') return null;
  const requests = editorPrediction(session, found.file, doc);
  const chosen = typeof request === 'number' ? requests.filter((r) => r.index === request) : requests;
  if (chosen.length === 0) return null;
  const options = editorOptions(session, found.file, doc);
  const header = {
    file: path.basename(found.file.path),
    at: new Date(options.submittedAt).toISOString(),
    runs: options.runs,
    seed: options.seed,
    timeZone: session.service.catalogsOf(found.file, doc).catalog?.timeZone ?? null,
  };
  const report = {
    document: plan,
    name: planNameOf(doc),
    requests: chosen,
    activity: editorActivity(session, found.file, doc),
  };
  session.idleMemory.workDone();
  return predictionText(header, [report]).trimEnd();
}

/**
 * `workspace/executeCommand` for {@link PREDICT_COMMAND}, which the code lenses of editors other
 * than VS Code run: shows the prediction with `window/showMessage` (Info) and returns its text.
 */
export const registerExecuteCommand: FeatureRegistrar = (session) => {
  session.connection.onExecuteCommand(
    answer(session, 'command', null, (params: ExecuteCommandParams): string | null => {
      if (params.command !== PREDICT_COMMAND) return null;
      const text = predictText(session, params.arguments ?? []);
      if (text) {
        void session.connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: text,
        });
      }
      return text;
    }),
  );
  return { executeCommandProvider: { commands: [PREDICT_COMMAND] } };
};
