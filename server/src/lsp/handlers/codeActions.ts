import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { FixData } from '../../service/findings/finding';
import { quickFix } from '../../service/features/edits/quickFixes';
import { inDocument } from '../answer';
import type { DiagnosticData } from '../convert';
import { rangeAt } from '../convert';
import type { FeatureRegistrar } from '../session';

function fixesOf(diagnostic: Diagnostic): FixData[] {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return diagnostic.source === 'isc-plan' && Array.isArray(data?.fixes) ? data.fixes : [];
}

/** `textDocument/codeAction`: the quick fixes the rules attached to their diagnostics. */
export const registerCodeActions: FeatureRegistrar = (session) => {
  session.connection.onCodeAction(
    inDocument(session, 'code actions', [], ({ params, file, document }): CodeAction[] => {
      const text = document.getText();
      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        const planDoc = session.service.documentAt(file, document.offsetAt(diagnostic.range.start));
        fixesOf(diagnostic).forEach((fix, index) => {
          const repaired = quickFix(
            text,
            file.type.format,
            fix,
            planDoc?.kind === 'plan' ? planDoc : undefined,
          );
          if (!repaired) return;
          actions.push({
            title: repaired.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: index === 0,
            edit: {
              changes: {
                [params.textDocument.uri]: repaired.edits.map((e) => ({
                  range: rangeAt(document, e.start, e.end),
                  newText: e.newText,
                })),
              },
            },
          });
        });
      }
      return actions;
    }),
  );
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } };
};
