import { shownValue } from './catalog/secrets';
import type { MergedCatalog } from './catalog/types';
import type { ChannelDecision } from './channel/decideChannel';
import type { PlanDocument } from './document/planDocument';
import type { RequestState } from './document/requestState';
import { ensureDecision } from './document/requestState';
import type {
  ApprovalStep,
  OriginType,
  PlanFacts,
  PlanOrigin,
  PredictionInput,
  PredictionOptions,
  PredictionRequest,
} from './prediction/input/predictionInput';
import type { ValueNode } from './syntax/ast';
import { getValue, stringOf } from './syntax/ast';

/** A request that cannot be decided (it does not parse, or is not a mapping). */
function undecided(state: RequestState): ChannelDecision {
  const why = state.syntax.some((f) => f.code === 'yaml-syntax')
    ? 'The request does not parse, so its channel cannot be predicted; fix the syntax error first.'
    : 'The request is not a mapping with source and operation, so its channel cannot be predicted.';
  return {
    channel: 'unknown',
    target: null,
    reasons: [why],
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
}

/** What the delay model needs from one request of a plan document. */
export function predictionRequest(
  state: RequestState,
  index: number,
  catalog: MergedCatalog | undefined,
): PredictionRequest {
  ensureDecision(state, catalog);
  const view = state.view;
  const decision = state.decision ?? undecided(state);
  const request: PredictionRequest = {
    index,
    source: view?.source?.value ?? '',
    operation: view?.operation?.value ?? '',
    decision,
    // Secrets are masked here, where values enter the prediction: no output can print them.
    attributeRequests: (view?.attributeRequests ?? []).map((a) => ({
      name: a.name?.value ?? '',
      operation: a.operation?.value ?? '',
      value: shownValue(a.name?.value ?? '', a.value, decision.source),
    })),
    permissionCount: view?.permissionRequests.length ?? 0,
  };
  if (view?.nativeIdentity) request.nativeIdentity = view.nativeIdentity.value;
  return request;
}

function identityOf(node: ReturnType<typeof getValue>): PlanFacts['identity'] {
  const name = stringOf(getValue(node, 'name'));
  if (!name) return undefined;
  const identity: NonNullable<PlanFacts['identity']> = { name };
  const id = stringOf(getValue(node, 'id'));
  if (id) identity.id = id;
  const displayName = stringOf(getValue(node, 'displayName'));
  if (displayName) identity.displayName = displayName;
  return identity;
}

/** The plan-level facts a dry run reports. */
export function planFacts(doc: PlanDocument): PlanFacts {
  const facts: PlanFacts = {};
  const root = doc.root;
  if (!root) return facts;
  const name = stringOf(getValue(root, 'name'));
  if (name) facts.name = name;
  const trackingId = stringOf(getValue(root, 'trackingId'));
  if (trackingId) facts.trackingId = trackingId;
  const identity = identityOf(getValue(root, 'identity'));
  if (identity) facts.identity = identity;
  const requester = identityOf(getValue(root, 'requester'));
  if (requester) facts.requester = requester;
  const origin = originOf(getValue(root, 'origin'));
  if (origin) facts.origin = origin;
  return facts;
}

const ORIGIN_TYPES: readonly OriginType[] = [
  'accessRequest',
  'role',
  'accessProfile',
  'lifecycle',
  'workflow',
  'api',
];

function numberOf(node: ValueNode | null | undefined): number | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'number' ? node.value : undefined;
}

/**
 * The plan's `origin` as the model reads it: an unknown type is no origin; approvals without an
 * approver or with unusable hours are left out (the schema reports them).
 */
function originOf(node: ValueNode | null | undefined): PlanOrigin | undefined {
  const type = stringOf(getValue(node, 'type')) as OriginType | undefined;
  if (!type || !ORIGIN_TYPES.includes(type)) return undefined;
  const approvals: ApprovalStep[] = [];
  const list = getValue(node, 'approvals');
  for (const item of list?.kind === 'seq' ? list.items : []) {
    const approver = stringOf(getValue(item, 'approver'));
    const hours = getValue(item, 'hours');
    const p50 = numberOf(getValue(hours, 'p50'));
    const p90 = numberOf(getValue(hours, 'p90'));
    if (!approver || p50 === undefined || p90 === undefined || !(p50 >= 0 && p90 >= p50)) continue;
    approvals.push({ approver, hours: { p50, p90 } });
  }
  const origin: PlanOrigin = { type, approvals };
  const escalationDays = numberOf(getValue(node, 'escalationDays'));
  if (escalationDays !== undefined && escalationDays > 0) origin.escalationDays = escalationDays;
  return origin;
}

/** The delay model's input for a whole plan document. */
export function predictionInput(
  doc: PlanDocument,
  catalog: MergedCatalog | undefined,
  options: PredictionOptions,
): PredictionInput {
  return {
    requests: doc.requests.map((state, index) => predictionRequest(state, index, catalog)),
    catalog,
    plan: planFacts(doc),
    options,
  };
}
