import type { Connection, InitializeResult } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { fileTypeOf } from '../../../shared/fileNames';
import type { FileState } from '../service/planService';
import { PlanService } from '../service/planService';
import type { OpenDocument } from './documents';
import { OpenDocuments } from './documents';
import { LspHost } from './lspHost';
import { SettingsCache } from './settingsCache';
import { IdleMemory } from './idleMemory';

/** An editor feature: registers its handlers on the session's connection and returns the capabilities it adds. */
export type FeatureRegistrar = (session: Session) => Partial<InitializeResult['capabilities']>;

/**
 * What every handler works with: the connection, the open documents, the settings and the plan
 * service over them. Handlers stay thin; the service does the work. The document lifecycle and the
 * validation that keeps diagnostics current are wired in `languageServer.ts`.
 */
export class Session {
  readonly documents = new OpenDocuments();
  readonly host = new LspHost(this.documents);
  readonly settings: SettingsCache;
  readonly service: PlanService;
  /** Gives memory back after heavy work, once the server is idle. */
  readonly idleMemory = new IdleMemory();
  /** Set by the `shutdown` request: from then on, requests are refused (LSP: InvalidRequest). */
  shutDown = false;
  /** Commands the client runs itself (`initializationOptions.clientCommands`). */
  clientCommands: ReadonlySet<string> = new Set();

  constructor(readonly connection: Connection) {
    this.settings = new SettingsCache(connection, this.host);
    this.service = new PlanService(this.host, {
      rootFor: (file) => this.host.rootOf(file),
      fallbackCatalogsFor: (file) => this.settings.fallbackCatalogs(file),
      rulesFor: (file) => this.settings.rules(file),
    });
  }

  /**
   * Brings the service up to date with an open plan or catalog document (its pending changes) and
   * returns the service's file. Requests (hover, completion...) call this so that they never
   * answer from an older text than the editor shows.
   */
  sync(doc: OpenDocument): FileState | undefined {
    const type = fileTypeOf(doc.path);
    if (!type) return undefined;
    const text = doc.document.getText();
    if (!this.service.file(doc.path)) {
      this.service.open(doc.path, text, type);
    } else if (doc.replaced) {
      // A change without a range, or the document opened again: only what differs is parsed again.
      this.service.replace(doc.path, text);
    } else if (doc.pending.length > 0) {
      this.service.update(doc.path, text, doc.pending);
    }
    doc.pending = [];
    doc.replaced = false;
    return this.service.file(doc.path);
  }

  /** The open document and its up-to-date service file for a URI, if it is a plan or catalog. */
  fileOf(uri: string): { doc: OpenDocument; file: FileState } | undefined {
    const doc = this.documents.get(uri);
    const file = doc ? this.sync(doc) : undefined;
    return doc && file ? { doc, file } : undefined;
  }

  /** The URI of a service path, for files the client has not opened. */
  uriOf(file: string): string {
    return this.documents.byFilePath(file)?.uri ?? URI.file(file).toString();
  }
}
