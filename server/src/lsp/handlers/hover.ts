import type { Hover } from 'vscode-languageserver';
import { hoverAt } from '../../service/features/hover/hover';
import { inDocument } from '../answer';
import { rangeAt } from '../convert';
import { predictionContext } from '../editorPredictions';
import type { FeatureRegistrar } from '../session';

/** `textDocument/hover`: every key and value explains itself; a request shows its prediction. */
export const registerHover: FeatureRegistrar = (session) => {
  session.connection.onHover(
    inDocument(session, 'hover', null, ({ file, document, offset }): Hover | null => {
      const doc = session.service.documentAt(file, offset);
      const result = doc ? hoverAt(doc, offset, predictionContext(session, file)) : undefined;
      if (!result) return null;
      return {
        contents: { kind: 'markdown', value: result.markdown },
        range: rangeAt(document, result.start, result.end),
      };
    }),
  );
  return { hoverProvider: true };
};
