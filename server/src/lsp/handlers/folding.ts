import type { FoldingRange } from 'vscode-languageserver';
import { FOLDING_LIMIT, foldingRanges } from '../../service/features/outline/folding';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';

/** `textDocument/foldingRange`: each multi-line mapping and sequence of a plan or catalog, YAML or JSON. */
export const registerFolding: FeatureRegistrar = (session) => {
  session.connection.onFoldingRanges((params, token) =>
    runSafe(
      session.connection.console,
      (): FoldingRange[] | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        const { document } = found.doc;
        const result: FoldingRange[] = [];
        let lastStart = -1;
        for (const range of foldingRanges(found.file.docs, found.file.text, FOLDING_LIMIT)) {
          const startLine = document.positionAt(range.start).line;
          const endLine = document.positionAt(range.end).line;
          // Ranges come ordered, outer first at one offset: one range per start line, as clients keep.
          if (endLine <= startLine || startLine === lastStart) continue;
          result.push({ startLine, endLine });
          lastStart = startLine;
        }
        return result;
      },
      null,
      'foldingRange',
      token,
    ),
  );
  return { foldingRangeProvider: true };
};
