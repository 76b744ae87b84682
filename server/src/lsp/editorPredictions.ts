import type { FileState } from '../service/planService';
import type { PlanDocument } from '../service/document/planDocument';
import type { PredictionOptions } from '../service/prediction/input/predictionInput';
import type { ActivityPrediction, RequestPrediction } from '../../../shared/prediction';
import type { HoverContext } from '../service/features/hover/hover';
import type { Session } from './session';

/** The editor rounds the submission time to a quarter hour, so predictions stay put while the user types. */
const QUARTER_HOUR = 15 * 60 * 1000;
/** At most this many request-runs per prediction in the editor (the dry run and the CLI use the full count). */
export const EDITOR_REQUEST_RUNS = 200_000;
/** Plans up to this size are predicted on demand by a hover; bigger ones show the last computed prediction. */
const HOVER_COMPUTES_UP_TO = 1_000;

/** The prediction options of the editor for a file: runs and seed from the settings, scaled for big plans. */
export function editorOptions(
  session: Session,
  file: FileState,
  doc: PlanDocument,
  now = Date.now(),
): PredictionOptions {
  const { runs, seed } = session.settings.get(file.path).simulation;
  const requests = Math.max(1, doc.requests.length);
  return {
    runs: Math.max(10, Math.min(runs, Math.floor(EDITOR_REQUEST_RUNS / requests))),
    seed,
    submittedAt: editorSubmissionTime(session, file.path, now),
  };
}

/**
 * When the editor's predictions (hovers, code lenses, the dry-run view) submit a file's plans: the
 * `iscPlan.simulation.submittedAt` setting, else now rounded down to the quarter hour, so that
 * predictions stay the same between edits and the view agrees with the code lenses.
 */
export function editorSubmissionTime(session: Session, filePath: string, now = Date.now()): number {
  const { submittedAt } = session.settings.get(filePath).simulation;
  const pinned = submittedAt ? Date.parse(submittedAt) : Number.NaN;
  return Number.isFinite(pinned) ? pinned : Math.floor(now / QUARTER_HOUR) * QUARTER_HOUR;
}

/** The editor's prediction of a plan document (computed when missing). */
export function editorPrediction(session: Session, file: FileState, doc: PlanDocument): RequestPrediction[] {
  return session.service.predict(file, doc, editorOptions(session, file, doc));
}

/** The editor's account activity of a plan document (from the same prediction as {@link editorPrediction}). */
export function editorActivity(
  session: Session,
  file: FileState,
  doc: PlanDocument,
): ActivityPrediction | null {
  return session.service.activity(file, doc, editorOptions(session, file, doc));
}

/** For hovers: computed only for small plans; big ones use what the code lenses computed. */
export function hoverPrediction(
  session: Session,
  file: FileState,
  doc: PlanDocument,
): RequestPrediction[] | undefined {
  const options = editorOptions(session, file, doc);
  return doc.requests.length <= HOVER_COMPUTES_UP_TO
    ? session.service.predict(file, doc, options)
    : session.service.cachedPrediction(doc, options);
}

/** What hovers need to explain a file: its catalogs, predictions (as far as hovers compute them) and the time. */
export function predictionContext(session: Session, file: FileState): HoverContext {
  return {
    catalogOf: (doc) => session.service.catalogsOf(file, doc).catalog,
    predictionOf: (doc, index) => hoverPrediction(session, file, doc)?.[index],
    now: Date.now(),
  };
}
