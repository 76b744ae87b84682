/**
 * The plan-level parameters of docs/prediction-model.md#approvals and #identity-refresh: the
 * approvals that come before provisioning, and the identity refresh that gives a role's, access
 * profile's or lifecycle state's failed and drifted requests one more attempt. Every default used
 * is written down (the plan's assumptions, added to each request's).
 */

import type { Quantiles } from '../../catalog/types';
import type { BusinessHours } from '../../time/calendars';
import type { PlanOrigin } from '../input/predictionInput';
import { checkQuartz, quartzWallClock } from '../../time/cron';
import { DEFAULTS } from './defaults';
import type { ResolveContext } from './defaults';
import { num } from '../../../../../shared/format';

/** The approval chain: steps in order, each in business hours, escalated after `escalationMinutes`. */
export interface ApprovalParams {
  /** Each approver's time, in business hours. */
  steps: Quantiles[];
  /** Wall-clock minutes an approver has before escalation; Infinity without escalation. */
  escalationMinutes: number;
  /** How many times a step can be escalated (ISC: manager, second-level manager, fallback approver). */
  escalations: number;
  businessHours: BusinessHours;
  timeZone: string;
}

/** What the whole plan shares: its approvals and the identity refresh that repairs its requests. */
export interface PlanParams {
  approvals: ApprovalParams | null;
  /** The refresh schedule (Quartz, in `timeZone`) when the origin is re-evaluated at refresh. */
  refresh: { expression: string; timeZone: string } | null;
  assumptions: string[];
}

/** The assumption of a plan without `origin` (one sentence, on every request ISC works on). */
export const NO_ORIGIN =
  'The plan names no origin: the prediction starts at the submission, as if no approval came before it.';

/** Origins whose access ISC re-evaluates at identity refresh. */
const REFRESHED: readonly PlanOrigin['type'][] = ['role', 'accessProfile', 'lifecycle'];

/** The plan's origin resolved against the catalog and the defaults. */
export function resolvePlan(origin: PlanOrigin | undefined, ctx: ResolveContext): PlanParams {
  const assumptions: string[] = [];
  if (!origin) {
    assumptions.push(NO_ORIGIN);
    return { approvals: null, refresh: null, assumptions };
  }
  const zone = ctx.timeZone;
  let approvals: ApprovalParams | null = null;
  if (origin.approvals.length === 0) {
    assumptions.push(`Origin ${origin.type} without approvals: provisioning starts at the submission.`);
  } else {
    const who = origin.approvals.map((step) => step.approver).join(', then ');
    const steps =
      origin.approvals.length > 1 ? `Approvals by ${who}, one after the other, each` : `Approval by ${who}`;
    assumptions.push(
      `${steps} in business hours: assumed Mon-Fri 09:00-17:00 (${zone}), the default calendar of manual tasks; every request starts after the last approval.`,
    );
    const days = origin.escalationDays;
    assumptions.push(
      days === undefined
        ? 'No escalationDays: approvals are never escalated (ISC sends no reminders or escalations unless they are configured).'
        : `An approval not given within ${num(days)} days is escalated to the approver's manager, then to the second-level manager, then to the fallback approver, who keeps it (ISC's escalation order); each new approver is assumed to take the step's time again.`,
    );
    approvals = {
      steps: origin.approvals.map((step) => step.hours),
      escalationMinutes: days === undefined ? Infinity : days * 24 * 60,
      escalations: 3,
      businessHours: DEFAULTS.manual.businessHours,
      timeZone: zone,
    };
  }
  const refresh = REFRESHED.includes(origin.type) ? resolveRefresh(origin.type, ctx, assumptions) : null;
  if (ctx.timeZoneNote && (approvals || refresh)) assumptions.push(ctx.timeZoneNote);
  return { approvals, refresh, assumptions };
}

function resolveRefresh(
  type: PlanOrigin['type'],
  ctx: ResolveContext,
  assumptions: string[],
): { expression: string; timeZone: string } {
  const given = ctx.catalog?.identityRefresh?.schedule?.trim();
  const usable = given !== undefined && checkQuartz(given).ok && quartzWallClock(given) !== undefined;
  const expression = usable ? given : DEFAULTS.identityRefreshSchedule;
  const when = usable
    ? `at the next run of the catalog's identityRefresh schedule "${given}" (${ctx.timeZone})`
    : `at the next scheduled identity processing, 08:00 or 20:00 (${ctx.timeZone}) as SailPoint documents it${given ? ` (the catalog's "${given}" cannot be evaluated)` : ''}`;
  assumptions.push(
    `Origin ${type}: ISC re-evaluates the access at identity refresh, so a failed or drifted request gets one more attempt ${when}; the model's reading of ISC's forum, one attempt, no retries.`,
  );
  return { expression, timeZone: ctx.timeZone };
}
