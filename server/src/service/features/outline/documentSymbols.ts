import type { Channel } from '../../../../../shared/prediction';
import type { MergedCatalog } from '../../catalog/types';
import type { PlanDocument } from '../../document/planDocument';
import { ensureDecision } from '../../document/requestState';
import type {
  AccountRequestView,
  AttributeRequestView,
  Field,
  PermissionRequestView,
} from '../../request/accountRequestView';
import type { ParsedDocument } from '../../document/sourceFile';
import type { FileState, PlanService } from '../../planService';
import type { PlainValue } from '../../syntax/ast';
import { getPair, getValue, stringOf, toValue } from '../../syntax/ast';
import { catalogSymbols, sourceSymbol } from './catalogSymbols';
import type { LazySymbol, OutlineKind, OutlineSymbol } from './outlineSymbol';
import { lazy, pairSymbol } from './outlineSymbol';

export interface OutlineOptions {
  /** Most symbols returned; outer levels are filled first, so a huge plan still lists its requests. */
  limit: number;
  /** The channel of a request, when known, to tell requests apart by kind. */
  channelOf?: (doc: PlanDocument, requestIndex: number) => Channel | undefined;
}

/** The default cap on symbols (a 10,000-request plan would otherwise give 20,000 and more). */
export const SYMBOL_LIMIT = 5_000;

/**
 * The outline of a plan or catalog file: plans (by `name:` or "Plan N") with their requests and
 * each request's attribute and permission requests; catalogs with their sources and SDIMs (status
 * map, ticket workflow); tenant exports with their entries.
 */
export function documentSymbols(
  docs: readonly ParsedDocument[],
  text: string,
  options: OutlineOptions = { limit: SYMBOL_LIMIT },
): OutlineSymbol[] {
  const catalogs = docs.filter((doc) => doc.kind === 'catalog' && doc.syntax.root !== null);
  const top: LazySymbol[] = [];
  docs.forEach((doc, index) => {
    if (doc.kind === 'plan') top.push(planSymbol(doc, index, options));
    if (doc.kind !== 'catalog' || !doc.syntax.root) return;
    const entries = catalogSymbols(doc.syntax.root);
    if (catalogs.length === 1) top.push(...entries);
    else {
      top.push(
        lazy(
          `Catalog ${index + 1}`,
          undefined,
          'catalog',
          doc.syntax,
          doc.syntax.root ? { start: doc.syntax.root.start, end: doc.syntax.root.start } : undefined,
          () => entries,
        ),
      );
    }
  });
  return expandWithin(top, text, options.limit);
}

/**
 * Expands symbols breadth first until `limit` symbols are taken. A block node's range runs to the
 * next line; each symbol ends at its last non-blank character instead, so that a cursor at the
 * start of the next entry is inside that entry only.
 */
function expandWithin(top: readonly LazySymbol[], text: string, limit: number): OutlineSymbol[] {
  const result: OutlineSymbol[] = [];
  const queue: LazySymbol[] = [];
  const take = (item: LazySymbol, into: OutlineSymbol[]): void => {
    const symbol = item.symbol;
    while (
      symbol.end > symbol.selectionEnd &&
      symbol.end > symbol.start &&
      isBlank(text.charCodeAt(symbol.end - 1))
    ) {
      symbol.end--;
    }
    into.push(symbol);
    queue.push(item);
  };
  for (const item of top.slice(0, limit)) take(item, result);
  for (let i = 0; i < queue.length && queue.length < limit; i++) {
    const parent = queue[i]!;
    for (const child of parent.expand?.(limit - queue.length) ?? []) {
      if (queue.length >= limit) break;
      take(child, parent.symbol.children);
    }
  }
  return result;
}

function planSymbol(doc: PlanDocument, index: number, options: OutlineOptions): LazySymbol {
  const root = doc.root;
  const nameNode = root ? getValue(root, 'name') : undefined;
  const name = stringOf(nameNode) || `Plan ${index + 1}`;
  const count = doc.requests.length;
  const start = (root ?? doc.syntax).start;
  const selection = nameNode ?? { start, end: start };
  return lazy(name, `${count} request${count === 1 ? '' : 's'}`, 'plan', doc.syntax, selection, (budget) =>
    planChildren(doc, options, budget),
  );
}

/** The inline sources (where they are written) and the first `budget` requests of a plan. */
function planChildren(doc: PlanDocument, options: OutlineOptions, budget: number): LazySymbol[] {
  const requests: LazySymbol[] = [];
  for (let i = 0; i < doc.requests.length && requests.length < budget; i++) {
    const view = doc.requests[i]!.view;
    if (!view) continue;
    requests.push(requestSymbol(view, options.channelOf?.(doc, i)));
  }
  const sources = doc.root ? getPair(doc.root, 'sources') : undefined;
  if (sources?.value?.kind !== 'seq') return requests;
  const items = sources.value.items;
  const group = pairSymbol(sources, 'group', `${items.length} inline`, () => items.map(sourceSymbol));
  const before = !doc.requestsNode || sources.key.start < doc.requestsNode.start;
  return before ? [group, ...requests] : [...requests, group];
}

function requestSymbol(view: AccountRequestView, channel: Channel | undefined): LazySymbol {
  const name = `${view.source?.value ?? '(no source)'} · ${view.operation?.value ?? '(no operation)'}`;
  const shownChannel = channel && channel !== 'unknown' ? channel : undefined;
  const identity = view.nativeIdentity?.value;
  const detail = identity && shownChannel ? `${identity} · ${shownChannel}` : (identity ?? shownChannel);
  const kind: OutlineKind = shownChannel ? `${shownChannel}-request` : 'request';
  const children = (): LazySymbol[] => [
    ...view.attributeRequests.map(attributeSymbol),
    ...view.permissionRequests.map(permissionSymbol),
  ];
  return lazy(name, detail, kind, view.node, view.source?.node ?? view.operation?.node, children);
}

/**
 * An attribute or permission request: named by its `name` field (else `unnamed`), with its
 * operation and a summary of its value (if it has one) as the detail.
 */
function leafSymbol(
  view: AttributeRequestView | PermissionRequestView,
  name: Field | undefined,
  unnamed: string,
  kind: OutlineKind,
  value: PlainValue | undefined,
): LazySymbol {
  const detail = [view.operation?.value, value !== undefined ? summary(value) : undefined].filter(Boolean);
  return lazy(name?.value ?? unnamed, detail.join(' ') || undefined, kind, view.node, name?.node);
}

function attributeSymbol(attribute: AttributeRequestView): LazySymbol {
  const value = attribute.hasValue ? attribute.value : undefined;
  return leafSymbol(attribute, attribute.name, '(no name)', 'attribute', value);
}

function permissionSymbol(permission: PermissionRequestView): LazySymbol {
  const rights = toValue(getValue(permission.node, 'rights') ?? null);
  return leafSymbol(permission, permission.target, '(no target)', 'permission', rights ?? undefined);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * The channel of each request of a file, as validation decides it (decisions are cached with the
 * request, so an outline after validation costs no new decision).
 */
export function requestChannels(
  service: PlanService,
  file: FileState,
): NonNullable<OutlineOptions['channelOf']> {
  const catalogs = new Map<PlanDocument, MergedCatalog | undefined>();
  return (doc, index) => {
    const state = doc.requests[index];
    if (!state) return undefined;
    if (!catalogs.has(doc)) catalogs.set(doc, service.catalogsOf(file, doc).catalog);
    return ensureDecision(state, catalogs.get(doc)).decision?.channel;
  };
}

/** A value in a few characters: lists joined, long texts cut. */
function summary(value: PlainValue, max = 60): string {
  const text = Array.isArray(value)
    ? value.map((v) => (typeof v === 'object' && v !== null ? '…' : String(v))).join(', ')
    : typeof value === 'object' && value !== null
      ? '{…}'
      : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
