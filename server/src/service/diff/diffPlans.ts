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
    const headFile = head.service.open(file.path, file.text, { role: 'plan', format: formatOf(file.path) });
    if (!baseFile || !headFile) continue;
    const baseFindings = base.service.findings(file.path);
    const headFindings = head.service.findings(file.path);
    const planDocs = headFile.docs.filter((d): d is PlanDocument => d.kind === 'plan').length;
    headFile.docs.forEach((headDoc, document) => {
      const baseDoc = baseFile.docs[document];
      if (headDoc.kind !== 'plan' || baseDoc?.kind !== 'plan') return;
      requests += headDoc.requests.length;
      const plan = diffDocument(
        { base, head, baseFile, headFile, baseDoc, headDoc, baseFindings, headFindings },
        { shown: file.shown, document, many: planDocs > 1 },
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

interface DocumentPair {
  base: DiffSide;
  head: DiffSide;
  baseFile: FileState;
  headFile: FileState;
  baseDoc: PlanDocument;
  headDoc: PlanDocument;
  baseFindings: readonly Finding[];
  headFindings: readonly Finding[];
}

/** Whether both sides read the same catalog files with the same texts (then the predictions are equal). */
function sameCatalogs(pair: DocumentPair): boolean {
  const baseFiles = pair.base.service.catalogsOf(pair.baseFile, pair.baseDoc).files;
  const headFiles = pair.head.service.catalogsOf(pair.headFile, pair.headDoc).files;
  return (
    baseFiles.length === headFiles.length &&
    baseFiles.every(
      (file, i) => file === headFiles[i] && pair.base.host.readFile(file) === pair.head.host.readFile(file),
    )
  );
}

function inside(f: { start: number }, node: { start: number; end: number }): boolean {
  return f.start >= node.start && f.start <= node.end;
}

function diffDocument(
  pair: DocumentPair,
  where: { shown: string; document: number; many: boolean },
  options: DiffOptions,
  trips: Trip[],
): PlanDiff {
  const doc = pair.headDoc;
  const span = { start: doc.syntax.start, end: doc.syntax.end };
  const changes = diagnosticChanges(
    pair.baseFindings.filter((f) => inside(f, span)),
    pair.headFindings.filter((f) => inside(f, span)),
  );
  const plan: PlanDiff = {
    file: where.shown,
    document: where.document,
    name: planNameOf(doc),
    compared: doc.requests.length,
    requests: [],
    diagnostics: changes.filter((c) => !doc.requests.some((r) => inside(c, r.node))),
  };
  if (changes.length === 0 && sameCatalogs(pair)) return plan;
  const basePredictions = pair.base.service.predict(pair.baseFile, pair.baseDoc, options);
  const headPredictions = pair.head.service.predict(pair.headFile, doc, options);
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
