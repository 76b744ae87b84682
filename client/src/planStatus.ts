import * as vscode from 'vscode';
import type { PlanStatusParams } from '../../shared/protocol';
import { PLAN_LANGUAGES } from './languageClient';

/** A language status item for plan files: the requests per channel and the catalogs in use. */
export class PlanStatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('iscPlan.status', [...PLAN_LANGUAGES]);
  private readonly byUri = new Map<string, PlanStatusParams>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(onChecked: vscode.Event<PlanStatusParams>) {
    this.item.name = 'ISC Plan';
    this.item.text = 'ISC Plan';
    this.item.command = { command: 'iscPlan.dryRun', title: 'Dry Run', tooltip: 'Dry run of this plan' };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      onChecked((params) => {
        this.byUri.set(params.uri, params);
        this.render();
      }),
    );
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.byUri.get(uri) : undefined;
    if (!status) {
      this.item.text = 'ISC Plan';
      this.item.detail = undefined;
      return;
    }
    const { connector, manual, ticketing, none, unknown } = status.channels;
    const parts = [`${connector} connector`, `${manual} manual`, `${ticketing} ticket`];
    if (none > 0) parts.push(`${none} none`);
    if (unknown > 0) parts.push(`${unknown} unknown`);
    this.item.text = `$(plug) ${parts.join(' · ')}`;
    const catalogs = status.catalogs.map((c) => vscode.workspace.asRelativePath(c)).join(', ');
    this.item.detail = catalogs ? `catalogs: ${catalogs}` : 'no catalog';
    this.item.severity =
      status.errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
