import type { FoldingRange } from 'vscode-languageserver';
import { FOLDING_LIMIT, foldingRanges } from '../../service/features/outline/folding';
import { inDocument } from '../answer';
import type { FeatureRegistrar } from '../session';

/** `textDocument/foldingRange`: each multi-line mapping and sequence of a plan or catalog, YAML or JSON. */
export const registerFolding: FeatureRegistrar = (session) => {
  session.connection.onFoldingRanges(
    inDocument(session, 'foldingRange', null, ({ file, document }): FoldingRange[] => {
      const result: FoldingRange[] = [];
      let lastStart = -1;
      for (const range of foldingRanges(file.docs, file.text, FOLDING_LIMIT)) {
        const startLine = document.positionAt(range.start).line;
        const endLine = document.positionAt(range.end).line;
        // Ranges come ordered, outer first at one offset: one range per start line, as clients keep.
        if (endLine <= startLine || startLine === lastStart) continue;
        result.push({ startLine, endLine });
        lastStart = startLine;
      }
      return result;
    }),
  );
  return { foldingRangeProvider: true };
};
