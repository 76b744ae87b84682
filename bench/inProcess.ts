/**
 * In-process measurements: the floor (the `yaml` package's `parseDocument` with a `LineCounter`)
 * and the prediction and dry run of a 1,000-request plan × 1,000 runs, as `predict`/`simulate` call them.
 */
import * as fs from 'fs';
import { LineCounter, parseDocument } from 'yaml';
import { nodeHost } from '../server/src/platform/nodeFiles';
import { predictionInput } from '../server/src/service/planToPrediction';
import type { PlanDocument } from '../server/src/service/document/planDocument';
import { PlanService } from '../server/src/service/planService';
import { predictPlan } from '../server/src/service/prediction/predict';
import { simulatePlan } from '../server/src/service/prediction/simulate';
import type { PredictionOptions } from '../server/src/service/prediction/input/predictionInput';
import { median, timeSync } from './stats';

/** Samples of the floor: wall-clock and CPU (user + system) milliseconds of each parse. */
export interface FloorSamples {
  ms: number[];
  cpuMs: number[];
}

/** One `parseDocument` of `text` with a `LineCounter`, timed; throws if the text does not parse. */
export function timeParse(text: string, into: FloorSamples): void {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  into.ms.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  into.cpuMs.push((used.user + used.system) / 1000);
  if (doc.errors.length > 0) throw new Error(`the generated plan does not parse: ${doc.errors[0]!.message}`);
}

/** The first parse of `text` (cold: the first of this size) and `runs` parses after it. */
export function parseFloor(text: string, runs: number): { coldMs: number } & FloorSamples {
  const cold: FloorSamples = { ms: [], cpuMs: [] };
  timeParse(text, cold);
  const warm: FloorSamples = { ms: [], cpuMs: [] };
  for (let n = 0; n < runs; n++) timeParse(text, warm);
  return { coldMs: cold.ms[0]!, ...warm };
}

export interface PredictionResult {
  requests: number;
  runs: number;
  predictMs: number[];
  simulateMs: number[];
  /** The first call of each (includes JIT warm-up), not among the samples. */
  predictColdMs: number;
  simulateColdMs: number;
  events: number;
  errors: number;
}

/** Opens a plan file with the CLI's service (catalog from disk) and returns its first plan document. */
function loadPlan(file: string): { service: PlanService; doc: PlanDocument; errors: number } {
  const service = new PlanService(nodeHost, { root: fs.realpathSync(file).replace(/\/[^/]*$/, '') });
  const state = service.open(file, fs.readFileSync(file, 'utf8'));
  const doc = state?.docs.find((d): d is PlanDocument => d.kind === 'plan');
  if (!state || !doc) throw new Error(`${file} holds no plan`);
  const errors = service.findings(file).filter((f) => f.severity === 'error').length;
  return { service, doc, errors };
}

/**
 * Times `predictPlan` and `simulatePlan` (events, perspectives, trigger; no scenarios) on the parsed
 * plan, `repeats` times each after a first (cold) call of each. Parsing and catalog resolution are not timed.
 */
export function predictionBench(file: string, runs: number, repeats: number): PredictionResult {
  const { service, doc, errors } = loadPlan(file);
  const state = service.file(file)!;
  const catalog = service.catalogsOf(state, doc).catalog;
  if (!catalog) throw new Error(`${file}: the catalog beside it was not found`);
  const options: PredictionOptions = { runs, seed: 1, submittedAt: Date.parse('2026-11-25T09:00:00Z') };
  const predict = (): unknown => predictPlan(predictionInput(doc, catalog, options));
  let events = 0;
  const simulate = (): void => {
    events = simulatePlan(predictionInput(doc, catalog, options), { scenarios: [] }).events.length;
  };
  const predictColdMs = timeSync(predict);
  const simulateColdMs = timeSync(simulate);
  const predictMs = Array.from({ length: repeats }, () => timeSync(predict));
  const simulateMs = Array.from({ length: repeats }, () => timeSync(simulate));
  return {
    requests: doc.requests.length,
    runs,
    predictMs,
    simulateMs,
    predictColdMs,
    simulateColdMs,
    events,
    errors,
  };
}

/** A one-line summary of samples, for the details section. */
export function samplesText(samples: readonly number[]): string {
  return `${samples.length} samples, median ${median(samples).toFixed(1)} ms, min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)}`;
}
