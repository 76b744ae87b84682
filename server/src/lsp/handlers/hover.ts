import type { Hover } from 'vscode-languageserver';
import { hoverAt } from '../../service/features/hover/hover';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';
import { predictionContext } from '../editorPredictions';

/** `textDocument/hover`: every key and value explains itself; a request shows its prediction. */
export const registerHover: FeatureRegistrar = (session) => {
  session.connection.onHover((params, token) =>
    runSafe(
      session.connection.console,
      (): Hover | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        const offset = found.doc.document.offsetAt(params.position);
        const doc = session.service.documentAt(found.file, offset);
        if (!doc) return null;
        const result = hoverAt(doc, offset, predictionContext(session, found.file));
        if (!result) return null;
        const { document } = found.doc;
        return {
          contents: { kind: 'markdown', value: result.markdown },
          range: { start: document.positionAt(result.start), end: document.positionAt(result.end) },
        };
      },
      null,
      'hover',
      token,
    ),
  );
  return { hoverProvider: true };
};
