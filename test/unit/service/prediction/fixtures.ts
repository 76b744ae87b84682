/** Small builders of catalogs, channel decisions and prediction inputs for the prediction tests. */

import type {
  CatalogSource,
  MergedCatalog,
  ServiceDeskIntegration,
  StatusCheck,
} from '../../../../server/src/service/catalog/types';
import type { ChannelDecision } from '../../../../server/src/service/channel/decideChannel';
import type {
  PlanFacts,
  PredictionInput,
  PredictionOptions,
  PredictionRequest,
} from '../../../../server/src/service/prediction/input/predictionInput';

/** Monday 2 June 2025, 09:00 UTC. */
export const MONDAY = Date.UTC(2025, 5, 2, 9, 0);

export function source(name: string, extra: Partial<CatalogSource> = {}): CatalogSource {
  return {
    name,
    features: ['PROVISIONING'],
    origins: [],
    owner: { name: `${name.toLowerCase().replace(/\s+/g, '.')}.owner` },
    ...extra,
  };
}

export function sdim(name: string, extra: Partial<ServiceDeskIntegration> = {}): ServiceDeskIntegration {
  return { name, managedSources: [], universalManager: false, origins: [], ...extra };
}

export interface CatalogSpec {
  sources?: CatalogSource[];
  integrations?: ServiceDeskIntegration[];
  timeZone?: string;
  statusCheck?: StatusCheck;
}

export function catalog(spec: CatalogSpec = {}): MergedCatalog {
  const sources = spec.sources ?? [];
  const integrations = spec.integrations ?? [];
  const byName = <T extends { name: string; id?: string }>(list: T[], key: string): T | undefined =>
    list.find((item) => item.name === key || item.id === key);
  const merged: MergedCatalog = {
    files: ['test.sources.yaml'],
    sources,
    serviceDeskIntegrations: integrations,
    statusCheck: spec.statusCheck ?? {},
    findSource: (key) => byName(sources, key),
    findIntegration: (key) => byName(integrations, key),
    integrationsManaging: (src) =>
      integrations.filter(
        (i) =>
          !i.universalManager &&
          (i.managedSources.includes(src.name) ||
            (src.id !== undefined && i.managedSources.includes(src.id))),
      ),
    universalManagers: integrations.filter((i) => i.universalManager),
  };
  if (spec.timeZone !== undefined) merged.timeZone = spec.timeZone;
  return merged;
}

export interface RequestSpec {
  operation?: string;
  nativeIdentity?: string;
  attributes?: { name: string; operation: string; value: unknown }[];
  permissions?: number;
}

function request(
  index: number,
  sourceName: string,
  decision: ChannelDecision,
  spec: RequestSpec,
): PredictionRequest {
  const built: PredictionRequest = {
    index,
    source: sourceName,
    operation: spec.operation ?? 'Modify',
    decision,
    attributeRequests: spec.attributes ?? [],
    permissionCount: spec.permissions ?? 0,
  };
  const nativeIdentity = spec.nativeIdentity ?? (spec.operation === 'Create' ? undefined : `uid=${index}`);
  if (nativeIdentity !== undefined) built.nativeIdentity = nativeIdentity;
  return built;
}

export function connectorRequest(
  index: number,
  src: CatalogSource,
  spec: RequestSpec = {},
): PredictionRequest {
  const decision: ChannelDecision = {
    channel: 'connector',
    target: src.name,
    reasons: [`${src.name} has PROVISIONING, so ISC sends the Modify to its connector.`],
    source: src,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
  if ((spec.permissions ?? 0) > 0 && src.features.includes('NO_PERMISSIONS_PROVISIONING')) {
    decision.parts.push({
      part: 'permissionRequests',
      channel: 'manual',
      target: src.owner?.name ?? null,
      reasons: ['split'],
    });
  }
  return request(index, src.name, decision, spec);
}

export function manualRequest(index: number, src: CatalogSource, spec: RequestSpec = {}): PredictionRequest {
  const decision: ChannelDecision = {
    channel: 'manual',
    target: src.owner?.name ?? null,
    reasons: [`${src.name} lacks PROVISIONING, so ISC creates a manual work item.`],
    source: src,
    missingFeatures: ['PROVISIONING'],
    declaredOnly: false,
    parts: [],
  };
  return request(index, src.name, decision, spec);
}

export function ticketRequest(
  index: number,
  src: CatalogSource,
  integration: ServiceDeskIntegration,
  spec: RequestSpec = {},
): PredictionRequest {
  const decision: ChannelDecision = {
    channel: 'ticketing',
    target: integration.name,
    reasons: [`"${integration.name}" lists ${src.name} in its managed sources.`],
    source: src,
    integration,
    missingFeatures: [],
    declaredOnly: false,
    parts: [],
  };
  return request(index, src.name, decision, spec);
}

export function unknownRequest(
  index: number,
  name: string,
  declared?: 'connector' | 'manual' | 'ticketing',
  spec: RequestSpec = {},
): PredictionRequest {
  const decision: ChannelDecision = {
    channel: declared ?? 'unknown',
    target: null,
    reasons: [`No loaded catalog has a source named "${name}".`],
    missingFeatures: [],
    declaredOnly: declared !== undefined,
    parts: [],
  };
  return request(index, name, decision, spec);
}

export function input(
  requests: PredictionRequest[],
  merged: MergedCatalog | undefined,
  options: Partial<PredictionOptions> = {},
  plan: PlanFacts = { name: 'Test plan', identity: { name: 'jane.doe' } },
): PredictionInput {
  return {
    requests,
    catalog: merged,
    plan,
    options: { submittedAt: MONDAY, runs: 400, seed: 1, ...options },
  };
}

/** Timing that makes every connector attempt succeed quickly and deterministically. */
export const STEADY_CONNECTOR = {
  queueMinutes: { p50: 0, p90: 0 },
  executeSeconds: { p50: 60, p90: 60 },
  failureRate: 0,
  attributeFailureRate: 0,
  visibilityMinutes: { p50: 0, p90: 0 },
};
