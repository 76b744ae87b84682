/**
 * `predictPlan`: the Monte Carlo prediction of every account request of a plan (docs/prediction-model.md),
 * in the shape of `predict --format json` (docs/formats.md#cli-output). The code lens, the hover, `predict` and `simulate` all
 * come through here, so they agree for the same runs and seed.
 */

import type { PredictionInput, Scenario } from './input/predictionInput';
import type {
  ActivityPrediction,
  Milestones,
  MilestoneQuantiles,
  PartPrediction,
  RequestPrediction,
} from '../../../../shared/prediction';
import type { CompiledPlan } from './engine/compiledPlan';
import { SimulationCache, compilePlanSteps } from './engine/compiledPlan';
import type { RunOutput } from './engine/runOutput';
import {
  approvedMilestone,
  milestonesOf,
  notFulfilled,
  outcomesOf,
  runMonteCarloSteps,
} from './engine/monteCarlo';
import type { Steps } from '../work/steps';
import { runSteps, within } from '../work/steps';
import { activityOf } from './engine/activity';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../../../../shared/prediction';

/** The milestones of a request without a simulated unit (channel none or unknown). */
const NO_MILESTONES: Milestones = { approved: null, started: null, committed: null, verified: null };

/** A finished Monte Carlo prediction with what the dry run needs to replay it. */
export interface PredictionRun {
  compiled: CompiledPlan;
  out: RunOutput;
  runs: number;
  seed: number;
  requests: RequestPrediction[];
  /** The plan's account activity (one per plan); null when no request has a known channel. */
  activity: ActivityPrediction | null;
}

/** Runs as a whole number >= 1 (default 1,000). */
export function runsOf(input: PredictionInput): number {
  const runs = input.options.runs;
  return Number.isFinite(runs) && runs >= 1 ? Math.floor(runs) : DEFAULT_RUNS;
}

/** Predicts every request of the plan. Same input, seed and submission time: same output. */
export function predictPlan(input: PredictionInput): RequestPrediction[] {
  return runPrediction(input, [], new SimulationCache(input.options.submittedAt)).requests;
}

/** The seed of the options (default 1). */
export function seedOf(input: PredictionInput): number {
  return Number.isFinite(input.options.seed) ? input.options.seed : DEFAULT_SEED;
}

/** Compiles and runs the plan with the given scenarios applied. */
export function runPrediction(
  input: PredictionInput,
  scenarios: readonly Scenario[],
  cache: SimulationCache,
): PredictionRun {
  return runSteps(runPredictionSteps(input, scenarios, cache));
}

/** {@link runPrediction} as steps: compiling, the runs, the summaries. */
export function* runPredictionSteps(
  input: PredictionInput,
  scenarios: readonly Scenario[],
  cache: SimulationCache,
): Steps<PredictionRun> {
  const compiled = yield* within(compilePlanSteps(input, scenarios, cache), 0, 0.1);
  return yield* within(runCompiledSteps(input, compiled), 0.1, 1);
}

/** Runs a compiled plan and summarises every request. */
export function runCompiled(input: PredictionInput, compiled: CompiledPlan): PredictionRun {
  return runSteps(runCompiledSteps(input, compiled));
}

/** How many requests are summarised between two steps (each sorts its milestones over the runs). */
const SUMMARIES_PER_STEP = 200;

/** {@link runCompiled} as steps: one a run, then one every {@link SUMMARIES_PER_STEP} summaries. */
export function* runCompiledSteps(input: PredictionInput, compiled: CompiledPlan): Steps<PredictionRun> {
  const runs = runsOf(input);
  const seed = seedOf(input);
  const out = yield* within(runMonteCarloSteps(compiled.state, runs, seed), 0, 0.9);
  const scratch = new Float64Array(out.runs);
  const approved = approvedMilestone(out, scratch);
  const requests: RequestPrediction[] = [];
  for (let position = 0; position < input.requests.length; position++) {
    if (position > 0 && position % SUMMARIES_PER_STEP === 0) {
      yield { done: 0.9 + (0.1 * position) / input.requests.length };
    }
    requests.push(summarizeRequest(input, compiled, out, position, scratch, approved));
  }
  return { compiled, out, runs, seed, requests, activity: planActivity(input, compiled, out) };
}

/** The plan's account activity from the runs in `out`. */
export function planActivity(
  input: PredictionInput,
  compiled: CompiledPlan,
  out: RunOutput,
): ActivityPrediction | null {
  return activityOf(
    compiled,
    input.requests.map((request) => request.decision.channel),
    out,
  );
}

/**
 * The prediction of the request at `position` from the runs in `out`; `scratch` holds one value per
 * run; `approved` is the plan's milestone (`approvedMilestone`).
 */
export function summarizeRequest(
  input: PredictionInput,
  compiled: CompiledPlan,
  out: RunOutput,
  position: number,
  scratch: Float64Array,
  approved: MilestoneQuantiles,
): RequestPrediction {
  const request = input.requests[position]!;
  const { main, parts } = compiled.unitsOf[position]!;
  const decision = request.decision;
  const prediction: RequestPrediction = {
    index: request.index,
    source: request.source,
    operation: request.operation,
    channel: decision.channel,
    target: decision.target,
    reasons: [...decision.reasons],
    // The plan's origin (approvals, identity refresh) concerns every request ISC works on.
    assumptions: [...compiled.params[position]!.assumptions, ...(main >= 0 ? compiled.plan.assumptions : [])],
    milestones: main < 0 ? NO_MILESTONES : milestonesOf(out, main, scratch, approved),
    outcomes: main >= 0 ? outcomesOf(out, main) : decision.channel === 'none' ? notFulfilled() : null,
    parts: parts.map((unit, k): PartPrediction => {
      const split = decision.parts[k]!;
      return {
        part: split.part,
        channel: split.channel,
        target: split.target,
        reasons: [...split.reasons],
        milestones: milestonesOf(out, unit, scratch, approved),
        outcomes: outcomesOf(out, unit),
      };
    }),
  };
  const learned = compiled.params[position]!.learned;
  if (learned.length > 0) prediction.learned = [...learned];
  return prediction;
}
