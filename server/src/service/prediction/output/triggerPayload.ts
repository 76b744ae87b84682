/**
 * What ISC's Provisioning Completed event trigger (`idn:post-provisioning`) would carry for the
 * representative run, valid against the trigger's input schema
 * (`schemas/isc/provisioning-completed-trigger.schema.yaml`). Ids the plan and catalogs do not
 * give are stable placeholders derived from names, and each one is listed in `notes`.
 */

import type { CompiledPlan } from '../engine/compiledPlan';
import type { RunOutput } from '../engine/runOutput';
import { OUT_PARTIAL } from '../engine/runOutput';
import type { PredictionInput, PredictionRequest } from '../input/predictionInput';
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

function identity(
  role: string,
  given: { name: string; id?: string } | undefined,
  notes: Notes,
): TriggerIdentity {
  const name = given?.name ?? `unknown ${role}`;
  if (!given) notes.add(`The plan names no ${role}: "${name}" is a placeholder.`);
  if (given?.id) return { type: 'IDENTITY', id: given.id, name };
  const id = placeholderId('identity', name);
  notes.add(`The ${role} ${name} has no id in the plan: ${id} is a placeholder derived from the name.`);
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
        `Request #${request.index}: the attribute request "${attribute.name}" has the operation "${attribute.operation}", which the trigger cannot carry (Add, Set or Remove); it is left out.`,
      );
      continue;
    }
    const values = Array.isArray(attribute.value) ? (attribute.value as unknown[]) : [attribute.value];
    if (values.length === 0) values.push(null);
    for (const value of values) {
      out.push({ attributeName: attribute.name, attributeValue: valueText(value), operation });
    }
  }
  return out;
}

interface Collected {
  errors: string[];
  warnings: string[];
}

function accountRequest(
  request: PredictionRequest,
  unit: number,
  run: RunOutput,
  notes: Notes,
  collected: Collected,
): TriggerAccountRequest {
  const decision = request.decision;
  const source = decision.declaredOnly ? undefined : decision.source;
  const name = source?.name ?? request.source;
  let id = source?.id;
  if (!id) {
    id = placeholderId('source', name);
    notes.add(`The source ${name} has no id in the catalogs: ${id} is a placeholder derived from the name.`);
  }
  const entry: TriggerAccountRequest = {
    source: { id, type: 'SOURCE', name },
    accountOperation: request.operation,
    provisioningResult: 'PENDING',
    provisioningTarget: name,
  };
  if (request.nativeIdentity) entry.accountId = request.nativeIdentity;
  if (decision.channel === 'connector') {
    const committed = !Number.isNaN(run.committed[run.at(unit, 0)]!);
    entry.provisioningResult = committed ? 'SUCCESS' : 'FAILED';
    if (!committed) collected.errors.push(`Connector ${name} failed`);
    if (committed && run.outcome[run.at(unit, 0)] === OUT_PARTIAL) {
      collected.warnings.push(`Some attribute requests on ${name} failed (partial success)`);
    }
  }
  if (decision.channel === 'ticketing') {
    entry.provisioningTarget =
      decision.integration?.name ?? decision.target ?? 'unknown service desk integration';
    if (!decision.integration && !decision.target) {
      notes.add(
        `Request #${request.index}: no catalog names the SDIM for ${name}, so provisioningTarget is a placeholder.`,
      );
    }
    entry.ticketId = String(
      10_000_000 +
        (parseInt(placeholderId('ticket', `${request.index}:${name}`).slice(0, 8), 16) % 90_000_000),
    );
    notes.add(
      `Request #${request.index}: ticketId ${entry.ticketId} is a placeholder; ISC takes it from the ticket the SDIM creates.`,
    );
  }
  const attributes = attributeRequests(request, notes);
  if (attributes.length > 0) entry.attributeRequests = attributes;
  return entry;
}

/**
 * The trigger payload for the representative run (`run`, one column): provisioningResult is what
 * ISC knows when it dispatches provisioning (connector: the outcome of its attempts; manual work
 * items and tickets: PENDING).
 */
export function buildTrigger(input: PredictionInput, compiled: CompiledPlan, run: RunOutput): TriggerOutput {
  const notes = new Notes();
  const collected: Collected = { errors: [], warnings: [] };
  const accountRequests: TriggerAccountRequest[] = [];
  input.requests.forEach((request, position) => {
    const unit = compiled.unitsOf[position]!.main;
    if (unit < 0) {
      notes.add(
        `Request #${request.index} (${request.source}) is left out: no catalog knows its source, so ISC would not provision it.`,
      );
      return;
    }
    accountRequests.push(accountRequest(request, unit, run, notes, collected));
  });
  const sources = [...new Set(accountRequests.map((entry) => entry.source.name))].join(', ');
  const recipient = identity('recipient', input.plan.identity, notes);
  let trackingNumber = input.plan.trackingId;
  if (!trackingNumber) {
    trackingNumber = placeholderId(
      'tracking',
      `${input.plan.name ?? ''}\u0000${recipient.name}\u0000${sources}`,
    );
    notes.add(
      `The plan has no trackingId: ${trackingNumber} is a placeholder trackingNumber derived from the plan's name, recipient and sources.`,
    );
  }
  const payload: TriggerOutput['payload'] = { trackingNumber, sources, recipient, accountRequests };
  if (input.plan.requester) payload.requester = identity('requester', input.plan.requester, notes);
  if (collected.errors.length > 0) payload.errors = collected.errors;
  if (collected.warnings.length > 0) payload.warnings = collected.warnings;
  return { payload, notes: notes.list };
}
