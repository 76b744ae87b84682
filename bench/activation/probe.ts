/**
 * The benchmark's tiny extension-host "suite" (the `@vscode/test-electron` shape: `run()`): opens a
 * plan so VS Code activates isc-plan on `onLanguage:isc-plan-yaml`, waits for the activation, then
 * records what VS Code itself measured — its "Startup Performance" view's "Extension Activation
 * Stats" row (Load Code / Call Activate / Finish Activate) and the extension host's performance
 * marks — into the JSON file named by ISC_PLAN_BENCH_PROBE_OUT.
 */
import * as fs from 'fs';
import * as path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import * as vscode from 'vscode';
import Module from 'module';

/** The extension measured, and the file whose language activates it (set by bench/activation.ts). */
const EXTENSION_ID = process.env.ISC_PLAN_BENCH_EXTENSION ?? 'isc-plan.isc-plan';
const OPEN_FILE = process.env.ISC_PLAN_BENCH_OPEN ?? 'probe.plan.yaml';

interface PerfMarks {
  getMarks(): { name: string; startTime: number }[];
}

type Loader = { _load: (...args: unknown[]) => unknown };

/**
 * Times the loads of the extension's own files (Node's `Module._load`; not its node_modules or dot folders), including
 * a bundle that activate() requires after it has returned; returns a function that stops timing.
 */
function timeExtensionLoads(root: string, loads: { file: string; start: number; ms: number }[]): () => void {
  const loader = Module as unknown as Loader;
  const original = loader._load;
  loader._load = function (this: unknown, ...args: unknown[]): unknown {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const request = String(args[0]);
      const file = path.relative(root, request);
      if (
        !file.startsWith('..') &&
        !path.isAbsolute(file) &&
        !file.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')
      ) {
        loads.push({ file, start: started, ms: performance.now() - started });
      }
    }
  };
  return () => (loader._load = original);
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** The lines of VS Code's Startup Performance view that name the extension (its activation stats row). */
async function startupPerformanceRows(record: Record<string, unknown>): Promise<string[]> {
  // The view's text provider exists once the view has been shown.
  await vscode.commands
    .executeCommand('perfview.show')
    .then(undefined, (error: unknown) => (record.perfviewError = String(error)));
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const shown = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf');
      record.perfDocuments = vscode.workspace.textDocuments.map((d) => d.uri.toString());
      const doc =
        shown ??
        (await vscode.workspace.openTextDocument(
          vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }),
        ));
      const text = doc.getText();
      const rows = text.split('\n').filter((line) => line.includes(EXTENSION_ID));
      if (rows.length > 0) return rows;
      record.startupPerformanceText = text.slice(0, 2000);
    } catch (error) {
      // the view's provider is not ready yet
      record.startupPerformanceError = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return [];
}

export async function run(): Promise<void> {
  const out = process.env.ISC_PLAN_BENCH_PROBE_OUT;
  if (!out) throw new Error('ISC_PLAN_BENCH_PROBE_OUT is not set');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const record: Record<string, unknown> = {
    found: extension !== undefined,
    activeBefore: extension?.isActive ?? false,
  };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  // The longest time the extension host's thread is blocked while the extension activates (whatever
  // VS Code's own activation times count: code loaded after activate() returned is blocking too).
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const loads: { file: string; start: number; ms: number }[] = [];
  const stopTiming = timeExtensionLoads(extension?.extensionPath ?? '/nonexistent', loads);
  const opened = Date.now();
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, OPEN_FILE)));
  await vscode.window.showTextDocument(document);
  record.languageId = document.languageId;
  record.activated = await waitUntil(() => extension?.isActive === true, 60_000);
  record.openToActiveMs = Date.now() - opened;
  delay.disable();
  record.eventLoopMaxMs = delay.max / 1e6;
  // activate() may require more once it has returned: give that a moment before the timing stops.
  await new Promise((resolve) => setTimeout(resolve, 200));
  stopTiming();
  record.loads = loads;
  // The main thread learns the activation times by message: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  record.startupPerformanceRows = await startupPerformanceRows(record);
  const marks =
    (globalThis as { MonacoPerformanceMarks?: PerfMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
  record.marks = marks.filter((m) => m.name.includes(EXTENSION_ID) || m.name === 'code/timeOrigin');
  fs.writeFileSync(out, JSON.stringify(record, null, 2));
}
