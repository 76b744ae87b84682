import * as path from 'path';
import type { DryRunModel, DryRunParams } from '../../../../shared/dryRun';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  DryRunReportRequest,
  DryRunRequest,
  ScenarioNamesRequest,
  dryRunParamsProblem,
} from '../../../../shared/dryRun';
import type { Steps } from '../../service/work/steps';
import { dryRunSteps, tenantTimeZone } from '../../service/features/reports/dryRunFile';
import { predictionJson, predictionMarkdown } from '../../service/features/reports/predictionReport';
import { predictionInput } from '../../service/planToPrediction';
import { scenarioNames } from '../../service/prediction/scenarios';
import { editorSubmissionTime } from '../editorPredictions';
import type { Handler } from '../answer';
import { answer } from '../answer';
import { stepwise } from '../runSafe';
import type { FeatureRegistrar } from '../session';

type Session = Parameters<FeatureRegistrar>[0];
type DryRunReportParams = DryRunParams & { format: 'markdown' | 'json' };
type ScenarioNames = { sources: string[]; owners: string[]; integrations: string[] };

const NO_NAMES: ScenarioNames = { sources: [], owners: [], integrations: [] };

/** Simulates the plans of an open file for the view, one plan a step. */
function* dryRunModel(session: Session, params: DryRunParams): Steps<DryRunModel | null> {
  const found = session.fileOf(params.uri);
  if (!found || !found.file.docs.some((d) => d.kind === 'plan')) return null;
  const parsedAt = params.at ? Date.parse(params.at) : Number.NaN;
  const submittedAt = Number.isFinite(parsedAt) ? parsedAt : editorSubmissionTime(session, found.file.path);
  const options = {
    submittedAt,
    runs: params.runs,
    seed: params.seed,
    scenarios: params.scenarios,
    ...(params.moment !== undefined ? { moment: params.moment } : {}),
  };
  const { plans, scenarioErrors, scenarioWarnings } = yield* dryRunSteps(
    session.service,
    found.file,
    options,
  );
  const errors = session.service.findings(found.file.path).filter((f) => f.severity === 'error').length;
  const at = new Date(submittedAt).toISOString();
  const { document } = found.doc;
  const requestPositions = plans.map((plan) => {
    const doc = found.file.docs[plan.document];
    return doc?.kind === 'plan' ? doc.requests.map((state) => document.positionAt(state.node.start)) : [];
  });
  session.idleMemory.workDone();
  return {
    uri: params.uri,
    fileName: path.basename(found.file.path),
    at,
    timeZone: tenantTimeZone(session.service, found.file),
    runs: params.runs,
    seed: params.seed,
    scenarios: params.scenarios,
    plans,
    errors,
    scenarioErrors,
    scenarioWarnings,
    requestPositions,
  };
}

/** The dry run of a file as a report to save: Markdown, or the JSON of `isc-plan simulate`. */
function* dryRunReport(session: Session, params: DryRunReportParams): Steps<string | null> {
  const model = yield* dryRunModel(session, params);
  if (!model) return null;
  const header = {
    file: model.fileName,
    at: model.at,
    runs: model.runs,
    seed: model.seed,
    timeZone: model.timeZone,
  };
  const plans = model.plans.map((p) => ({
    document: p.document,
    name: p.name,
    requests: p.simulation.requests,
    activity: p.simulation.activity,
    simulation: p.simulation,
  }));
  return params.format === 'json'
    ? `${JSON.stringify(predictionJson(header, plans), null, 2)}\n`
    : predictionMarkdown(header, plans);
}

/** The names the plans of a file use that a scenario may name, for the view's pickers. */
function namesOf(session: Session, uri: string): ScenarioNames {
  const found = session.fileOf(uri);
  const names = { sources: new Set<string>(), owners: new Set<string>(), integrations: new Set<string>() };
  for (const doc of found?.file.docs ?? []) {
    if (doc.kind !== 'plan' || !found) continue;
    const input = predictionInput(doc, session.service.catalogsOf(found.file, doc).catalog, {
      submittedAt: 0,
      runs: 1,
      seed: 1,
    });
    const known = scenarioNames(input);
    known.sources.forEach((s) => names.sources.add(s));
    known.owners.forEach((s) => names.owners.add(s));
    known.integrations.forEach((s) => names.integrations.add(s));
  }
  return {
    sources: [...names.sources].sort(),
    owners: [...names.owners].sort(),
    integrations: [...names.integrations].sort(),
  };
}

/** A handler that first refuses parameters out of range (InvalidParams, with the field and its range). */
function checked<P, R>(handler: Handler<P, R>): Handler<P, R> {
  return (params, token) => {
    const problem = dryRunParamsProblem(params);
    if (problem === undefined) return handler(params, token);
    return Promise.resolve(
      new ResponseError(ErrorCodes.InvalidParams, `Invalid dry-run parameters: ${problem}.`),
    );
  };
}

/**
 * `iscPlan/dryRun`, `iscPlan/dryRunReport` and `iscPlan/scenarioNames`: the dry-run view's data. A
 * dry run gives way between plans, so that a cancelled or superseded one stops there.
 */
export const registerDryRun: FeatureRegistrar = (session) => {
  const { connection } = session;
  connection.onRequest(
    DryRunRequest.type,
    checked(
      answer(session, 'dry run', null, (params: DryRunParams) => stepwise(dryRunModel(session, params))),
    ),
  );
  connection.onRequest(
    DryRunReportRequest.type,
    checked(
      answer(session, 'dry-run report', null, (params: DryRunReportParams) =>
        stepwise(dryRunReport(session, params)),
      ),
    ),
  );
  connection.onRequest(
    ScenarioNamesRequest.type,
    answer(session, 'scenario names', NO_NAMES, (params: { uri: string }) => namesOf(session, params.uri)),
  );
  return {};
};
