import type { DocumentSymbol } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineKind, OutlineSymbol } from '../../service/features/outline/outlineSymbol';
import {
  SYMBOL_LIMIT,
  documentSymbols,
  requestChannels,
} from '../../service/features/outline/documentSymbols';
import { inDocument } from '../answer';
import { rangeAt } from '../convert';
import type { FeatureRegistrar } from '../session';

/** Icons: requests by channel (automated, a person's work item, a ticket for an SDIM, nothing). */
const KINDS: Record<OutlineKind, SymbolKind> = {
  plan: SymbolKind.Module,
  catalog: SymbolKind.Package,
  group: SymbolKind.Namespace,
  request: SymbolKind.Object,
  'connector-request': SymbolKind.Function,
  'manual-request': SymbolKind.Event,
  'ticketing-request': SymbolKind.Interface,
  'none-request': SymbolKind.Null,
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
  session.connection.onDocumentSymbol(
    inDocument(session, 'documentSymbol', null, ({ file, document }): DocumentSymbol[] =>
      documentSymbols(file.docs, file.text, {
        limit: SYMBOL_LIMIT,
        channelOf: requestChannels(session.service, file),
      }).map((symbol) => toDocumentSymbol(document, symbol)),
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
    range: rangeAt(document, symbol.start, symbol.end),
    selectionRange: rangeAt(document, selectionStart, inside ? symbol.selectionEnd : symbol.start),
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
  if (symbol.detail) result.detail = symbol.detail;
  return result;
}
