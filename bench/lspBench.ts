/**
 * The editor scenario, run the same way against our server and yaml-language-server over stdio:
 * open a generated plan (several times), hover, complete, edit ~20 times in the middle of the plan,
 * ask for code lenses after edits, and read the server's memory from /proc.
 */
import * as path from 'path';
import type { CompletionList, Diagnostic, Position } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { Arrival, Memory } from './lspSession';
import { LspSession } from './lspSession';
import { messageOf, timeAsync, withTimeout } from './stats';

/** How to start a server and what to tell it. */
export interface ServerSpec {
  name: string;
  /** `node <args>` starts it over stdio. */
  args: string[];
  languageId: string;
  /** Answers to `workspace/configuration` by section, and the `didChangeConfiguration` settings. */
  settings: Record<string, unknown>;
  /** Whether it publishes diagnostics with the document version. */
  versioned: boolean;
  /** How many calls of each hover and completion kind. */
  calls: number;
  opens: number;
  edits: number;
  /** Code lens rounds (0: the server has none). */
  lensRounds: number;
  /** Called right before each didOpen (the benchmark times the `yaml` floor there, in the same conditions). */
  beforeOpen?: () => void;
}

/** Everything measured for one server on one plan. */
export interface ServerResult {
  server: string;
  requests: number;
  openMs: number[];
  /** Server CPU time (user + system) per open, and per edit on average over all edits (ms). */
  openCpuMs: number[];
  editCpuMs?: number;
  lensCpuMs: number[];
  editMs: number[];
  /** Diagnostics count after each edit, in order. */
  editDiagnostics: number[];
  baseDiagnostics?: number;
  hoverSourceMs: number[];
  hoverOperationMs: number[];
  completionOperationMs: number[];
  completionSourceMs: number[];
  /** The first code lens call after the open (the prediction computed cold). */
  lensAfterOpenMs?: number;
  lensFirstMs: number[];
  lensRepeatMs: number[];
  lensCount?: number;
  memoryAfterOpen?: Memory;
  memoryAfterEdits?: Memory;
  /** After all edits and requests and {@link SETTLE_MS} without any: what the server keeps while the plan stays open. */
  memorySettled?: Memory;
  /** What the enum-breaking edit produced (the schema check of yaml-language-server). */
  enumCheck?: string;
  isolated: boolean;
  errors: string[];
}

const OPEN_TIMEOUT_MS = 180_000;
const EDIT_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 60_000;

/** Where things are in a generated plan: request `i` takes 5 lines after the header. */
export class PlanLayout {
  readonly lines: string[];
  readonly header: number;
  constructor(readonly text: string) {
    this.lines = text.split('\n');
    this.header = this.lines.indexOf('accountRequests:') + 1;
  }
  source(i: number): Position {
    return { line: this.header + 5 * i, character: '  - source: '.length };
  }
  operation(i: number): Position {
    return { line: this.header + 5 * i + 1, character: '    operation: '.length };
  }
  /** The last digit of the request's number in its nativeIdentity (`CN=User 5000,...`). */
  identityDigit(i: number): Position {
    const line = this.header + 5 * i + 2;
    const text = this.lines[line]!;
    return { line, character: text.indexOf(`User ${i},`) + `User ${i}`.length - 1 };
  }
  /** Requests spread evenly over the plan. */
  spread(count: number, requests: number): number[] {
    return Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * requests) / count));
  }
}

type Edit = { range: { start: Position; end: Position }; text: string; changesDiagnostics: boolean };

/** The edit cycle in the middle request: identity digit → x, operation → Modifx, digit back, operation back. */
function editCycle(layout: PlanLayout, middle: number): Edit[] {
  const digit = layout.identityDigit(middle);
  const original = layout.lines[digit.line]![digit.character]!;
  const op = layout.operation(middle);
  const e = { line: op.line, character: op.character + 'Modif'.length };
  const one = (p: Position): { start: Position; end: Position } => ({
    start: p,
    end: { line: p.line, character: p.character + 1 },
  });
  return [
    { range: one(digit), text: 'x', changesDiagnostics: false },
    { range: one(e), text: 'x', changesDiagnostics: true },
    { range: one(digit), text: original, changesDiagnostics: false },
    { range: one(e), text: 'y', changesDiagnostics: true },
  ];
}

class Scenario {
  readonly result: ServerResult;
  private version = 0;
  private readonly uri: string;
  private readonly layout: PlanLayout;

  constructor(
    private readonly spec: ServerSpec,
    private readonly session: LspSession,
    file: string,
    text: string,
    requests: number,
  ) {
    this.uri = URI.file(file).toString();
    this.layout = new PlanLayout(text);
    const empty = {
      openMs: [],
      openCpuMs: [],
      lensCpuMs: [],
      editMs: [],
      editDiagnostics: [],
      hoverSourceMs: [],
      hoverOperationMs: [],
      completionOperationMs: [],
      completionSourceMs: [],
      lensFirstMs: [],
      lensRepeatMs: [],
    };
    this.result = { server: spec.name, requests, ...empty, isolated: session.isolated, errors: [] };
  }

  /** Waits for the diagnostics of `version` (or, unversioned, the next ones for the file after `from`). */
  private diagnosticsOf(version: number, from: number, timeoutMs: number): Promise<Arrival> {
    const versioned = this.spec.versioned;
    return this.session.waitFor(
      from,
      (a) => a.uri === this.uri && (!versioned || a.version === version),
      timeoutMs,
    );
  }

  async open(): Promise<void> {
    for (let n = 0; n < this.spec.opens; n++) {
      if (n > 0) {
        const from = this.session.arrivals.length;
        await this.session.connection.sendNotification('textDocument/didClose', {
          textDocument: { uri: this.uri },
        });
        await this.session.waitFor(from, (a) => a.uri === this.uri, 5000).catch(() => undefined);
      }
      this.spec.beforeOpen?.();
      const version = ++this.version;
      const from = this.session.arrivals.length;
      const cpu = this.session.cpuMs();
      const started = performance.now();
      await this.session.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: this.uri, languageId: this.spec.languageId, version, text: this.layout.text },
      });
      const arrival = await this.diagnosticsOf(version, from, OPEN_TIMEOUT_MS);
      this.result.openMs.push(arrival.at - started);
      this.result.openCpuMs.push(this.session.cpuMs() - cpu);
      this.result.baseDiagnostics = arrival.diagnostics.length;
    }
  }

  /** One incremental change; resolves with the time until its diagnostics and what they were. */
  private async change(edit: Edit): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const version = ++this.version;
    const from = this.session.arrivals.length;
    const started = performance.now();
    const contentChanges = [{ range: edit.range, text: edit.text }];
    await this.session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version },
      contentChanges,
    });
    const arrival = await this.diagnosticsOf(version, from, EDIT_TIMEOUT_MS);
    return { ms: arrival.at - started, diagnostics: arrival.diagnostics };
  }

  async edits(): Promise<void> {
    const middle = Math.floor(this.result.requests / 2);
    const cycle = editCycle(this.layout, middle);
    const opLine = this.layout.operation(middle).line;
    const cpu = this.session.cpuMs();
    for (let n = 0; n < this.spec.edits; n++) {
      const edit = cycle[n % cycle.length]!;
      const { ms, diagnostics } = await this.change(edit);
      this.result.editMs.push(ms);
      this.result.editDiagnostics.push(diagnostics.length);
      if (n % cycle.length === 1) {
        const onLine = diagnostics.filter((d) => d.range.start.line === opLine);
        this.result.enumCheck ??=
          onLine.length > 0
            ? `"Modifx" → ${onLine.map((d) => JSON.stringify((typeof d.message === 'string' ? d.message : d.message.value).slice(0, 90))).join('; ')}`
            : 'no diagnostic on the edited operation';
      }
    }
    this.result.editCpuMs = (this.session.cpuMs() - cpu) / this.spec.edits;
  }

  private async request(method: string, position: Position): Promise<{ ms: number; value: unknown }> {
    let value: unknown;
    const ms = await timeAsync(async () => {
      value = await withTimeout(
        this.session.connection.sendRequest(method, { textDocument: { uri: this.uri }, position }),
        REQUEST_TIMEOUT_MS,
        method,
      );
    });
    return { ms, value };
  }

  async hoversAndCompletions(): Promise<void> {
    const targets = this.layout.spread(this.spec.calls, this.result.requests);
    const plus = (p: Position, n: number): Position => ({ line: p.line, character: p.character + n });
    for (const i of targets) {
      this.result.hoverSourceMs.push(
        (await this.request('textDocument/hover', plus(this.layout.source(i), 2))).ms,
      );
    }
    for (const i of targets) {
      this.result.hoverOperationMs.push(
        (await this.request('textDocument/hover', plus(this.layout.operation(i), 2))).ms,
      );
    }
    let items = 0;
    for (const i of targets) {
      const { ms, value } = await this.request('textDocument/completion', this.layout.operation(i));
      this.result.completionOperationMs.push(ms);
      items = Math.max(items, completionItems(value));
    }
    for (const i of targets) {
      this.result.completionSourceMs.push(
        (await this.request('textDocument/completion', this.layout.source(i))).ms,
      );
    }
    if (items === 0) this.result.errors.push('completion at operation: returned no items');
  }

  /** One `textDocument/codeLens` call: its time (the lens count is kept). */
  private async lens(): Promise<number> {
    let lenses: unknown;
    const ms = await timeAsync(async () => {
      const request = this.session.connection.sendRequest('textDocument/codeLens', {
        textDocument: { uri: this.uri },
      });
      lenses = await withTimeout(request, REQUEST_TIMEOUT_MS, 'codeLens');
    });
    this.result.lensCount = Array.isArray(lenses) ? lenses.length : 0;
    return ms;
  }

  /** Code lenses right after the open, as an editor asks for them (later hovers then find the prediction). */
  async lensAfterOpen(): Promise<void> {
    if (this.spec.lensRounds > 0) this.result.lensAfterOpenMs = await this.lens();
  }

  /** Code lenses after an edit each: the first call (prediction recomputed) and a repeat call. */
  async codeLenses(): Promise<void> {
    const middle = Math.floor(this.result.requests / 2);
    const cycle = editCycle(this.layout, middle).filter((e) => !e.changesDiagnostics);
    for (let n = 0; n < this.spec.lensRounds; n++) {
      await this.change(cycle[n % cycle.length]!);
      const cpu = this.session.cpuMs();
      this.result.lensFirstMs.push(await this.lens());
      this.result.lensCpuMs.push(this.session.cpuMs() - cpu);
      this.result.lensRepeatMs.push(await this.lens());
    }
  }
}

function completionItems(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return (value as CompletionList | null)?.items?.length ?? 0;
}

/** How long the servers are left idle before the settled memory reading. */
export const SETTLE_MS = 3000;

/** Runs the whole scenario for one server and plan; a failing or hung step is recorded, not thrown. */
export async function benchServer(
  spec: ServerSpec,
  file: string,
  text: string,
  requests: number,
): Promise<ServerResult> {
  const session = new LspSession(spec.args, spec.settings);
  const scenario = new Scenario(spec, session, file, text, requests);
  const steps: [string, () => Promise<void>][] = [
    ['open', () => scenario.open()],
    ['memory', () => Promise.resolve(void (scenario.result.memoryAfterOpen = session.memory()))],
    ['code lenses after open', () => scenario.lensAfterOpen()],
    ['hover/completion', () => scenario.hoversAndCompletions()],
    ['edits', () => scenario.edits()],
    ['code lenses', () => scenario.codeLenses()],
  ];
  try {
    await withTimeout(session.initialize(path.dirname(file)), 30_000, `${spec.name} initialize`);
    // Open only once the server has pulled its settings (yaml-language-server: the schema association).
    const deadline = performance.now() + 10_000;
    while (session.configurationRequests.length === 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [name, step] of steps) {
      try {
        await withTimeout(step(), 15 * 60_000, `${spec.name} ${name}`);
      } catch (error) {
        scenario.result.errors.push(`${name}: ${messageOf(error)}`);
        if (!session.alive || name === 'open') break;
      }
    }
    scenario.result.memoryAfterEdits = session.memory();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    scenario.result.memorySettled = session.memory();
    if (scenario.result.enumCheck?.startsWith('no diagnostic')) {
      scenario.result.errors.push(
        'the enum-breaking edit ("Modifx") gave no diagnostic: the server did not validate operation values, so the comparison is not fair',
      );
    }
  } catch (error) {
    scenario.result.errors.push(messageOf(error));
  } finally {
    await session.dispose(spec.args.includes('--cpu-prof') ? 30_000 : 2000);
  }
  return scenario.result;
}
