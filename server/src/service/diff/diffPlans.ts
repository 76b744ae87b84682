import type { DiffReport, GateResult, PlanDiff, RequestDiff } from '../../../../shared/diff';
import { requestNumber } from '../../../../shared/format';
import type { RequestPrediction } from '../../../../shared/prediction';
import type { PlanDocument } from '../document/planDocument';
import type { Finding } from '../findings/finding';
import { planNameOf } from '../features/reports/dryRunFile';
import type { FileState, PlanService } from '../planService';
import type { PredictionOptions } from '../prediction/input/predictionInput';
import type { ServiceHost } from '../workspace/serviceHost';
import type { CompareOptions, Trip } from './compare';
import { compareUnit, diagnosticChanges } from './compare';
import type { Gate } from './gates';

/**
 * One side of a comparison: a plan service whose host reads that side's catalogs (the working
 * tree, a git revision, another folder), and how the side is named in reports.
 */
export interface DiffSide {
  service: PlanService;
  host: ServiceHost;
  label: string;
}

/** A plan file to compare: its text is the same on both sides, only the catalogs differ. */
export interface DiffPlanFile {
  path: string;
  /** How reports name it (as given on the command line). */
  shown: string;
  text: string;
}

/** The prediction options of both sides (the same seed and submission time) and what counts as a change. */
export interface DiffOptions extends PredictionOptions {
  threshold: number;
  gates: readonly Gate[];
}

/**
 * Predicts every plan of `files` under both sides' catalogs, with the same runs, seed and
 * submission time, and reports what differs per request (docs/formats.md#diff). A plan whose
 * catalogs read the same on both sides is not predicted: nothing but the catalogs differs.
 */
export function diffPlans(
  base: DiffSide,
  head: DiffSide,
  files: readonly DiffPlanFile[],
  options: DiffOptions,
): DiffReport {
  const plans: PlanDiff[] = [];
  const trips: Trip[] = [];
  let requests = 0;
  for (const file of files) {
    const baseFile = base.service.open(file.path, file.text, { role: 'plan', format: formatOf(file.path) });
    if (!baseFile) continue;
    // One parse for both sides; each side checks and predicts in turn.
    const headFile = head.service.adopt(baseFile);
    const docs = baseFile.docs.flatMap((doc, document) => (doc.kind === 'plan' ? [{ doc, document }] : []));
    const differ = docs.map(({ doc }) => !sameCatalogs(base, head, baseFile, doc));
    const side = (which: DiffSide, state: FileState): SideResult => ({
      findings: which.service.findings(file.path),
      predictions: docs.map(({ doc }, i) => (differ[i] ? which.service.predict(state, doc, options) : null)),
    });
    const baseResult = side(base, baseFile);
    const headResult = side(head, headFile);
    docs.forEach(({ doc, document }, i) => {
      requests += doc.requests.length;
      const plan = diffDocument(
        doc,
        { base: baseResult.findings, head: headResult.findings },
        { base: baseResult.predictions[i] ?? null, head: headResult.predictions[i] ?? null },
        { shown: file.shown, document, many: docs.length > 1 },
        options,
        trips,
      );
      if (plan.requests.length > 0 || plan.diagnostics.length > 0) plans.push(plan);
    });
    base.service.close(file.path);
    head.service.close(file.path);
  }
  const changed = plans.flatMap((p) => p.requests);
  return {
    base: base.label,
    head: head.label,
    at: new Date(options.submittedAt).toISOString(),
    runs: options.runs,
    seed: options.seed,
    threshold: options.threshold,
    plans,
    gates: gateResults(options.gates, trips),
    summary: {
      plans: files.length,
      requests,
      changed: changed.length,
      routeChanges: changed.filter((r) => r.routeChanged).length,
    },
  };
}

function formatOf(path: string): 'yaml' | 'json' {
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

function gateResults(gates: readonly Gate[], trips: readonly Trip[]): GateResult[] {
  return gates.map((gate) => ({
    gate: gate.spec,
    trips: trips.filter((t) => t.gate === gate.spec).map((t) => t.line),
  }));
}

/** One side's findings of a plan file and predictions of its plan documents (null: not predicted, the catalogs read the same). */
interface SideResult {
  findings: readonly Finding[];
  predictions: (RequestPrediction[] | null)[];
}

/** Whether both sides read the same catalog files with the same texts (then the predictions are equal). */
function sameCatalogs(base: DiffSide, head: DiffSide, file: FileState, doc: PlanDocument): boolean {
  const baseFiles = base.service.catalogsOf(file, doc).files;
  const headFiles = head.service.catalogsOf(file, doc).files;
  return (
    baseFiles.length === headFiles.length &&
    baseFiles.every(
      (path, i) => path === headFiles[i] && base.host.readFile(path) === head.host.readFile(path),
    )
  );
}

function inside(f: { start: number }, node: { start: number; end: number }): boolean {
  return f.start >= node.start && f.start <= node.end;
}

function diffDocument(
  doc: PlanDocument,
  findings: { base: readonly Finding[]; head: readonly Finding[] },
  predictions: { base: RequestPrediction[] | null; head: RequestPrediction[] | null },
  where: { shown: string; document: number; many: boolean },
  options: DiffOptions,
  trips: Trip[],
): PlanDiff {
  const span = { start: doc.syntax.start, end: doc.syntax.end };
  const changes = diagnosticChanges(
    findings.base.filter((f) => inside(f, span)),
    findings.head.filter((f) => inside(f, span)),
  );
  const plan: PlanDiff = {
    file: where.shown,
    document: where.document,
    name: planNameOf(doc),
    compared: doc.requests.length,
    requests: [],
    diagnostics: changes.filter((c) => !doc.requests.some((r) => inside(c, r.node))),
  };
  const basePredictions = predictions.base;
  const headPredictions = predictions.head;
  if (!basePredictions || !headPredictions) return plan;
  const compare: CompareOptions = {
    threshold: options.threshold,
    gates: options.gates,
    label: (r, part) =>
      `${where.shown}${where.many ? ` [plan ${where.document + 1}]` : ''} ${requestNumber(r.index)} ${r.source} ${r.operation}${part ? ` (${part})` : ''}`,
  };
  const diffs: RequestDiff[] = [];
  headPredictions.forEach((head, index) => {
    const base = basePredictions[index];
    const node = doc.requests[index]?.node;
    if (!base || !node) return;
    const request = { base, head, start: node.start };
    const own = compareUnit(
      request,
      null,
      changes.filter((c) => inside(c, node)),
      compare,
      trips,
    );
    if (own) diffs.push(own);
    for (const part of partPairs(base, head)) {
      const diff = compareUnit(request, part, [], compare, trips);
      if (diff) diffs.push(diff);
    }
  });
  plan.requests = diffs;
  return plan;
}

/** The split-off parts of a request on both sides; a part on one side only is compared with the request itself. */
function partPairs(
  base: RequestPrediction,
  head: RequestPrediction,
): {
  base: RequestPrediction['parts'][number];
  head: RequestPrediction['parts'][number];
  name: 'permissionRequests';
}[] {
  const baseParts = new Map(base.parts.map((p) => [p.part, p]));
  const headParts = new Map(head.parts.map((p) => [p.part, p]));
  const names = new Set([...baseParts.keys(), ...headParts.keys()]);
  return [...names].map((name) => ({
    base: baseParts.get(name) ?? { ...base, part: name },
    head: headParts.get(name) ?? { ...head, part: name },
    name,
  }));
}
