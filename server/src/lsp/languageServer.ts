import * as path from 'path';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { InitializationOptions } from '../../../shared/protocol';
import { WorkspaceTrustNotification } from '../../../shared/protocol';
import { pathOfUri } from './documents';
import { describe } from './runSafe';
import type { FeatureRegistrar } from './session';
import { Session } from './session';
import { CONFIG_FILE } from './settingsCache';
import { Validator } from './validator';

/**
 * The language server on one connection: the initialize handshake, the document lifecycle
 * (open, change, close), settings, trust and file-watcher notifications, and the validation that
 * keeps diagnostics current. Editor features register their own handlers on the session.
 */
export class LanguageServer {
  readonly session: Session;
  readonly validator: Validator;
  private watchesFiles = false;

  constructor(
    connection: Connection,
    private readonly features: readonly FeatureRegistrar[] = [],
  ) {
    this.session = new Session(connection);
    this.validator = new Validator(this.session);
    this.wire();
  }

  private wire(): void {
    const { connection } = this.session;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.registerDynamic());
    connection.onShutdown(() => {
      this.session.shutDown = true;
    });
    connection.onDidOpenTextDocument(({ textDocument }) => {
      this.session.documents.open(
        textDocument.uri,
        textDocument.languageId,
        textDocument.version,
        textDocument.text,
      );
      this.validator.schedule(textDocument.uri);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      if (this.session.documents.change(textDocument.uri, textDocument.version, contentChanges)) {
        this.validator.schedule(textDocument.uri);
      }
    });
    connection.onDidCloseTextDocument(({ textDocument }) => this.validator.closed(textDocument.uri));
    connection.onDidChangeConfiguration(() => {
      this.session.settings.clear();
      this.session.service.invalidateAll();
      this.validator.scheduleAll();
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        this.fileChanged(pathOfUri(change.uri), change.type !== FileChangeType.Changed);
      }
    });
    connection.onNotification(WorkspaceTrustNotification.type, ({ trusted }) => {
      this.session.host.trusted = trusted;
      this.session.settings.clear();
      this.session.service.invalidateAll();
      this.validator.scheduleAll();
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    this.session.host.trusted = options.trusted !== false;
    this.session.clientCommands = new Set(
      Array.isArray(options.clientCommands) ? options.clientCommands : [],
    );
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.session.host.roots = folders.map(pathOfUri);
    const capabilities = params.capabilities;
    this.session.settings.pullSupported = capabilities.workspace?.configuration === true;
    this.watchesFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const result: InitializeResult = {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: {
        name: 'isc-plan-language-server',
        version: typeof ISC_PLAN_VERSION === 'string' ? ISC_PLAN_VERSION : 'dev',
      },
    };
    for (const register of this.features) Object.assign(result.capabilities, register(this.session));
    return result;
  }

  private async registerDynamic(): Promise<void> {
    try {
      if (this.session.settings.pullSupported) {
        await this.session.connection.client.register(DidChangeConfigurationNotification.type, {
          section: 'iscPlan',
        });
      }
      if (this.watchesFiles) {
        await this.session.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }],
        });
      }
    } catch (error) {
      this.session.connection.console.error(
        `Registering for file and settings changes failed: ${describe(error)}`,
      );
    }
  }

  /** A file changed on disk (or came or went): forget it and re-check what depends on it. */
  fileChanged(file: string, listingChanged: boolean): void {
    this.session.host.forget(file, listingChanged);
    this.session.service.invalidate(file);
    if (path.basename(file) === CONFIG_FILE) this.session.settings.clear();
    if (listingChanged) this.session.service.invalidateAll();
    this.validator.scheduleDependents(file, listingChanged);
  }
}

declare const ISC_PLAN_VERSION: string | undefined;
