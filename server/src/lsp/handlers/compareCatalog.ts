import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CompareCatalogParams, DiffReport } from '../../../../shared/diff';
import { CompareCatalogRequest, DEFAULT_DIFF_THRESHOLD } from '../../../../shared/diff';
import { PLAN_FILE } from '../../../../shared/fileNames';
import type { DiffPlanFile } from '../../service/diff/diffPlans';
import { diffPlans } from '../../service/diff/diffPlans';
import { PlanService } from '../../service/planService';
import type { ServiceHost } from '../../service/workspace/serviceHost';
import { answer } from '../answer';
import { editorSubmissionTime } from '../editorPredictions';
import type { FeatureRegistrar } from '../session';

type Session = Parameters<FeatureRegistrar>[0];

/** The editor's files, except the catalog at `file`, which reads as `text` (null: it does not exist). */
function withCatalogAs(host: ServiceHost, file: string, text: string | null): ServiceHost {
  return {
    readFile: (p) => (p === file ? (text ?? undefined) : host.readFile(p)),
    listFiles: (folder) => {
      const names = host.listFiles(folder);
      if (path.dirname(file) !== folder || !names) return names;
      const name = path.basename(file);
      const others = names.filter((n) => n !== name);
      return text === null ? others : [...others, name];
    },
  };
}

/** The workspace's plans (and the open ones) whose catalogs include `catalog`, with their texts. */
function plansUsing(session: Session, catalog: string, root: string | undefined): DiffPlanFile[] {
  const candidates = new Set<string>(session.service.plansUsing(catalog));
  if (root) for (const file of session.host.findFiles(root, PLAN_FILE)) candidates.add(file);
  const probe = new PlanService(session.host, session.service.settings);
  const plans: DiffPlanFile[] = [];
  for (const file of [...candidates].sort()) {
    const text = session.host.readFile(file);
    const state =
      text === undefined
        ? undefined
        : probe.open(file, text, { role: 'plan', format: /\.json$/i.test(file) ? 'json' : 'yaml' });
    if (!state || text === undefined) continue;
    const uses = state.docs.some(
      (doc) => doc.kind === 'plan' && probe.catalogsOf(state, doc).files.includes(catalog),
    );
    probe.close(file);
    if (uses) plans.push({ path: file, shown: file, text });
  }
  return plans;
}

/** What the catalog's change since `baseText` does to the plans that use it, as `isc-plan diff` reports it. */
function compareCatalog(session: Session, params: CompareCatalogParams): DiffReport | null {
  const catalog = URI.parse(params.uri).fsPath;
  const root = session.host.rootOf(catalog);
  const plans = plansUsing(session, catalog, root);
  const settings = session.service.settings;
  const side = (host: ServiceHost, label: string) => ({
    service: new PlanService(host, settings),
    host,
    label,
  });
  const simulation = session.settings.get(catalog).simulation;
  return diffPlans(
    side(withCatalogAs(session.host, catalog, params.baseText), params.baseLabel),
    side(session.host, 'the editor'),
    plans,
    {
      submittedAt: editorSubmissionTime(session, catalog),
      runs: simulation.runs,
      seed: simulation.seed,
      threshold: DEFAULT_DIFF_THRESHOLD,
      gates: [],
    },
  );
}

/** `iscPlan/compareCatalog`: "ISC Plan: Compare with Git HEAD" on a catalog. */
export const registerCompareCatalog: FeatureRegistrar = (session) => {
  session.connection.onRequest(
    CompareCatalogRequest.type,
    answer(session, 'compare catalog', null, (params: CompareCatalogParams) =>
      compareCatalog(session, params),
    ),
  );
  return {};
};
