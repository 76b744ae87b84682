import type { MergedCatalog } from '../catalog/types';
import type { ChannelDecision } from '../channel/decideChannel';
import { decideChannel } from '../channel/decideChannel';
import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import { accountKeyOf } from '../rules/planRules';
import { requestRules } from '../rules/requestRules';
import { getValidators } from '../schema/schemas';
import { schemaFindings } from '../schema/schemaFindings';
import type { PlainValue, ValueNode } from '../syntax/ast';
import { toValue } from '../syntax/ast';
import type { AccountRequestView } from '../request/accountRequestView';
import { viewAccountRequest } from '../request/accountRequestView';

/**
 * One account request and everything computed from it alone. The catalog-independent part is
 * computed once per parse of the request; the catalog-dependent part is recomputed only when the
 * plan's merged catalog changes. An edit elsewhere in the plan reuses both.
 */
export interface RequestState {
  node: ValueNode;
  /** Null when the item is not a mapping (the schema reports it). */
  view: AccountRequestView | null;
  value: PlainValue;
  /** The account the request is for (source + nativeIdentity), for cross-request checks. */
  accountKey: string | undefined;
  /** `yaml-syntax` and `duplicate-key` findings inside this request. */
  syntax: Finding[];
  schema: Finding[];
  catalog?: MergedCatalog | undefined;
  catalogKnown?: boolean;
  decision?: ChannelDecision;
  rules?: Finding[];
}

/** Builds the catalog-independent state of a request item (`text`: the file's text, for YAML). */
export function createRequestState(node: ValueNode, syntax: Finding[], text?: string): RequestState {
  const value = toValue(node);
  const view = node.kind === 'map' ? viewAccountRequest(node) : null;
  // A request that does not parse is reported once, by its syntax error: what the parser
  // recovered would only add schema and rule findings of the same cause.
  const broken = syntax.some((f) => f.code === 'yaml-syntax');
  const schema = broken ? [] : schemaFindings(getValidators().accountRequest, value, node, text);
  if (node.kind === 'scalar' && node.value === null && node.start === node.end) {
    schema.push(
      finding(
        'schema',
        node.start,
        node.end,
        'This request is empty; a request needs at least source and operation.',
      ),
    );
  }
  return { node, view, value, accountKey: view ? accountKeyOf(view) : undefined, syntax, schema };
}

/** Makes sure the catalog-dependent part of the state matches `catalog`, and returns it. */
export function ensureDecision(state: RequestState, catalog: MergedCatalog | undefined): RequestState {
  if (state.decision && state.catalog === catalog && state.catalogKnown) return state;
  state.catalog = catalog;
  state.catalogKnown = true;
  if (!state.view || state.syntax.some((f) => f.code === 'yaml-syntax')) {
    delete state.decision;
    state.rules = [];
    return state;
  }
  state.decision = decideChannel(state.view, catalog);
  state.rules = requestRules({ view: state.view, decision: state.decision, catalog });
  return state;
}

/** Every finding of a request, in a stable order. */
export function requestFindings(state: RequestState): Finding[] {
  return [...state.syntax, ...state.schema, ...(state.rules ?? [])];
}
