import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { FixData } from '../../service/findings/finding';
import { quickFix } from '../../service/features/edits/quickFixes';
import type { DiagnosticData } from '../convert';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';

function fixesOf(diagnostic: Diagnostic): FixData[] {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return diagnostic.source === 'isc-plan' && Array.isArray(data?.fixes) ? data.fixes : [];
}

/** `textDocument/codeAction`: the quick fixes the rules attached to their diagnostics. */
export const registerCodeActions: FeatureRegistrar = (session) => {
  session.connection.onCodeAction((params, token) =>
    runSafe(
      session.connection.console,
      (): CodeAction[] => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return [];
        const { document } = found.doc;
        const text = document.getText();
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
          const offset = document.offsetAt(diagnostic.range.start);
          const planDoc = session.service.documentAt(found.file, offset);
          fixesOf(diagnostic).forEach((fix, index) => {
            const repaired = quickFix(
              text,
              found.file.type.format,
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
                    range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
                    newText: e.newText,
                  })),
                },
              },
            });
          });
        }
        return actions;
      },
      [],
      'code actions',
      token,
    ),
  );
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } };
};
