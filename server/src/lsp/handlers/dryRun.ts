import * as path from 'path';
import type { DryRunModel, DryRunParams } from '../../../../shared/dryRun';
import { DryRunReportRequest, DryRunRequest, ScenarioNamesRequest } from '../../../../shared/dryRun';
import { dryRunFile } from '../../service/features/reports/dryRunFile';
import { predictionJson, predictionMarkdown } from '../../service/features/reports/predictionReport';
import { predictionInput } from '../../service/planToPrediction';
import { scenarioNames } from '../../service/prediction/scenarios';
import { editorSubmissionTime } from '../editorPredictions';
import { runSafe } from '../runSafe';
import type { FeatureRegistrar } from '../session';

type Session = Parameters<FeatureRegistrar>[0];

/** Simulates the plans of an open file for the view. */
function dryRunModel(session: Session, params: DryRunParams): DryRunModel | null {
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
  const { plans, scenarioErrors } = dryRunFile(session.service, found.file, options);
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
    runs: params.runs,
    seed: params.seed,
    scenarios: params.scenarios,
    plans,
    errors,
    scenarioErrors,
    requestPositions,
  };
}

/** `iscPlan/dryRun`, `iscPlan/dryRunReport` and `iscPlan/scenarioNames`: the dry-run view's data. */
export const registerDryRun: FeatureRegistrar = (session) => {
  session.connection.onRequest(DryRunRequest.type, (params, token) =>
    runSafe(session.connection.console, () => dryRunModel(session, params), null, 'dry run', token),
  );
  session.connection.onRequest(DryRunReportRequest.type, (params, token) =>
    runSafe(
      session.connection.console,
      (): string | null => {
        const model = dryRunModel(session, params);
        if (!model) return null;
        const header = { file: model.fileName, at: model.at, runs: model.runs, seed: model.seed };
        const plans = model.plans.map((p) => ({
          document: p.document,
          name: p.name,
          requests: p.simulation.requests,
          simulation: p.simulation,
        }));
        return params.format === 'json'
          ? `${JSON.stringify(predictionJson(header, plans), null, 2)}\n`
          : predictionMarkdown(header, plans);
      },
      null,
      'dry-run report',
      token,
    ),
  );
  session.connection.onRequest(ScenarioNamesRequest.type, (params, token) =>
    runSafe(
      session.connection.console,
      () => {
        const found = session.fileOf(params.uri);
        const names = {
          sources: new Set<string>(),
          owners: new Set<string>(),
          integrations: new Set<string>(),
        };
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
      },
      { sources: [], owners: [], integrations: [] },
      'scenario names',
      token,
    ),
  );
  return {};
};
