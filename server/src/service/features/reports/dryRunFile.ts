import type { RequestPrediction } from '../../../../../shared/prediction';
import { zeroPerChannel } from '../../../../../shared/prediction';
import type { PlanDocument } from '../../document/planDocument';
import type { FileState, PlanService } from '../../planService';
import { parseScenarios, scenarioWithoutEffect } from '../../prediction/scenarios';
import type { DryRunPlan, DryRunSummary } from '../../../../../shared/dryRun';
import type { IsCancelled, Steps } from '../../work/steps';
import { runSteps, within } from '../../work/steps';
import { simulatePlanSteps } from '../../prediction/simulate';
import type { PredictionOptions } from '../../prediction/input/predictionInput';
import { predictionInput } from '../../planToPrediction';
import { assumptionsOf, learnedOf } from './predictionReport';

/** Summarises a plan's predictions: requests per channel, the slowest path to verified, what is at risk. */
export function summarise(requests: readonly RequestPrediction[]): DryRunSummary {
  const channels = zeroPerChannel();
  let slowest: DryRunSummary['slowest'] = null;
  let atRisk = 0;
  for (const r of requests) {
    channels[r.channel]++;
    let risky = false;
    for (const unit of [r, ...r.parts]) {
      const verified = unit.milestones.verified;
      if (verified && (!slowest || verified.p90Minutes > slowest.p90Minutes)) {
        slowest = { request: r.index, ...verified };
      }
      const o = unit.outcomes;
      if (o && o.unverifiable + o.failed + o.stalled + o.drift + o['not-fulfilled'] > 0.01) risky = true;
    }
    if (risky) atRisk++;
  }
  const summary: DryRunSummary = { channels, slowest, atRisk, assumptions: assumptionsOf(requests) };
  const learned = learnedOf(requests);
  if (learned.length > 0) summary.learned = learned;
  return summary;
}

/** A plan's `name:`, or null without one. */
/** The tenant's time zone a file's times are shown in: the catalog `timeZone` of its first plan; null: UTC. */
export function tenantTimeZone(service: PlanService, file: FileState): string | null {
  const doc = file.docs.find((d): d is PlanDocument => d.kind === 'plan');
  return doc ? (service.catalogsOf(file, doc).catalog?.timeZone ?? null) : null;
}

export function planNameOf(doc: PlanDocument): string | null {
  const pair = doc.root?.pairs.find((p) => p.key.value === 'name');
  return pair?.value?.kind === 'scalar' && pair.value.value !== null ? String(pair.value.value) : null;
}

/** What the dry run of a file is asked for: the prediction's options, the perspectives' moment, scenario specs. */
export type DryRunOptions = PredictionOptions & { moment?: number; scenarios: readonly string[] };

/** The dry run of every plan of a file, and the scenario specs that could not be used, with why. */
export interface DryRunResult {
  plans: DryRunPlan[];
  scenarioErrors: string[];
  /** Scenarios that parse but cannot change a plan's prediction, with why. */
  scenarioWarnings: string[];
}

/**
 * The dry run of every plan of a file (docs/prediction-model.md#scenarios). Scenario specs that cannot be used are
 * returned with the reason instead of failing the whole run. Between plans it asks `isCancelled`,
 * and stops with `Cancelled` once the run is no longer wanted.
 */
export function dryRunFile(
  service: PlanService,
  file: FileState,
  options: DryRunOptions,
  isCancelled?: IsCancelled,
): DryRunResult {
  return runSteps(dryRunSteps(service, file, options), isCancelled);
}

/** {@link dryRunFile} as steps, one a plan, for a caller that gives way between them. */
export function* dryRunSteps(
  service: PlanService,
  file: FileState,
  options: DryRunOptions,
): Steps<DryRunResult> {
  const plans: DryRunPlan[] = [];
  const scenarioErrors = new Set<string>();
  const scenarioWarnings = new Set<string>();
  const planCount = file.docs.filter((d) => d.kind === 'plan').length;
  for (const [document, doc] of file.docs.entries()) {
    if (doc.kind !== 'plan') continue;
    const from = plans.length / planCount;
    const to = (plans.length + 1) / planCount;
    const message = planCount > 1 ? `plan ${plans.length + 1} of ${planCount}` : undefined;
    if (plans.length > 0) yield { done: from, ...(message ? { message } : {}) };
    const input = predictionInput(doc, service.catalogsOf(file, doc).catalog, options);
    const parsed = parseScenarios(options.scenarios, input);
    for (const error of parsed.errors) scenarioErrors.add(error);
    for (const scenario of parsed.scenarios) {
      const why = scenarioWithoutEffect(scenario, input);
      if (why !== null) scenarioWarnings.add(why);
    }
    const simulation = yield* within(
      simulatePlanSteps(input, {
        scenarios: parsed.scenarios,
        ...(options.moment !== undefined ? { moment: options.moment } : {}),
      }),
      from,
      to,
      message,
    );
    plans.push({ document, name: planNameOf(doc), summary: summarise(simulation.requests), simulation });
  }
  return { plans, scenarioErrors: [...scenarioErrors], scenarioWarnings: [...scenarioWarnings] };
}
