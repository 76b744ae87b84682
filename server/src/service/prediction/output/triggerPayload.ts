/**
 * What ISC's Provisioning Completed event trigger (`idn:post-provisioning`) would carry for the
 * representative run, valid against the trigger's input schema
 * (`schemas/isc/provisioning-completed-trigger.schema.yaml`). One payload per plan: one plan is
 * one account activity, with one tracking number. Ids the plan and catalogs do not give are
 * stable placeholders, and each one is listed in `notes`.
 */

import type { CompiledPlan } from '../engine/compiledPlan';
import type { RunOutput } from '../engine/runOutput';
import { OUT_PARTIAL } from '../engine/runOutput';
import type { ActivityTimeline } from '../engine/activity';
import { itemEnd } from '../engine/activity';
import type { PlanFacts, PredictionInput, PredictionRequest } from '../input/predictionInput';
import { DEFAULT_SEED } from '../../../../../shared/prediction';
import { humanDuration, requestNumber } from '../../../../../shared/format';
import type {
  TriggerAccountRequest,
  TriggerAttributeRequest,
  TriggerIdentity,
  TriggerOutput,
} from '../../../../../shared/simulation';
import { hash32 } from '../engine/random';

/** 32 lowercase hex digits derived from `kind` and `name` only: the same on every run and machine. */
export function placeholderId(kind: string, name: string): string {
  const text = `${kind}:${name}`;
  let id = '';
  for (let round = 0; round < 4; round++) {
    let h = (0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    id += hash32(h).toString(16).padStart(8, '0');
  }
  return id;
}

class Notes {
  readonly list: string[] = [];
  add(text: string): void {
    if (!this.list.includes(text)) this.list.push(text);
  }
}

/** The trigger's identity: `name` is the display name ([spec-trigger]), else the identity's name. */
function identity(role: string, given: PlanFacts['identity'], notes: Notes): TriggerIdentity {
  const name = given?.displayName ?? given?.name ?? `unknown ${role}`;
  if (!given) notes.add(`The plan names no ${role}: "${name}" is a placeholder.`);
  else if (!given.displayName) {
    notes.add(
      `The plan gives no displayName for the ${role} ${given.name}: ISC's ${role}.name is the display name, so the identity's name stands in for it.`,
    );
  }
  if (given?.id) return { type: 'IDENTITY', id: given.id, name };
  const id = placeholderId('identity', given?.name ?? name);
  notes.add(
    `The ${role} ${given?.name ?? name} has no id in the plan: ${id} is a placeholder derived from the name.`,
  );
  return { type: 'IDENTITY', id, name };
}

const OPERATIONS = { add: 'Add', set: 'Set', remove: 'Remove' } as const;

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** The trigger's attribute requests: a list value becomes one entry per value. */
function attributeRequests(request: PredictionRequest, notes: Notes): TriggerAttributeRequest[] {
  const out: TriggerAttributeRequest[] = [];
  for (const attribute of request.attributeRequests) {
    const operation = OPERATIONS[attribute.operation.toLowerCase() as keyof typeof OPERATIONS];
    if (!operation) {
      notes.add(
        `Request ${requestNumber(request.index)}: the attribute request "${attribute.name}" has the operation "${attribute.operation}", which the trigger cannot carry (Add, Set or Remove); it is left out.`,
      );
      continue;
    }
    const values = Array.isArray(attribute.value) ? (attribute.value as unknown[]) : [attribute.value];
    if (values.length === 0) values.push(null);
    if (values.length > 1) {
      notes.add(
        `Request ${requestNumber(request.index)}: "${attribute.name}" has ${values.length} values, sent as one attribute request each (the model's assumption: attributeValue holds one value).`,
      );
    }
    for (const value of values) {
      out.push({ attributeName: attribute.name, attributeValue: valueText(value), operation });
    }
  }
  return out;
}

/** What the payload's account requests are built from. */
interface Context {
  run: RunOutput;
  compiled: CompiledPlan;
  /** When ISC has dispatched every item (the last connector answer): the trigger's moment. */
  moment: number;
  notes: Notes;
  errors: string[];
  warnings: string[];
}

/** The item's result at the trigger's moment: committed SUCCESS, failed FAILED, else PENDING. */
function resultOf(unit: number, ctx: Context): TriggerAccountRequest['provisioningResult'] {
  const { run, compiled, moment } = ctx;
  const end = itemEnd(compiled.state.units[unit]!, run, unit, 0);
  if (!(end.left <= moment)) return 'PENDING';
  return Number.isNaN(run.committed[run.at(unit, 0)]!) ? 'FAILED' : 'SUCCESS';
}

function sourceRef(request: PredictionRequest, notes: Notes): TriggerAccountRequest['source'] {
  const decision = request.decision;
  const source = decision.declaredOnly ? undefined : decision.source;
  const name = source?.name ?? request.source;
  let id = source?.id;
  if (!id) {
    id = placeholderId('source', name);
    notes.add(`The source ${name} has no id in the catalogs: ${id} is a placeholder derived from the name.`);
  }
  return { id, type: 'SOURCE', name };
}

/** A placeholder ticket number of eight digits, and its note. */
function ticketId(request: PredictionRequest, key: string, notes: Notes): string {
  const id = String(10_000_000 + (parseInt(placeholderId('ticket', key).slice(0, 8), 16) % 90_000_000));
  notes.add(
    `Request ${requestNumber(request.index)}: ticketId ${id} is a placeholder; ISC takes it from the ticket the SDIM creates.`,
  );
  return id;
}

function accountRequest(request: PredictionRequest, unit: number, ctx: Context): TriggerAccountRequest {
  const { notes, run } = ctx;
  const decision = request.decision;
  const source = sourceRef(request, notes);
  const name = source.name;
  const entry: TriggerAccountRequest = {
    source,
    accountOperation: request.operation,
    provisioningResult: resultOf(unit, ctx),
    provisioningTarget: name,
  };
  if (request.nativeIdentity) entry.accountId = request.nativeIdentity;
  if (decision.channel === 'connector' && entry.provisioningResult === 'FAILED') {
    ctx.errors.push(`Connector ${name} failed`);
    notes.add(
      `The error text "Connector ${name} failed" follows ISC's example; ISC's own wording is not documented.`,
    );
  }
  if (entry.provisioningResult === 'SUCCESS' && run.outcome[run.at(unit, 0)] === OUT_PARTIAL) {
    ctx.warnings.push(`Some attribute requests on ${name} failed (partial success)`);
    notes.add(`The warning about a partial success on ${name} is the model's wording: ISC documents none.`);
  }
  if (decision.channel === 'manual') {
    notes.add(
      `Request ${requestNumber(request.index)}: provisioningTarget of a manual work item is the source's name (the model's assumption; ISC does not spell it out).`,
    );
  }
  if (decision.channel === 'ticketing') {
    entry.provisioningTarget =
      decision.integration?.name ?? decision.target ?? 'unknown service desk integration';
    if (!decision.integration && !decision.target) {
      notes.add(
        `Request ${requestNumber(request.index)}: no catalog names the SDIM for ${name}, so provisioningTarget is a placeholder.`,
      );
    }
    entry.ticketId = ticketId(request, `${request.index}:${name}`, notes);
  }
  const attributes = attributeRequests(request, notes);
  if (attributes.length > 0) entry.attributeRequests = attributes;
  return entry;
}

/**
 * The permission requests a `NO_PERMISSIONS_PROVISIONING` source splits off: their own account
 * request on the same account, through the fallback channel (a work item: the source is the
 * target; a ticket: the SDIM), with their own result.
 */
function partRequest(
  request: PredictionRequest,
  k: number,
  unit: number,
  ctx: Context,
): TriggerAccountRequest {
  const part = request.decision.parts[k]!;
  const source = sourceRef(request, ctx.notes);
  const entry: TriggerAccountRequest = {
    source,
    accountOperation: request.operation,
    provisioningResult: resultOf(unit, ctx),
    provisioningTarget: source.name,
  };
  if (request.nativeIdentity) entry.accountId = request.nativeIdentity;
  if ((part.channel as string) === 'ticketing') {
    entry.provisioningTarget = part.target ?? 'unknown service desk integration';
    entry.ticketId = ticketId(request, `${request.index}:permissions:${source.name}`, ctx.notes);
  }
  ctx.notes.add(
    `Request ${requestNumber(request.index)}: its permission requests are split off (NO_PERMISSIONS_PROVISIONING) and appear as their own account request to ${entry.provisioningTarget}; the trigger has no field for permission requests, so that entry carries none.`,
  );
  return entry;
}

/** When ISC has dispatched every item: the last connector answer (commit or final failure), else submission. */
function dispatchMoment(input: PredictionInput, compiled: CompiledPlan, run: RunOutput): number {
  let moment = 0;
  input.requests.forEach((request, position) => {
    const main = compiled.unitsOf[position]!.main;
    if (main < 0 || request.decision.channel !== 'connector') return;
    const end = itemEnd(compiled.state.units[main]!, run, main, 0);
    if (end.left > moment) moment = end.left;
  });
  return moment;
}

/** A 32-hex tracking number for the plan's activity: ISC assigns its own at submission. */
function trackingNumberOf(input: PredictionInput, recipient: string, sources: string, notes: Notes): string {
  const seed = Number.isFinite(input.options.seed) ? input.options.seed : DEFAULT_SEED;
  const plan = input.plan;
  const key = [seed, plan.trackingId ?? '', plan.name ?? '', recipient, sources].join('\u0000');
  const trackingNumber = placeholderId('tracking', key);
  const instead = plan.trackingId ? ` (not the plan's trackingId ${plan.trackingId})` : '';
  notes.add(
    `trackingNumber ${trackingNumber} is a placeholder derived from the seed and the plan: ISC gives each account activity its own tracking number${instead}.`,
  );
  return trackingNumber;
}

/**
 * The trigger payload for the representative run (`run`, one column), at the moment ISC has
 * dispatched every item (the last connector answer): each account request's `provisioningResult`
 * is its item's state then (COMMITED: SUCCESS, FAILED: FAILED, else PENDING). Requests ISC does
 * nothing for (channel `none`, such as a Lock) and requests to unknown sources are left out.
 */
export function buildTrigger(
  input: PredictionInput,
  compiled: CompiledPlan,
  run: RunOutput,
  activity: ActivityTimeline,
): TriggerOutput {
  const notes = new Notes();
  const moment = dispatchMoment(input, compiled, run);
  const ctx: Context = { run, compiled, moment, notes, errors: [], warnings: [] };
  const accountRequests: TriggerAccountRequest[] = [];
  input.requests.forEach((request, position) => {
    const { main, parts } = compiled.unitsOf[position]!;
    if (request.decision.channel === 'none') {
      notes.add(
        `Request ${requestNumber(request.index)} (${request.operation} on ${request.source}) is left out: ISC performs no operation for it (no connector call, no work item, no ticket).`,
      );
      return;
    }
    if (main < 0) {
      notes.add(
        `Request ${requestNumber(request.index)} (${request.source}) is left out: no catalog knows its source, so ISC would not provision it.`,
      );
      return;
    }
    accountRequests.push(accountRequest(request, main, ctx));
    parts.forEach((unit, k) => accountRequests.push(partRequest(request, k, unit, ctx)));
  });
  const sources = [...new Set(accountRequests.map((entry) => entry.source.name))].join(', ');
  const recipient = identity('recipient', input.plan.identity, notes);
  const trackingNumber = trackingNumberOf(input, recipient.name, sources, notes);
  const words = activity.at(moment);
  notes.add(
    `The payload is what ISC knows ${moment > 0 ? `${humanDuration(moment)} after submission, when the last connector answered` : 'at submission'}; the plan's account activity is then ${words.executionStatus}, completionStatus ${words.completionStatus}.`,
  );
  const payload: TriggerOutput['payload'] = { trackingNumber, sources, recipient, accountRequests };
  if (input.plan.requester) payload.requester = identity('requester', input.plan.requester, notes);
  if (ctx.errors.length > 0) payload.errors = ctx.errors;
  if (ctx.warnings.length > 0) payload.warnings = ctx.warnings;
  return { payload, notes: notes.list };
}
