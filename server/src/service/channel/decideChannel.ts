import type { CatalogSource, MergedCatalog, ServiceDeskIntegration } from '../catalog/types';
import type { AccountRequestView } from '../request/accountRequestView';
import { changesPassword } from '../request/accountRequestView';
import { decideFallback, flatFileMark, noneDecision } from './fallback';
import type { ChannelDecision, SplitPart } from './channelDecision';

export type { ChannelDecision, Fallback, SplitPart } from './channelDecision';

export const OPERATIONS = ['Create', 'Modify', 'Delete', 'Enable', 'Disable', 'Lock', 'Unlock'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The SaaS connector command ISC sends for each operation (docs/isc-behaviour.md#std-commands). */
export const STD_COMMANDS: Record<Operation, string | undefined> = {
  Create: 'std:account:create',
  Modify: 'std:account:update',
  Delete: 'std:account:delete',
  Enable: 'std:account:enable',
  Disable: 'std:account:disable',
  Unlock: 'std:account:unlock',
  Lock: undefined,
};

/** The features an operation needs for ISC to run it through the source's connector (docs/prediction-model.md#channel-decision). */
export function requiredFeatures(operation: string, password: boolean): string[] {
  switch (operation) {
    case 'Enable':
    case 'Disable':
      return ['PROVISIONING', 'ENABLE'];
    case 'Unlock':
      return ['PROVISIONING', 'UNLOCK'];
    case 'Lock':
      return [];
    case 'Modify':
      return password ? ['PROVISIONING', 'PASSWORD'] : ['PROVISIONING'];
    default:
      return ['PROVISIONING'];
  }
}

/** The channel decision of docs/prediction-model.md#channel-decision, in its eight steps. */
export function decideChannel(view: AccountRequestView, catalog: MergedCatalog | undefined): ChannelDecision {
  const sourceName = view.source?.value ?? '';
  const source = catalog?.findSource(sourceName);
  if (!catalog || !source) return decideUnknown(view, sourceName, catalog !== undefined);
  const operation = view.operation?.value ?? 'Modify';
  const integration = catalog.integrationsManaging(source)[0];
  if (integration) return decideTicketing(source, integration, operation);
  const password = operation === 'Modify' && changesPassword(view);
  const flat = flatFileMark(source);
  const needed = requiredFeatures(operation, password);
  const missing = needed.filter((feature) => !source.features.includes(feature));
  if (password) {
    if (flat === undefined && missing.length === 0) {
      return decideConnector(view, source, catalog, needed, true);
    }
    return noneDecision(source, true, [passwordReason(source, flat, missing)]);
  }
  if (operation === 'Lock') return noneDecision(source, false, [lockReason()]);
  if (flat !== undefined) {
    const why = `${source.name} is a flat-file source (${flat}): ISC does not provision it through a connector, whatever its features say`;
    return decideFallback(source, catalog, operation, { cause: 'flat-file', why }, []);
  }
  if (missing.length === 0) return decideConnector(view, source, catalog, needed, false);
  const why = missingReason(source, operation, needed, missing);
  return decideFallback(source, catalog, operation, { cause: 'missing-features', why }, missing);
}

function decideUnknown(view: AccountRequestView, sourceName: string, hasCatalog: boolean): ChannelDecision {
  const where = hasCatalog ? 'No loaded catalog has' : 'No catalog is loaded, so isc-plan knows no';
  const reasons = [
    `${where} a source named "${sourceName}", so the channel ISC would use cannot be derived.`,
  ];
  const declared = view.channel?.value;
  if (declared === 'connector' || declared === 'manual' || declared === 'ticketing' || declared === 'none') {
    reasons.push(`The prediction rests on the request's declared channel "${declared}" alone.`);
    return { channel: declared, target: null, reasons, missingFeatures: [], declaredOnly: true, parts: [] };
  }
  return { channel: 'unknown', target: null, reasons, missingFeatures: [], declaredOnly: false, parts: [] };
}

function decideTicketing(
  source: CatalogSource,
  integration: ServiceDeskIntegration,
  operation: string,
): ChannelDecision {
  return {
    channel: 'ticketing',
    target: integration.name,
    reasons: [
      `"${integration.name}" lists ${source.name} in its managed sources; ISC sends the whole ${operation} to it as a ticket and never splits a source between an SDIM and its connector.`,
    ],
    source,
    integration,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
}

function passwordReason(source: CatalogSource, flat: string | undefined, missing: string[]): string {
  const why =
    flat !== undefined
      ? `${source.name} is a flat-file source (${flat})`
      : `${source.name} lacks ${missing.length === 1 ? `the ${missing[0]} feature` : `the features ${missing.join(' and ')}`}`;
  return `${why}, and ISC changes passwords only through Password Management on sources that can take them (PROVISIONING and PASSWORD); it creates no work item and no ticket for a password change, so nothing happens to this password.`;
}

function lockReason(): string {
  return 'ISC has no lock action: no connector command locks an account and ISC creates no task for a Lock, so nothing happens (accounts get locked on the source itself, e.g. after failed logins). To stop access, Disable the account.';
}

function missingReason(
  source: CatalogSource,
  operation: string,
  needed: string[],
  missing: string[],
): string {
  const lacks = missing.length === 1 ? `the ${missing[0]} feature` : `the features ${missing.join(' and ')}`;
  const has = needed.filter((feature) => !missing.includes(feature));
  const partly = has.length > 0 ? ` has ${has.join(' and ')} but` : '';
  return `${source.name}${partly} lacks ${lacks}, which ${operation} needs through a connector`;
}

function decideConnector(
  view: AccountRequestView,
  source: CatalogSource,
  catalog: MergedCatalog,
  needed: string[],
  password: boolean,
): ChannelDecision {
  const operation = view.operation?.value ?? 'Modify';
  const command = password ? 'std:change-password' : STD_COMMANDS[operation as Operation];
  const via = command ? ` (for a SaaS connector: ${command})` : '';
  const what = password ? 'password change' : operation;
  const decision: ChannelDecision = {
    channel: 'connector',
    target: source.name,
    reasons: [`${source.name} has ${needed.join(' and ')}, so ISC sends the ${what} to its connector${via}.`],
    source,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
  if (password) decision.password = true;
  if (view.permissionRequests.length > 0 && source.features.includes('NO_PERMISSIONS_PROVISIONING')) {
    decision.parts.push(splitPart(source, catalog, view.permissionRequests.length));
  }
  return decision;
}

function splitPart(source: CatalogSource, catalog: MergedCatalog, count: number): SplitPart {
  const requests = `the ${count} permission request${count === 1 ? '' : 's'}`;
  const start = `${source.name} has NO_PERMISSIONS_PROVISIONING, so ISC converts ${requests}`;
  const rest = 'the rest of the request goes to the connector.';
  const universal = catalog.universalManagers[0];
  if (universal) {
    return {
      part: 'permissionRequests',
      channel: 'ticketing',
      target: universal.name,
      integration: universal,
      reasons: [
        `${start} into a ticket for the universal SDIM "${universal.name}" (isc-plan's reading: the universal SDIM takes what would otherwise be a work item); ${rest}`,
      ],
    };
  }
  const owner = source.owner?.name ?? null;
  const who = owner ? `its owner ${owner}` : 'its owner (the source has none)';
  return {
    part: 'permissionRequests',
    channel: 'manual',
    target: owner,
    reasons: [`${start} into a manual work item for ${who}; ${rest}`],
  };
}
