/**
 * `simulatePlan`: the dry run of docs/prediction-model.md. The Monte Carlo prediction, its representative
 * run replayed as ISC-worded events, the three perspectives at a moment, each scenario beside the
 * baseline (same seed), and the Provisioning Completed trigger payload.
 */

import type { PredictionInput, SimulationOptions } from './input/predictionInput';
import type { DryRunEvent, Moment, SimulationResult } from '../../../../shared/simulation';
import { SimulationCache } from './engine/compiledPlan';
import { RunOutput } from './engine/runOutput';
import { representativeRun, runOnce } from './engine/monteCarlo';
import { runPredictionSteps } from './predict';
import type { Steps } from '../work/steps';
import { runSteps, within } from '../work/steps';
import { ActivityTimeline, activityItems } from './engine/activity';
import { EventRecorder, buildEvents } from './output/events';
import { buildPerspectives } from './output/perspectives';
import { buildTrigger } from './output/triggerPayload';
import { isoAt, round } from '../../../../shared/format';

/** The moment the perspectives look at: the given hours, else the first verification, else the run's end. */
export function chooseMoment(hours: number | undefined, events: DryRunEvent[], origin: number): Moment {
  let minutes: number;
  let basis: Moment['basis'];
  if (hours !== undefined && Number.isFinite(hours) && hours >= 0) {
    minutes = hours * 60;
    basis = 'given';
  } else {
    const verified = events.find((event) => event.kind === 'verified');
    basis = verified ? 'first-verified' : 'end-of-run';
    minutes = verified ? verified.minutes : (events[events.length - 1]?.minutes ?? 0);
  }
  return { minutes: round(minutes), hours: round(minutes / 60), at: isoAt(origin, minutes), basis };
}

/** Runs the dry run of a plan. Same input, seed, submission time and options: same result. */
export function simulatePlan(input: PredictionInput, options: SimulationOptions): SimulationResult {
  return runSteps(simulatePlanSteps(input, options));
}

/**
 * {@link simulatePlan} as steps: the prediction's (compiling, each run, the summaries), then one
 * between the replay, the events, the perspectives and the trigger, and each scenario's prediction.
 */
export function* simulatePlanSteps(
  input: PredictionInput,
  options: SimulationOptions,
): Steps<SimulationResult> {
  const cache = new SimulationCache(input.options.submittedAt);
  const share = 1 / (1 + options.scenarios.length);
  const base = yield* within(runPredictionSteps(input, [], cache), 0, 0.9 * share);
  const sim = base.compiled.state;
  const representative = representativeRun(base.out);
  const run = new RunOutput(sim.units.length, 1);
  const recorder = new EventRecorder();
  runOnce(sim, base.seed, representative, run, 0, recorder);
  yield { done: 0.92 * share };
  const items = activityItems(
    base.compiled,
    input.requests.map((request) => request.decision.channel),
  ) ?? { units: [], notFulfilled: 0 };
  yield { done: 0.93 * share };
  const activity = new ActivityTimeline(base.compiled, items, run, 0);
  yield { done: 0.94 * share };
  const events = buildEvents(sim, recorder, activity);
  yield { done: 0.95 * share };
  const moment = chooseMoment(options.moment, events, sim.origin);
  const perspectives = buildPerspectives(base.compiled, base.requests, events, run, moment);
  yield { done: 0.98 * share };
  const scenarios: SimulationResult['scenarios'] = [];
  for (const [k, scenario] of options.scenarios.entries()) {
    yield { done: (1 + k) * share };
    const predicted = yield* within(
      runPredictionSteps(input, [scenario], cache),
      (1 + k) * share,
      (2 + k) * share,
    );
    scenarios.push({ spec: scenario.spec, requests: predicted.requests });
  }
  // After the scenarios, as it always was: the trigger reads the representative run last.
  const trigger = buildTrigger(input, base.compiled, run, activity);
  return {
    requests: base.requests,
    activity: base.activity,
    runs: base.runs,
    seed: base.seed,
    representativeRun: representative,
    events,
    perspectives,
    scenarios,
    trigger,
  };
}
