import type { BusinessHours } from '../time/calendars';
/**
 * The tenant as the plan service knows it: sources and service desk integrations (SDIMs) merged
 * from every catalog a plan uses (docs/formats.md#catalogs). Field names follow ISC's own.
 */

/** Where an entry (or one of its fields) was written, for go-to-definition, rename and diagnostics. */
export interface Origin {
  /** Path of the catalog file (as the host names it), or the plan file for inline sources. */
  file: string;
  /** Offsets of the entry's `name` value in that file. */
  nameStart: number;
  nameEnd: number;
  /** Offsets of the whole entry. */
  start: number;
  end: number;
}

/** A `{p50, p90}` duration in the unit its field names (minutes, seconds, hours). */
export interface Quantiles {
  p50: number;
  p90: number;
}

export interface AccountAttribute {
  name: string;
  type?: string;
  multi: boolean;
  entitlement: boolean;
  /** isc-plan's own key (ISC's account schema has no secret flag): the values are secrets. */
  secret?: boolean;
}

/**
 * What a source's learned figures rest on (`timing.learned`, written by `isc-plan calibrate`;
 * docs/formats.md#calibration-overlay): how many activities, created between which days, and which
 * fields of `timing.connector` or `timing.manual` were learned.
 */
export interface LearnedFrom {
  activities: number;
  /** `YYYY-MM-DD`. */
  from: string;
  to: string;
  fields: string[];
}

export interface ConnectorTiming {
  queueMinutes?: Quantiles;
  executeSeconds?: Quantiles;
  concurrency?: number;
  failureRate?: number;
  retryableShare?: number;
  attributeFailureRate?: number;
  visibilityMinutes?: Quantiles;
}

export interface ManualTiming {
  completionHours?: Quantiles;
  businessHours?: BusinessHours;
  driftRate?: number;
}

export interface Aggregation {
  /** A Quartz cron expression, or `none` when the source is never aggregated. */
  schedule?: string;
  durationMinutes?: number;
}

export interface ConnectorAttributes {
  retryableErrors?: string[];
  provisioningMaxRetries?: number;
  /** Minutes between retries. */
  provisioningRetryThreshold?: number;
}

export interface CatalogSource {
  name: string;
  id?: string;
  type?: string;
  connector?: string;
  connectionType?: string;
  features: string[];
  owner?: { name: string; id?: string };
  accountSchema?: { attributes: AccountAttribute[] };
  aggregation?: Aggregation;
  connectorAttributes?: ConnectorAttributes;
  timing?: { connector?: ConnectorTiming; manual?: ManualTiming; learned?: LearnedFrom };
  /** Every place this entry was written, earliest first (several when catalogs merge). */
  origins: Origin[];
}

export interface TicketState {
  status: string;
  hours?: Quantiles;
  failureChance?: number;
}

export interface ServiceDeskIntegration {
  name: string;
  id?: string;
  type?: string;
  /** Source names or ids (ISC: provisioningConfig.managedResourceRefs). */
  managedSources: string[];
  universalManager: boolean;
  /** Hours a saved pending request lives. */
  provisioningRequestExpiration?: number;
  /** Ticket status -> Committed | Queued | Failed. */
  statusMap?: Record<string, string>;
  ticketWorkflow?: TicketState[];
  /** When the people working the tickets work: the workflow's durations count only inside them. */
  businessHours?: BusinessHours;
  driftRate?: number;
  origins: Origin[];
}

/** When ISC's scheduled identity processing (identity refresh) runs (docs/formats.md#catalogs). */
export interface IdentityRefresh {
  /** A Quartz cron expression in the catalog's time zone. */
  schedule?: string;
}

export interface StatusCheck {
  provisioningStatusCheckIntervalMinutes?: number;
  provisioningMaxStatusCheckDays?: number;
}

/** One catalog file's content, before merging. */
export interface CatalogContent {
  file: string;
  /** What the file was recognised as. */
  shape: CatalogShape;
  timeZone?: string;
  sources: CatalogSource[];
  serviceDeskIntegrations: ServiceDeskIntegration[];
  statusCheck?: StatusCheck;
  identityRefresh?: IdentityRefresh;
}

export type CatalogShape =
  | 'source-catalog'
  | 'isc-sources'
  | 'isc-service-desk-integrations'
  | 'isc-status-check'
  | 'sp-config'
  /** `account-schemas.json` of a pull: source id -> ISC's list of schemas. */
  | 'isc-source-schemas'
  /** `aggregation-schedules.json` of a pull: source id -> ISC's list of schedules. */
  | 'isc-source-schedules'
  | 'inline';

/** Every catalog a plan uses, merged in order (docs/formats.md#merging). */
export interface MergedCatalog {
  /** Catalog files in the order they were merged. */
  files: string[];
  timeZone?: string;
  sources: CatalogSource[];
  serviceDeskIntegrations: ServiceDeskIntegration[];
  statusCheck: StatusCheck;
  /** The last catalog's `identityRefresh` that gives one. */
  identityRefresh?: IdentityRefresh;
  /** Looks a source up by name or id. */
  findSource(nameOrId: string): CatalogSource | undefined;
  /** Looks an SDIM up by name or id. */
  findIntegration(nameOrId: string): ServiceDeskIntegration | undefined;
  /**
   * The SDIMs whose managed sources list a source (more than one is a catalog error). Universal
   * SDIMs are not among them: they take only what no connector provisions (`universalManagers`).
   */
  integrationsManaging(source: CatalogSource): ServiceDeskIntegration[];
  /**
   * The SDIMs with `universalManager: true`, in merge order: the fallback of the channel decision's
   * step 7 (docs/prediction-model.md#channel-decision). A catalog has at most one (ISC: one per
   * tenant is assumed); the first is used.
   */
  universalManagers: ServiceDeskIntegration[];
}
