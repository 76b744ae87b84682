import { fork } from 'child_process';
import * as vscode from 'vscode';

/**
 * "ISC Plan: Pull Catalog from Tenant…": runs the pull (`dist/pull.js`, the same code as
 * `isc-plan pull`) as a child process with the credentials in its environment, shows its progress,
 * and stops it when cancelled (nothing is written until the end, so earlier files stay). The
 * tenant URL and client ID are settings; the client secret lives in VS Code's SecretStorage, asked
 * for once with a masked input, and never reaches a file, the output channel or a message.
 */

/** What the command may be given (the extension-host tests give it; the palette gives nothing). */
export interface PullCommandArgs {
  /** `--activities`, e.g. `90d`; null for none. Asked for when undefined. */
  activities?: string | null;
}

/** The catalog files a pull writes (docs/formats.md#pulled-tenant), as `iscPlan.catalogs` lists them. */
const CATALOG_FILES = [
  'sources.json',
  'service-desk-integrations.json',
  'status-check-configuration.json',
  'account-schemas.json',
  'aggregation-schedules.json',
];

const OUT = 'isc-tenant';

function secretKey(baseUrl: string, clientId: string): string {
  return `iscPlan.clientSecret:${baseUrl}:${clientId}`;
}

async function setting(
  key: 'tenant.baseUrl' | 'tenant.clientId',
  prompt: string,
  placeHolder: string,
): Promise<string | undefined> {
  const config = vscode.workspace.getConfiguration('iscPlan');
  const current = config.get<string>(key)?.trim();
  if (current) return current;
  const value = (
    await vscode.window.showInputBox({
      title: 'Pull Catalog from Tenant',
      prompt,
      placeHolder,
      ignoreFocusOut: true,
    })
  )?.trim();
  if (value) await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return value || undefined;
}

/** The client secret: from SecretStorage, else `SAIL_CLIENT_SECRET` (CI), else asked for once and stored. */
async function clientSecret(secrets: vscode.SecretStorage, key: string): Promise<string | undefined> {
  const stored = await secrets.get(key);
  if (stored) return stored;
  if (process.env['SAIL_CLIENT_SECRET']) return process.env['SAIL_CLIENT_SECRET'];
  const typed = await vscode.window.showInputBox({
    title: 'Pull Catalog from Tenant',
    prompt: 'The API client’s secret (kept in VS Code’s secret storage, never in a file)',
    password: true,
    ignoreFocusOut: true,
  });
  if (!typed) return undefined;
  await secrets.store(key, typed);
  return typed;
}

async function activitiesChoice(args: PullCommandArgs): Promise<string | null | undefined> {
  if (args.activities !== undefined) return args.activities;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Catalog only', description: 'sources, SDIMs, schemas, schedules', value: null },
      {
        label: 'Catalog and 90 days of account activities',
        description: 'for calibration and import',
        value: '90d',
      },
    ],
    { title: 'Pull Catalog from Tenant' },
  );
  return picked ? picked.value : undefined;
}

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  cancelled: boolean;
}

/** Runs dist/pull.js, reporting its progress lines, killing it on cancellation. */
function runPull(
  script: string,
  cwd: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = fork(script, argv, { cwd, env, silent: true });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr += text;
      const last = text.trimEnd().split('\n').pop() ?? '';
      const step = /^isc-plan pull: (.+ \d+(\/\d+)?)$/.exec(last);
      if (step) progress.report({ message: step[1] });
    });
    const cancel = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    child.on('close', (code) => {
      cancel.dispose();
      resolve({ code, stdout, stderr, cancelled });
    });
  });
}

/** Offers to make the pulled files the catalogs of plans that name none. */
async function offerAsCatalogs(folder: vscode.WorkspaceFolder, summary: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('iscPlan', folder.uri);
  const listed = config.get<string[]>('catalogs') ?? [];
  const files = CATALOG_FILES.map((name) => `${OUT}/${name}`);
  if (files.every((file) => listed.includes(file))) {
    void vscode.window.showInformationMessage(`ISC Plan: ${summary}`);
    return;
  }
  const use = 'Use for Plans Without a Catalog';
  const answer = await vscode.window.showInformationMessage(`ISC Plan: ${summary}`, use);
  if (answer === use) {
    await config.update(
      'catalogs',
      [...listed, ...files.filter((f) => !listed.includes(f))],
      vscode.ConfigurationTarget.WorkspaceFolder,
    );
  }
}

async function pullCatalog(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  args: PullCommandArgs = {},
): Promise<number | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      'ISC Plan: open a folder first; the pull writes isc-tenant/ at its root.',
    );
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('ISC Plan: pulling from a tenant needs a trusted workspace.');
    return undefined;
  }
  const baseUrl = await setting('tenant.baseUrl', 'The tenant’s API URL', 'https://acme.api.identitynow.com');
  if (!baseUrl) return undefined;
  const clientId = await setting(
    'tenant.clientId',
    'The read-only API client’s ID (see the README for its scopes)',
    'client ID',
  );
  if (!clientId) return undefined;
  const key = secretKey(baseUrl, clientId);
  const secret = await clientSecret(context.secrets, key);
  if (!secret) return undefined;
  const activities = await activitiesChoice(args);
  if (activities === undefined) return undefined;
  const argv = ['--out', OUT, ...(activities ? ['--activities', activities] : [])];
  const env = {
    ...process.env,
    SAIL_BASE_URL: baseUrl,
    SAIL_CLIENT_ID: clientId,
    SAIL_CLIENT_SECRET: secret,
  };
  output.info(`Pulling ${baseUrl} into ${OUT}/ (client ${clientId})`);
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'ISC Plan: pulling from the tenant',
      cancellable: true,
    },
    (progress, token) =>
      runPull(context.asAbsolutePath('dist/pull.js'), folder.uri.fsPath, argv, env, progress, token),
  );
  const problem = result.stderr
    .split('\n')
    .filter((line) => line !== '' && !/^isc-plan pull: .+ \d+(\/\d+)?$/.test(line));
  if (result.stdout) output.info(result.stdout.trimEnd());
  if (problem.length > 0) output.warn(problem.join('\n'));
  if (result.cancelled) {
    void vscode.window.showInformationMessage(`ISC Plan: pull cancelled; ${OUT}/ is as it was.`);
  } else if (result.code === 0) {
    void offerAsCatalogs(folder, result.stdout.split('\n')[0] ?? 'pulled.');
  } else {
    // A refused secret is forgotten, so that the next pull asks for it again.
    if (/refused the client credentials/.test(result.stderr)) await context.secrets.delete(key);
    void vscode.window.showErrorMessage(
      `ISC Plan: ${(problem.at(-1) ?? 'the pull failed').replace(/^isc-plan pull: /, '')}`,
    );
  }
  return result.code ?? undefined;
}

/** Registers `iscPlan.pullCatalog` and `iscPlan.forgetClientSecret`. */
export function registerPullCommands(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('iscPlan.pullCatalog', (args?: PullCommandArgs) =>
      pullCatalog(context, output, args),
    ),
    vscode.commands.registerCommand('iscPlan.forgetClientSecret', async () => {
      const config = vscode.workspace.getConfiguration('iscPlan');
      const baseUrl = config.get<string>('tenant.baseUrl') ?? '';
      const clientId = config.get<string>('tenant.clientId') ?? '';
      await context.secrets.delete(secretKey(baseUrl, clientId));
      void vscode.window.showInformationMessage(
        'ISC Plan: the client secret is forgotten; the next pull asks for it.',
      );
    }),
  ];
}
