import type { Channel } from '../../../../shared/prediction';
import type { CatalogSource, ServiceDeskIntegration } from '../catalog/types';

/** Why a request reached the fallback of step 7 (docs/prediction-model.md#channel-decision). */
export interface Fallback {
  cause: 'flat-file' | 'missing-features';
  /** The first half of the reason, e.g. "Payroll is a flat-file source (connectionType file)…". */
  why: string;
}

/**
 * A part of a request that ISC fulfils through another channel: the permission requests a
 * `NO_PERMISSIONS_PROVISIONING` source converts, sent to the fallback of step 7
 * (docs/prediction-model.md#channel-decision).
 */
export interface SplitPart {
  part: 'permissionRequests';
  channel: 'manual' | 'ticketing';
  /** The universal SDIM (ticketing) or the source owner (manual; null without owner). */
  target: string | null;
  reasons: string[];
  /** The universal SDIM that takes the part (ticketing only). */
  integration?: ServiceDeskIntegration;
}

/** Which channel ISC uses for a request, where it goes, and why, in words a user can check. */
export interface ChannelDecision {
  channel: Channel;
  /** The source (connector), the SDIM (ticketing), the owner (manual); null when nobody/unknown/none. */
  target: string | null;
  reasons: string[];
  source?: CatalogSource;
  integration?: ServiceDeskIntegration;
  /** Features the operation needs that the source lacks (it went to the fallback of step 7). */
  missingFeatures: string[];
  /** The channel comes only from the request's own `channel:` (unknown source). */
  declaredOnly: boolean;
  parts: SplitPart[];
  /**
   * How the request reached the fallback of step 7 (no connector provisions it): the source is a
   * flat file, or it lacks features. Absent when the request did not reach it.
   */
  fallback?: Fallback;
  /** The request is a Modify that sets `password` (step 3). */
  password?: boolean;
}
