import * as path from 'path';
import { zeroPerChannel } from '../../../shared/prediction';
import { PlanStatusNotification } from '../../../shared/protocol';
import type { PlanStatusParams } from '../../../shared/protocol';
import { parseRuleConfig } from '../service/findings/ruleConfig';
import type { Finding } from '../service/findings/finding';
import { fileTypeOf } from '../../../shared/fileNames';
import { toDiagnostics } from './convert';
import type { OpenDocument } from './documents';
import { describe } from './runSafe';
import type { Session } from './session';
import { CONFIG_FILE } from './settingsCache';

/**
 * How long to wait after a change before validating. Short enough to stay inside the 50 ms
 * budget after an edit, long enough to fold a burst of keystrokes into one run.
 */
export const VALIDATION_DELAY_MS = 5;

/**
 * Keeps diagnostics current: validates each open document shortly after it changes, only for its
 * latest version, and re-validates the plans that depend on a catalog when the catalog changes.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly session: Session) {}

  schedule(uri: string, delay = VALIDATION_DELAY_MS): void {
    const existing = this.timers.get(uri);
    if (existing) clearTimeout(existing);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, delay),
    );
  }

  scheduleAll(): void {
    for (const doc of this.session.documents.all()) this.schedule(doc.uri);
  }

  /** Re-checks the open plans that use a file (a catalog, an export, the rule config). */
  scheduleDependents(file: string, listingChanged: boolean): void {
    const everything =
      path.basename(file) === CONFIG_FILE || (listingChanged && fileTypeOf(file)?.role === 'catalog');
    if (everything) {
      this.scheduleAll();
      return;
    }
    for (const plan of this.session.service.plansUsing(file)) this.schedule(this.session.uriOf(plan));
  }

  closed(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    const doc = this.session.documents.close(uri);
    if (!doc) return;
    this.session.service.close(doc.path);
    void this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.session.host.forget(doc.path, false);
    // No other file reads a plan. The plans that used another closed file (a catalog, an export, the
    // rule config) read it from disk now: nothing changes for them when the editor held what the
    // disk holds; unsaved changes that were discarded must go.
    if (fileTypeOf(doc.path)?.role === 'plan') return;
    if (this.session.host.readFile(doc.path) === doc.document.getText()) return;
    this.session.service.invalidate(doc.path);
    this.scheduleDependents(doc.path, false);
  }

  private async run(uri: string): Promise<void> {
    const doc = this.session.documents.get(uri);
    if (!doc) return;
    const version = doc.document.version;
    try {
      await this.session.settings.ensure(uri, doc.path);
      // A newer change arrived while the settings were fetched: its own run will do the work.
      if (
        this.session.documents.get(uri) !== doc ||
        doc.document.version !== version ||
        this.timers.has(uri)
      ) {
        return;
      }
      const findings = this.check(doc);
      if (findings === undefined) return;
      void this.session.connection.sendDiagnostics({
        uri,
        version,
        diagnostics: toDiagnostics(doc.document, findings),
      });
      this.sendStatus(doc, findings);
      this.session.idleMemory.workDone();
      if (fileTypeOf(doc.path)?.role !== 'plan') this.scheduleDependents(doc.path, false);
    } catch (error) {
      this.session.connection.console.error(`Validating ${doc.path} failed: ${describe(error)}`);
    }
  }

  /** Brings the service up to date with the document and returns its findings (undefined: not ours). */
  private check(doc: OpenDocument): Finding[] | undefined {
    const { service } = this.session;
    const text = doc.document.getText();
    if (path.basename(doc.path) === CONFIG_FILE) return parseRuleConfig(text).findings;
    const type = fileTypeOf(doc.path);
    if (!type) {
      // Not a plan or catalog by name, but it may be an export a plan names in `catalog:`.
      this.session.host.forget(doc.path, false);
      service.invalidate(doc.path);
      this.scheduleDependents(doc.path, false);
      return undefined;
    }
    this.session.sync(doc);
    return service.findings(doc.path);
  }

  private sendStatus(doc: OpenDocument, findings: readonly Finding[]): void {
    const file = this.session.service.file(doc.path);
    if (!file || file.type.role !== 'plan') return;
    const channels = zeroPerChannel();
    const catalogs = new Set<string>();
    for (const planDoc of file.docs) {
      if (planDoc.kind !== 'plan') continue;
      for (const state of planDoc.requests) channels[state.decision?.channel ?? 'unknown']++;
      for (const catalog of this.session.service.catalogsOf(file, planDoc).files) catalogs.add(catalog);
    }
    const params: PlanStatusParams = {
      uri: doc.uri,
      channels,
      catalogs: [...catalogs],
      errors: findings.filter((f) => f.severity === 'error').length,
    };
    void this.session.connection.sendNotification(PlanStatusNotification.type, params);
  }
}
