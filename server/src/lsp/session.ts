import * as path from 'path';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { InitializationOptions } from '../../../shared/protocol';
import { WorkspaceTrustNotification } from '../../../shared/protocol';
import type { HoverContext } from '../service/features/hover/hover';
import { fileTypeOf } from '../service/document/sourceFile';
import type { FileState } from '../service/planService';
import { PlanService } from '../service/planService';
import type { OpenDocument } from './documents';
import { OpenDocuments, pathOfUri } from './documents';
import { LspHost } from './lspHost';
import { hoverPrediction } from './editorPredictions';
import { describe } from './runSafe';
import { SettingsCache } from './settingsCache';
import { IdleMemory } from './idleMemory';
import { Validator } from './validator';

/** The capabilities this server offers; features register their own providers in `registerFeatures`. */
export type FeatureRegistrar = (session: Session) => Partial<InitializeResult['capabilities']>;

/**
 * One language server session: the connection, the open documents, the plan service and the
 * validation that keeps diagnostics current. Handlers stay thin; the service does the work.
 */
export class Session {
  readonly documents = new OpenDocuments();
  readonly host = new LspHost(this.documents);
  readonly settings: SettingsCache;
  readonly service: PlanService;
  readonly validator: Validator;
  /** Gives memory back after heavy work, once the server is idle. */
  readonly idleMemory = new IdleMemory();
  private watchesFiles = false;

  constructor(
    readonly connection: Connection,
    private readonly features: FeatureRegistrar[] = [],
  ) {
    this.settings = new SettingsCache(connection, this.host);
    this.service = new PlanService(this.host, {
      rootFor: (file) => this.host.rootOf(file),
      fallbackCatalogsFor: (file) => this.settings.fallbackCatalogs(file),
      rulesFor: (file) => this.settings.rules(file),
    });
    this.validator = new Validator(this);
    this.wire();
  }

  private wire(): void {
    const { connection } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.registerDynamic());
    connection.onDidOpenTextDocument(({ textDocument }) => {
      this.documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.validator.schedule(textDocument.uri);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      if (this.documents.change(textDocument.uri, textDocument.version, contentChanges)) {
        this.validator.schedule(textDocument.uri);
      }
    });
    connection.onDidCloseTextDocument(({ textDocument }) => this.validator.closed(textDocument.uri));
    connection.onDidChangeConfiguration(() => {
      this.settings.clear();
      this.service.invalidateAll();
      this.validator.scheduleAll();
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        this.fileChanged(pathOfUri(change.uri), change.type !== FileChangeType.Changed);
      }
    });
    connection.onNotification(WorkspaceTrustNotification.type, ({ trusted }) => {
      this.host.trusted = trusted;
      this.settings.clear();
      this.service.invalidateAll();
      this.validator.scheduleAll();
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    this.host.trusted = options.trusted !== false;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.host.roots = folders.map(pathOfUri);
    const capabilities = params.capabilities;
    this.settings.pullSupported = capabilities.workspace?.configuration === true;
    this.watchesFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const result: InitializeResult = {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: {
        name: 'isc-plan-language-server',
        version: typeof ISC_PLAN_VERSION === 'string' ? ISC_PLAN_VERSION : 'dev',
      },
    };
    for (const register of this.features) Object.assign(result.capabilities, register(this));
    return result;
  }

  private async registerDynamic(): Promise<void> {
    try {
      if (this.settings.pullSupported) {
        await this.connection.client.register(DidChangeConfigurationNotification.type, {
          section: 'iscPlan',
        });
      }
      if (this.watchesFiles) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }],
        });
      }
    } catch (error) {
      this.connection.console.error(`Registering for file and settings changes failed: ${describe(error)}`);
    }
  }

  /** A file changed on disk (or came or went): forget it and re-check what depends on it. */
  fileChanged(file: string, listingChanged: boolean): void {
    this.host.forget(file, listingChanged);
    this.service.invalidate(file);
    if (path.basename(file) === '.isc-plan.yaml') this.settings.clear();
    if (listingChanged) this.service.invalidateAll();
    this.validator.scheduleDependents(file, listingChanged);
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
    if (doc.replaced || !this.service.file(doc.path)) {
      this.service.open(doc.path, text, type);
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

  /** What hovers and code lenses need to explain a file: its catalogs, predictions and the time. */
  predictionContext(file: FileState): HoverContext {
    return {
      catalogOf: (doc) => this.service.catalogsOf(file, doc).catalog,
      predictionOf: (doc, index) => hoverPrediction(this, file, doc)?.[index],
      now: Date.now(),
    };
  }

  /** The URI of a service path, for files the client has not opened. */
  uriOf(file: string): string {
    return this.documents.byFilePath(file)?.uri ?? URI.file(file).toString();
  }
}

declare const ISC_PLAN_VERSION: string | undefined;
