import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import type { DryRunModel } from '../../../shared/dryRun';
import { DryRunRequest } from '../../../shared/dryRun';
import type { DryRunOptions, DryRunState, HostToView } from '../../../shared/webviewMessages';
import { parseOptions, parseViewMessage } from '../../../shared/webviewMessages';
import { createNonce, dryRunHtml } from './panelHtml';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../../../shared/prediction';

export const DEFAULT_OPTIONS: DryRunOptions = {
  runs: DEFAULT_RUNS,
  seed: DEFAULT_SEED,
  moment: null,
  scenarios: [],
};

/** Signals the panels listen to: the server re-checked a plan (after an edit or a catalog change). */
export interface PlanEvents {
  onPlanChecked: vscode.Event<string>;
}

/**
 * The dry-run view of one plan file, beside its editor. It asks the server for the simulation,
 * posts the model to the webview, follows the plan and its catalogs, and comes back after a reload.
 */
export class DryRunPanel implements vscode.Disposable {
  static readonly viewType = 'iscPlan.dryRun';
  private static readonly panels = new Map<string, DryRunPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private model: DryRunModel | null = null;
  /** What the view was last sent to draw (model, options, focus as JSON): an identical result is not redrawn. */
  private shown = '';
  private focus: { document: number; request: number } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** Cancels the dry run in flight, when a newer one supersedes it or the view is closed. */
  private inFlight: vscode.CancellationTokenSource | undefined;
  /** The plan was re-checked while the view was hidden: simulate when it shows again. */
  private stale = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
    private readonly uri: string,
    private options: DryRunOptions,
    events: PlanEvents,
  ) {
    this.configure();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      events.onPlanChecked((checked) => {
        if (checked !== this.uri) return;
        // A hidden view is not simulated after every check: once, when it is shown again.
        if (this.panel.visible) this.schedule();
        else this.stale = true;
      }),
      panel.onDidChangeViewState(() => {
        if (!this.panel.visible || !this.stale) return;
        this.stale = false;
        this.schedule(0);
      }),
    );
    DryRunPanel.panels.set(uri, this);
    // Simulate right away; the view shows the model once its page has loaded (see 'ready').
    void this.ensureOpen().then(() => this.schedule(0));
  }

  /** Opens (or reveals) the dry run of a plan file, optionally at one request. */
  static show(
    context: vscode.ExtensionContext,
    client: LanguageClient,
    events: PlanEvents,
    uri: vscode.Uri,
    options?: Partial<DryRunOptions>,
    focus?: { document: number; request: number },
  ): DryRunPanel {
    const key = uri.toString();
    const existing = DryRunPanel.panels.get(key);
    if (existing) {
      if (options) existing.options = { ...existing.options, ...options };
      existing.focus = focus ?? existing.focus;
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      existing.schedule(0);
      return existing;
    }
    const name = uri.path.split('/').pop() ?? 'plan';
    const panel = vscode.window.createWebviewPanel(
      DryRunPanel.viewType,
      `Dry run: ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      DryRunPanel.webviewOptions(context.extensionUri),
    );
    const created = new DryRunPanel(
      panel,
      client,
      context.extensionUri,
      key,
      { ...DEFAULT_OPTIONS, ...options },
      events,
    );
    created.focus = focus ?? null;
    return created;
  }

  /** Restores a view after a window reload (the serializer hands over the state the view saved). */
  static revive(
    panel: vscode.WebviewPanel,
    client: LanguageClient,
    extensionUri: vscode.Uri,
    state: unknown,
    events: PlanEvents,
  ): void {
    const saved = state as Partial<DryRunState> | undefined;
    const options = parseOptions(saved?.options) ?? DEFAULT_OPTIONS;
    if (typeof saved?.uri !== 'string') {
      panel.dispose();
      return;
    }
    panel.webview.options = DryRunPanel.webviewOptions(extensionUri);
    new DryRunPanel(panel, client, extensionUri, saved.uri, options, events);
  }

  private static webviewOptions(
    extensionUri: vscode.Uri,
  ): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'media')],
      enableFindWidget: true,
    };
  }

  /** The model the view of a plan shows now (for tests and other extensions, through the extension's API). */
  static modelOf(uri: string): DryRunModel | null | undefined {
    return DryRunPanel.panels.get(uri)?.model;
  }

  static active(): DryRunPanel | undefined {
    return (
      [...DryRunPanel.panels.values()].find((p) => p.panel.active) ?? [...DryRunPanel.panels.values()][0]
    );
  }

  get planUri(): string {
    return this.uri;
  }

  get currentOptions(): DryRunOptions {
    return this.options;
  }

  private configure(): void {
    const webview = this.panel.webview;
    const media = (file: string): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', file)).toString();
    webview.html = dryRunHtml({ cspSource: webview.cspSource, media, nonce: createNonce() });
  }

  private post(message: HostToView): void {
    void this.panel.webview.postMessage(message);
  }

  /**
   * Sends the view a model to draw, unless it shows exactly that already: re-checks that change
   * nothing (a catalog opened or closed unchanged) must not redraw the view under the user.
   */
  private postModel(model: DryRunModel): void {
    const message: HostToView = { type: 'model', model, options: this.options, focus: this.focus };
    const json = JSON.stringify(message);
    if (json === this.shown) {
      this.post({ type: 'unchanged' });
      return;
    }
    this.shown = json;
    this.post(message);
  }

  /** Simulates again after `delay` ms; the dry run in flight, if any, is superseded now. */
  private schedule(delay = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.supersede();
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** Drops the dry run in flight: the server stops it at its next plan, and its answer is ignored. */
  private supersede(): void {
    this.generation++;
    this.inFlight?.cancel();
    this.inFlight = undefined;
  }

  private async refresh(): Promise<void> {
    this.supersede();
    const generation = this.generation;
    const request = (this.inFlight = new vscode.CancellationTokenSource());
    this.post({ type: 'busy' });
    try {
      const { runs, seed, moment, scenarios } = this.options;
      const model = await this.client.sendRequest(
        DryRunRequest.type,
        { uri: this.uri, runs, seed, scenarios, ...(moment !== null ? { moment } : {}) },
        request.token,
      );
      if (generation !== this.generation) return;
      this.model = model;
      if (!model) {
        this.shown = '';
        this.post({
          type: 'error',
          message: 'Open the plan file in an editor to simulate it (the file is closed, or holds no plan).',
        });
        return;
      }
      this.postModel(model);
    } catch (error) {
      if (generation !== this.generation) return;
      // A document changed under the dry run (the server stopped it): simulate what the editors show now.
      if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) {
        this.schedule();
        return;
      }
      this.shown = '';
      this.post({
        type: 'error',
        message: `The dry run failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      request.dispose();
      if (this.inFlight === request) this.inFlight = undefined;
    }
  }

  private receive(raw: unknown): void {
    const message = parseViewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.shown = '';
        if (this.model) {
          this.postModel(this.model);
        } else {
          this.schedule(0);
        }
        break;
      case 'options':
        this.options = message.options;
        this.schedule(0);
        break;
      case 'export':
        void vscode.commands.executeCommand('iscPlan.exportReport', message.format);
        break;
      case 'reveal':
        void this.reveal(message.document, message.request);
        break;
    }
  }

  /** The server simulates open documents: make sure the plan is open (after a reload it may not be). */
  private async ensureOpen(): Promise<void> {
    const uri = vscode.Uri.parse(this.uri);
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.uri)) {
      await vscode.workspace.openTextDocument(uri);
    }
  }

  private async reveal(document: number, request: number): Promise<void> {
    const position =
      this.model?.requestPositions[this.model.plans.findIndex((p) => p.document === document)]?.[request];
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(this.uri), {
      viewColumn: vscode.ViewColumn.One,
    });
    if (!position) return;
    const at = new vscode.Position(position.line, position.character);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.supersede();
    DryRunPanel.panels.delete(this.uri);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
