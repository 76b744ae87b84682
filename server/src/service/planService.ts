import type { RuleConfig } from './findings/ruleConfig';
import { applyRuleConfig } from './findings/ruleConfig';
import { applySuppressions } from './findings/suppression';
import type { Finding } from './findings/finding';
import { predictionInput } from './planToPrediction';
import type { KeptPrediction } from './prediction/resimulate';
import { predictKeeping } from './prediction/resimulate';
import type { PredictionOptions } from './prediction/input/predictionInput';
import type { ActivityPrediction, RequestPrediction } from '../../../shared/prediction';
import { changeBetween } from './document/textDiff';
import type { TextChange } from './document/reparse';
import { applyIncrementally } from './document/reparse';
import type { PlanDocument } from './document/planDocument';
import { ensureDecision, requestFindings } from './document/requestState';
import type { ParsedDocument } from './document/sourceFile';
import type { FileType } from '../../../shared/fileNames';
import { emptyPlanFinding, parseFile } from './document/sourceFile';
import { fileTypeOf } from '../../../shared/fileNames';
import { conflictingAccountRequests, noCatalogFinding } from './rules/planRules';
import type { Limits } from './syntax/limits';
import { DEFAULT_LIMITS } from './syntax/limits';
import type { ResolvedCatalogs } from './workspace/catalogResolver';
import { CatalogResolver } from './workspace/catalogResolver';
import type { ServiceHost } from './workspace/serviceHost';

export interface ServiceOptions {
  /** Where catalog discovery stops going up: the workspace root (editor) or the current directory (CLI). */
  root?: string | undefined;
  /** Catalogs used when a plan names none and none is found by its side (settings or `--catalog`). */
  fallbackCatalogs: string[];
  /** Severities from `.isc-plan.yaml` and `--rule`. */
  rules: RuleConfig;
  limits: Limits;
  /** Per-file overrides (the editor has several workspace folders, each with its settings and config). */
  rootFor?: (file: string) => string | undefined;
  fallbackCatalogsFor?: (file: string) => string[];
  rulesFor?: (file: string) => RuleConfig;
}

/** A plan or catalog file the service holds, parsed into documents. */
export interface FileState {
  path: string;
  type: FileType;
  text: string;
  docs: ParsedDocument[];
}

/** A document's prediction, the options it was computed for, and what the next prediction after an edit reuses. */
interface CachedPrediction {
  key: string;
  kept: KeptPrediction;
}

/** How an update was applied, for tests and logs. */
export type UpdateMode = 'incremental' | 'full';

/**
 * The plan service: parses, validates and explains plan and catalog files. Pure: files come
 * through the host, and results are offsets. One instance serves the language server or the CLI.
 */
export class PlanService {
  private readonly files = new Map<string, FileState>();
  /** Per plan document: its catalogs, valid while the resolver's generation is unchanged. */
  private readonly resolved = new WeakMap<PlanDocument, { generation: number; catalogs: ResolvedCatalogs }>();
  /** Per plan document: its last prediction (see `predict`). */
  private readonly predictions = new WeakMap<PlanDocument, CachedPrediction>();
  private options: ServiceOptions;
  readonly catalogs: CatalogResolver;

  constructor(host: ServiceHost, options: Partial<ServiceOptions> = {}) {
    this.options = { fallbackCatalogs: [], rules: {}, limits: DEFAULT_LIMITS, ...options };
    this.catalogs = new CatalogResolver(host, this.options.limits);
  }

  /** Changes options; files are re-checked on their next use. */
  configure(options: Partial<ServiceOptions>): void {
    this.options = { ...this.options, ...options };
    this.catalogs.invalidateAll();
  }

  /** Something every file may depend on changed (settings, folders, trust): resolve catalogs again. */
  invalidateAll(): void {
    this.catalogs.invalidateAll();
  }

  get settings(): Readonly<ServiceOptions> {
    return this.options;
  }

  /** Parses a file's full text (on open, or when an update cannot be applied incrementally). */
  open(path: string, text: string, type = fileTypeOf(path)): FileState | undefined {
    if (!type) return undefined;
    const state: FileState = { path, type, text, docs: parseFile(path, text, type, this.options.limits) };
    this.files.set(path, state);
    if (type.role === 'catalog') this.catalogs.invalidate(path);
    return state;
  }

  /**
   * Holds a file another service has parsed, sharing its documents: the same plan checked and
   * predicted under other catalogs (`isc-plan diff`) without parsing it again. Neither may update
   * it; a request's checks follow the catalogs last asked for, so the services are best used one
   * after the other.
   */
  adopt(file: FileState): FileState {
    const state: FileState = { ...file };
    this.files.set(state.path, state);
    return state;
  }

  /** Applies changes (in order, each in the coordinates left by the one before) to an open file. */
  update(path: string, text: string, changes: readonly TextChange[]): UpdateMode {
    const state = this.files.get(path);
    if (!state) {
      this.open(path, text);
      return 'full';
    }
    if (state.type.role === 'catalog') this.catalogs.invalidate(path);
    if (state.type.format === 'yaml' && changes.length > 0) {
      let current = state.text;
      let incremental = true;
      for (const [k, change] of changes.entries()) {
        const next =
          k === changes.length - 1 && isResultOf(current, change, text)
            ? text
            : current.slice(0, change.start) + change.text + current.slice(change.end);
        if (!applyIncrementally(state.docs, next, change, this.options.limits)) {
          incremental = false;
          break;
        }
        current = next;
      }
      if (incremental && current === text) {
        state.text = text;
        return 'incremental';
      }
    }
    this.open(path, text, state.type);
    return 'full';
  }

  /**
   * Replaces the whole text of an open file (an editor sent it without a range): applied as the one
   * change between the old and the new text (`changeBetween`), so that it costs what that change
   * would cost as a ranged edit.
   */
  replace(path: string, text: string): UpdateMode {
    const state = this.files.get(path);
    if (!state) {
      this.open(path, text);
      return 'full';
    }
    if (state.text === text) return 'incremental';
    return this.update(path, text, [changeBetween(state.text, text)]);
  }

  close(path: string): void {
    this.files.delete(path);
  }

  /** Forgets what was read of a file on disk (a catalog or config changed outside the editor). */
  invalidate(path: string): void {
    this.catalogs.invalidate(path);
  }

  file(path: string): FileState | undefined {
    return this.files.get(path);
  }

  /** The document of a file that holds an offset (the last one at a boundary). */
  documentAt(file: FileState, offset: number): ParsedDocument | undefined {
    let found: ParsedDocument | undefined;
    for (const doc of file.docs) if (offset >= doc.syntax.start && offset <= doc.syntax.end) found = doc;
    return found ?? file.docs[file.docs.length - 1];
  }

  openFiles(): string[] {
    return [...this.files.keys()];
  }

  /** The catalogs of one plan document. */
  catalogsOf(file: FileState, doc: PlanDocument): ResolvedCatalogs {
    const cached = this.resolved.get(doc);
    if (cached?.generation === this.catalogs.generation) return cached.catalogs;
    const { rootFor, fallbackCatalogsFor } = this.options;
    const root = rootFor ? rootFor(file.path) : this.options.root;
    const fallback = fallbackCatalogsFor ? fallbackCatalogsFor(file.path) : this.options.fallbackCatalogs;
    const value = this.catalogs.resolve(file.path, doc, file.text, root, fallback);
    this.resolved.set(doc, { generation: this.catalogs.generation, catalogs: value });
    return value;
  }

  /** Every finding of a file, with configured severities and suppressions applied, ordered by place. */
  findings(path: string): Finding[] {
    const file = this.files.get(path);
    if (!file) return [];
    const empty = emptyPlanFinding(file.type, file.docs, file.text);
    const raw: Finding[] = empty ? [empty] : file.docs.flatMap((doc) => this.documentFindings(file, doc));
    const configured = applyRuleConfig(
      raw,
      this.options.rulesFor ? this.options.rulesFor(path) : this.options.rules,
    );
    const kept = file.type.format === 'yaml' ? applySuppressions(file.text, configured) : configured;
    return kept.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private documentFindings(file: FileState, doc: ParsedDocument): Finding[] {
    if (doc.kind !== 'plan') return doc.findings;
    const resolved = this.catalogsOf(file, doc);
    const findings: Finding[] = [...doc.syntax.findings, ...doc.headerFindings, ...resolved.findings];
    if (!resolved.catalog && doc.root && resolved.findings.length === 0) {
      const none = noCatalogFinding(doc.root);
      if (none) findings.push(none);
    }
    for (const state of doc.requests) {
      ensureDecision(state, resolved.catalog);
      findings.push(...requestFindings(state));
    }
    findings.push(...conflictingAccountRequests(doc.requests));
    return findings;
  }

  /**
   * The prediction of every request of a plan document (docs/prediction-model.md), cached until the document,
   * its catalogs or the options change. Hovers, code lenses and `isc-plan predict` share it. After
   * an edit, only what the edit can change is simulated again.
   */
  predict(file: FileState, doc: PlanDocument, options: PredictionOptions): RequestPrediction[] {
    const key = this.predictionKey(doc, options);
    const cached = this.predictions.get(doc);
    if (cached?.key === key) return cached.kept.requests;
    const input = predictionInput(doc, this.catalogsOf(file, doc).catalog, options);
    // Taken out before it is updated in place: a prediction that throws leaves nothing half-updated to reuse.
    this.predictions.delete(doc);
    const kept = predictKeeping(input, cached?.kept);
    this.predictions.set(doc, { key, kept });
    return kept.requests;
  }

  /** The plan's account activity (one ISC account activity per plan), computed with {@link predict}. */
  activity(file: FileState, doc: PlanDocument, options: PredictionOptions): ActivityPrediction | null {
    this.predict(file, doc, options);
    return this.predictions.get(doc)?.kept.activity ?? null;
  }

  /** The plan's activity if its prediction is already computed for these options, else undefined (never computes). */
  cachedActivity(doc: PlanDocument, options: PredictionOptions): ActivityPrediction | null | undefined {
    const cached = this.predictions.get(doc);
    return cached?.key === this.predictionKey(doc, options) ? cached.kept.activity : undefined;
  }

  /** The prediction of a document if it is already computed for these options, else undefined (never computes). */
  cachedPrediction(doc: PlanDocument, options: PredictionOptions): RequestPrediction[] | undefined {
    const cached = this.predictions.get(doc);
    return cached?.key === this.predictionKey(doc, options) ? cached.kept.requests : undefined;
  }

  private predictionKey(doc: PlanDocument, options: PredictionOptions): string {
    return `${this.catalogs.generation}:${doc.revision}:${options.runs}:${options.seed}:${options.submittedAt}`;
  }

  /** Plan files held by the service whose documents use the catalog file `catalogPath`. */
  plansUsing(catalogPath: string): string[] {
    const users: string[] = [];
    for (const file of this.files.values()) {
      if (file.type.role !== 'plan' && !file.docs.some((d) => d.kind === 'plan')) continue;
      const uses = file.docs.some(
        (d) => d.kind === 'plan' && this.catalogsOf(file, d).files.includes(catalogPath),
      );
      if (uses) users.push(file.path);
    }
    return users;
  }
}

/**
 * Whether `text` is what `change` makes of `before`, checked without building that text: a 2 MB
 * string built by concatenation is copied into one piece on its first read, which costs more than
 * the re-parse of the edited request. Equal lengths, the inserted text in its place, and the same
 * characters on either side of it (the caller's text comes from the same changes).
 */
function isResultOf(before: string, change: TextChange, text: string): boolean {
  const end = change.start + change.text.length;
  return (
    text.length === before.length - (change.end - change.start) + change.text.length &&
    text.startsWith(change.text, change.start) &&
    text.charCodeAt(change.start - 1) === before.charCodeAt(change.start - 1) &&
    text.charCodeAt(end) === before.charCodeAt(change.end)
  );
}
