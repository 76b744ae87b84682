import type { Channel } from '../../../../shared/prediction';
import type { CatalogSource, MergedCatalog, ServiceDeskIntegration } from '../catalog/types';
import type { AccountRequestView } from '../request/accountRequestView';
import { changesPassword } from '../request/accountRequestView';

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

/** A part of a request that ISC fulfils through another channel (docs/prediction-model.md#channel-decision). */
export interface SplitPart {
  part: 'permissionRequests';
  channel: 'manual';
  target: string | null;
  reasons: string[];
}

/** Which channel ISC uses for a request, where it goes, and why, in words a user can check. */
export interface ChannelDecision {
  channel: Channel;
  /** The source (connector), the SDIM (ticketing), the owner (manual); null when nobody/unknown. */
  target: string | null;
  reasons: string[];
  source?: CatalogSource;
  integration?: ServiceDeskIntegration;
  /** Features the operation needs that the source lacks (routed to manual). */
  missingFeatures: string[];
  /** The channel comes only from the request's own `channel:` (unknown source). */
  declaredOnly: boolean;
  parts: SplitPart[];
}

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

/** The channel decision of docs/prediction-model.md#channel-decision, in its order. */
export function decideChannel(view: AccountRequestView, catalog: MergedCatalog | undefined): ChannelDecision {
  const sourceName = view.source?.value ?? '';
  const source = catalog?.findSource(sourceName);
  if (!source) return decideUnknown(view, sourceName, catalog !== undefined);
  const operation = view.operation?.value ?? 'Modify';
  const integrations = catalog?.integrationsManaging(source) ?? [];
  const integration = integrations[0];
  if (integration) return decideTicketing(source, integration, operation);
  const password = operation === 'Modify' && changesPassword(view);
  const needed = requiredFeatures(operation, password);
  const missing = needed.filter((feature) => !source.features.includes(feature));
  if (operation === 'Lock') return decideManual(source, [], lockReason(source));
  if (missing.length > 0) {
    return decideManual(source, missing, missingReason(source, operation, needed, missing));
  }
  return decideConnector(view, source, operation, needed, password);
}

function decideUnknown(view: AccountRequestView, sourceName: string, hasCatalog: boolean): ChannelDecision {
  const where = hasCatalog ? 'No loaded catalog has' : 'No catalog is loaded, so isc-plan knows no';
  const reasons = [
    `${where} a source named "${sourceName}", so the channel ISC would use cannot be derived.`,
  ];
  const declared = view.channel?.value;
  if (declared === 'connector' || declared === 'manual' || declared === 'ticketing') {
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
  const why = integration.universalManager
    ? `"${integration.name}" is a universal manager (universalManager: true), so it handles every source`
    : `"${integration.name}" lists ${source.name} in its managed sources`;
  return {
    channel: 'ticketing',
    target: integration.name,
    reasons: [
      `${why}; ISC sends the whole ${operation} to it as a ticket and never splits a source between an SDIM and its connector.`,
    ],
    source,
    integration,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
}

function decideManual(source: CatalogSource, missing: string[], reason: string): ChannelDecision {
  const owner = source.owner?.name ?? null;
  const who = owner
    ? `its owner ${owner}`
    : 'its owner, but the source has no owner, so nobody would receive it';
  return {
    channel: 'manual',
    target: owner,
    reasons: [`${reason}, so ISC creates a manual work item for ${who}.`],
    source,
    missingFeatures: missing,
    declaredOnly: false,
    parts: [],
  };
}

function lockReason(source: CatalogSource): string {
  return `ISC offers no lock action (there is no connector command for it; accounts are locked only on the source ${source.name})`;
}

function missingReason(
  source: CatalogSource,
  operation: string,
  needed: string[],
  missing: string[],
): string {
  const lacks = missing.length === 1 ? `the ${missing[0]} feature` : `the features ${missing.join(' and ')}`;
  const file = source.connectionType === 'file' ? ` has connectionType file and` : '';
  const has = needed.filter((feature) => !missing.includes(feature));
  const partly = has.length > 0 ? ` has ${has.join(' and ')} but` : '';
  const subject = `${source.name}${file}${partly}`;
  return `${subject} lacks ${lacks}, which ${operation} needs through a connector`;
}

function decideConnector(
  view: AccountRequestView,
  source: CatalogSource,
  operation: string,
  needed: string[],
  password: boolean,
): ChannelDecision {
  const command = password ? 'std:change-password' : STD_COMMANDS[operation as Operation];
  const via = command ? ` (for a SaaS connector: ${command})` : '';
  const decision: ChannelDecision = {
    channel: 'connector',
    target: source.name,
    reasons: [
      `${source.name} has ${needed.join(' and ')}, so ISC sends the ${operation} to its connector${via}.`,
    ],
    source,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
  if (view.permissionRequests.length > 0 && source.features.includes('NO_PERMISSIONS_PROVISIONING')) {
    const owner = source.owner?.name ?? null;
    const count = view.permissionRequests.length;
    const who = owner ? `its owner ${owner}` : 'its owner (the source has none)';
    decision.parts.push({
      part: 'permissionRequests',
      channel: 'manual',
      target: owner,
      reasons: [
        `${source.name} has NO_PERMISSIONS_PROVISIONING, so ISC converts the ${count} permission request${count === 1 ? '' : 's'} into a manual work item for ${who}; the rest of the request goes to the connector.`,
      ],
    });
  }
  return decision;
}
