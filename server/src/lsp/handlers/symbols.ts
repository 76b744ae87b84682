import type { DocumentSymbol } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineKind, OutlineSymbol } from '../../service/features/outline/outlineSymbol';
import {
  SYMBOL_LIMIT,
  documentSymbols,
  requestChannels,
} from '../../service/features/outline/documentSymbols';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';

/** Icons: requests by channel (automated, a person's work item, a ticket for an SDIM). */
const KINDS: Record<OutlineKind, SymbolKind> = {
  plan: SymbolKind.Module,
  catalog: SymbolKind.Package,
  group: SymbolKind.Namespace,
  request: SymbolKind.Object,
  'connector-request': SymbolKind.Function,
  'manual-request': SymbolKind.Event,
  'ticketing-request': SymbolKind.Interface,
  attribute: SymbolKind.Property,
  permission: SymbolKind.Key,
  source: SymbolKind.Class,
  integration: SymbolKind.Interface,
  'status-map': SymbolKind.Enum,
  status: SymbolKind.EnumMember,
  workflow: SymbolKind.Array,
  'workflow-state': SymbolKind.EnumMember,
  'status-check': SymbolKind.Struct,
};

/** `textDocument/documentSymbol`: the hierarchical outline of plans, catalogs and exports. */
export const registerSymbols: FeatureRegistrar = (session) => {
  session.connection.onDocumentSymbol((params, token) =>
    runSafe(
      session.connection.console,
      (): DocumentSymbol[] | null => {
        const found = session.fileOf(params.textDocument.uri);
        if (!found) return null;
        const symbols = documentSymbols(found.file.docs, found.file.text, {
          limit: SYMBOL_LIMIT,
          channelOf: requestChannels(session.service, found.file),
        });
        return symbols.map((symbol) => toDocumentSymbol(found.doc.document, symbol));
      },
      null,
      'documentSymbol',
      token,
    ),
  );
  return { documentSymbolProvider: { label: 'ISC Plan' } };
};

function toDocumentSymbol(document: TextDocument, symbol: OutlineSymbol): DocumentSymbol {
  // Clients reject a selection outside its range; a recovered tree from broken text may give one.
  const inside =
    symbol.selectionStart >= symbol.start &&
    symbol.selectionEnd <= symbol.end &&
    symbol.selectionStart <= symbol.selectionEnd;
  const selectionStart = inside ? symbol.selectionStart : symbol.start;
  const result: DocumentSymbol = {
    name: symbol.name,
    kind: KINDS[symbol.kind],
    range: { start: document.positionAt(symbol.start), end: document.positionAt(symbol.end) },
    selectionRange: {
      start: document.positionAt(selectionStart),
      end: document.positionAt(inside ? symbol.selectionEnd : symbol.start),
    },
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
  if (symbol.detail) result.detail = symbol.detail;
  return result;
}
