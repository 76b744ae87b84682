import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import type { DryRunParams } from '../../../shared/dryRun';
import { DryRunReportRequest, ScenarioNamesRequest } from '../../../shared/dryRun';
import { PLAN_FILE, planBaseName } from '../../../shared/fileNames';
import type { PlanEvents } from './dryRunPanel';
import { DEFAULT_OPTIONS, DryRunPanel } from './dryRunPanel';

/** The plan the user means: the given one, the active editor's, or the one of the active dry-run view. */
function targetPlan(given?: unknown): vscode.Uri | undefined {
  if (given instanceof vscode.Uri) return given;
  if (typeof given === 'string') return vscode.Uri.parse(given);
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && PLAN_FILE.test(editor.path)) return editor;
  const panel = DryRunPanel.active();
  return panel ? vscode.Uri.parse(panel.planUri) : undefined;
}

function noPlan(): void {
  void vscode.window.showWarningMessage(
    'ISC Plan: open a plan file (*.plan.yaml, *.plan.yml or *.plan.json) first.',
  );
}

const SCENARIOS = [
  {
    label: 'outage',
    description: 'a source is down for some hours',
    names: 'sources' as const,
    unit: 'hours',
    example: '4',
  },
  {
    label: 'away',
    description: 'an assignee completes nothing for some days',
    names: 'owners' as const,
    unit: 'days',
    example: '3',
  },
  {
    label: 'backlog',
    description: "a service desk's tickets take longer",
    names: 'integrations' as const,
    unit: 'factor',
    example: '2',
  },
  {
    label: 'failure',
    description: "a source's connector fails more often",
    names: 'sources' as const,
    unit: 'rate 0-1',
    example: '0.3',
  },
];

async function pickScenario(client: LanguageClient, uri: vscode.Uri): Promise<string | undefined> {
  const kind = await vscode.window.showQuickPick(SCENARIOS, {
    title: 'Dry run with a scenario',
    placeHolder: 'What if…',
  });
  if (!kind) return undefined;
  const names = await client.sendRequest(ScenarioNamesRequest.type, { uri: uri.toString() });
  const name = await vscode.window.showQuickPick(names[kind.names], { title: `${kind.label}: which one?` });
  if (!name) return undefined;
  const value = await vscode.window.showInputBox({
    title: `${kind.label}:${name}: how much (${kind.unit})?`,
    value: kind.example,
    validateInput: (text) =>
      Number.isFinite(Number(text)) && Number(text) >= 0 ? undefined : 'A number, please',
  });
  return value === undefined ? undefined : `${kind.label}:${name}:${value}`;
}

async function exportReport(client: LanguageClient, format?: unknown): Promise<void> {
  const uri = targetPlan();
  if (!uri) return noPlan();
  const chosen =
    format === 'markdown' || format === 'json'
      ? format
      : await vscode.window.showQuickPick(['markdown', 'json'], { title: 'Export the dry-run report as' });
  if (chosen !== 'markdown' && chosen !== 'json') return;
  const options =
    DryRunPanel.active()?.planUri === uri.toString() ? DryRunPanel.active()!.currentOptions : DEFAULT_OPTIONS;
  const base = planBaseName(uri.path);
  const target = await vscode.window.showSaveDialog({
    defaultUri: uri.with({ path: `${base}.dry-run.${chosen === 'json' ? 'json' : 'md'}` }),
    filters: chosen === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
  });
  if (!target) return;
  const { runs, seed, moment, scenarios } = options;
  const params: DryRunParams & { format: 'markdown' | 'json' } = {
    uri: uri.toString(),
    runs,
    seed,
    scenarios,
    format: chosen,
    ...(moment !== null ? { moment } : {}),
  };
  const title = 'ISC Plan: simulating the plan for the report…';
  let text: string | null;
  try {
    text = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => client.sendRequest(DryRunReportRequest.type, params, token),
    );
  } catch (error) {
    // Cancelled by the user from the notification: the server has stopped simulating.
    if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return;
    throw error;
  }
  if (text === null) return noPlan();
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(
    `ISC Plan: dry-run report saved to ${vscode.workspace.asRelativePath(target)}.`,
  );
}

/** The dry-run commands (run, run a scenario, export the report) and the view's serializer. */
export function registerDryRunCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  events: PlanEvents,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'iscPlan.dryRun',
      (uri?: unknown, document?: unknown, request?: unknown) => {
        const plan = targetPlan(uri);
        if (!plan) return noPlan();
        const focus =
          typeof document === 'number' && typeof request === 'number' ? { document, request } : undefined;
        DryRunPanel.show(context, client, events, plan, undefined, focus);
      },
    ),
    vscode.commands.registerCommand('iscPlan.dryRunScenario', async () => {
      const plan = targetPlan();
      if (!plan) return noPlan();
      const spec = await pickScenario(client, plan);
      if (spec) DryRunPanel.show(context, client, events, plan, { scenarios: [spec] });
    }),
    vscode.commands.registerCommand('iscPlan.exportReport', (format?: unknown) =>
      exportReport(client, format),
    ),
    vscode.window.registerWebviewPanelSerializer(DryRunPanel.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        DryRunPanel.revive(panel, client, context.extensionUri, state, events);
        return Promise.resolve();
      },
    }),
  ];
}
