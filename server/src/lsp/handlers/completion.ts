import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionAt } from '../../service/features/completion/completion';
import type { CompletionEntry, CompletionKind } from '../../service/features/completion/completionTypes';
import { inDocument } from '../answer';
import { rangeAt } from '../convert';
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
  session.connection.onCompletion(
    inDocument(session, 'completion', null, ({ file, document, offset }): CompletionList => {
      const answer = completionAt({
        text: file.text,
        offset,
        format: file.type.format,
        role: file.type.role,
        doc: session.service.documentAt(file, offset),
        catalogOf: (doc) => session.service.catalogsOf(file, doc).catalog,
      });
      return {
        isIncomplete: answer.isIncomplete,
        items: answer.items.map((entry) => toItem(entry, document)),
      };
    }),
  );
  return { completionProvider: { triggerCharacters: [' ', '"', "'", '['], resolveProvider: false } };
};

function toItem(entry: CompletionEntry, document: TextDocument): CompletionItem {
  const range = rangeAt(document, entry.start, entry.end);
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
      range: rangeAt(document, e.start, e.end),
      newText: e.text,
    }));
  }
  return item;
}
