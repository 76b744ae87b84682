import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionAt } from '../../service/features/completion/completion';
import type { CompletionEntry, CompletionKind } from '../../service/features/completion/completionTypes';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  source: CompletionItemKind.Reference,
  integration: CompletionItemKind.Reference,
  attribute: CompletionItemKind.Field,
};

/** `textDocument/completion`: keys, values, tenant names and snippets, in YAML and JSON plans and catalogs. */
export const registerCompletion: FeatureRegistrar = (session) => {
  session.connection.onCompletion((params, token) =>
    runSafe(
      session.connection.console,
      (): CompletionList | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        const { document } = found.doc;
        const offset = document.offsetAt(params.position);
        const answer = completionAt({
          text: found.file.text,
          offset,
          format: found.file.type.format,
          role: found.file.type.role,
          doc: session.service.documentAt(found.file, offset),
          catalogOf: (doc) => session.service.catalogsOf(found.file, doc).catalog,
        });
        return {
          isIncomplete: answer.isIncomplete,
          items: answer.items.map((entry) => toItem(entry, document)),
        };
      },
      null,
      'completion',
      token,
    ),
  );
  return { completionProvider: { triggerCharacters: [' ', '"', "'", '['], resolveProvider: false } };
};

function toItem(entry: CompletionEntry, document: TextDocument): CompletionItem {
  const range = { start: document.positionAt(entry.start), end: document.positionAt(entry.end) };
  const item: CompletionItem = {
    label: entry.label,
    kind: KINDS[entry.kind],
    textEdit: { range, newText: entry.insertText },
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = { kind: 'markdown', value: entry.documentation };
  if (entry.sortText) item.sortText = entry.sortText;
  if (entry.filterText) item.filterText = entry.filterText;
  // The inserted lines carry their full indentation already.
  if (entry.insertText.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
  if (entry.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  if (entry.additionalEdits) {
    item.additionalTextEdits = entry.additionalEdits.map((e) => ({
      range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
      newText: e.text,
    }));
  }
  return item;
}
