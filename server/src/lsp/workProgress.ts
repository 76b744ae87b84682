import type { Connection, ProgressToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { Progress } from '../service/work/steps';
import { describe } from './runSafe';

/**
 * Shows long work in the editor with LSP work-done progress (`$/progress`: begin, report, end).
 * Nothing is shown for work that ends within its first slice. Past that, the progress goes to the
 * request's `workDoneToken` when the client sent one, else to a token the server creates
 * (`window/workDoneProgress/create`, when the client supports it: VS Code shows it as a cancellable
 * notification, and cancelling it stops the work as `$/cancelRequest` does).
 */
export class WorkProgress {
  private reporter: WorkDoneProgressReporter | undefined;
  private started = false;
  private ended = false;
  private shown = -1;
  private latest: Progress = { done: 0 };
  /** Set when the user cancels the progress the server created. */
  cancelled = false;

  constructor(
    private readonly connection: Connection,
    private readonly title: string,
    private readonly token: ProgressToken | undefined,
  ) {}

  /** The work gives way (a slice ended): begins the progress the first time, then reports how far it is. */
  update(progress: Progress | undefined): void {
    if (progress) this.latest = progress;
    if (this.ended) return;
    if (!this.started) this.start();
    else if (this.reporter) this.report();
  }

  /** The work ended (answered, failed or cancelled). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.reporter?.done();
  }

  private start(): void {
    this.started = true;
    if (this.token !== undefined) {
      this.begin(this.connection.window.attachWorkDoneProgress(this.token));
      return;
    }
    this.connection.window.createWorkDoneProgress().then(
      (reporter) => {
        reporter.token.onCancellationRequested(() => (this.cancelled = true));
        this.begin(reporter);
        if (this.ended) reporter.done();
      },
      (error: unknown) =>
        this.connection.console.info(`No progress shown for ${this.title}: ${describe(error)}`),
    );
  }

  private begin(reporter: WorkDoneProgressReporter): void {
    this.reporter = reporter;
    this.shown = this.percent();
    reporter.begin(this.title, this.shown, this.latest.message, this.token === undefined);
  }

  /** Reports only when the whole percentage moved, so that a fast slice loop sends few messages. */
  private report(): void {
    const percent = this.percent();
    if (percent === this.shown) return;
    this.shown = percent;
    const { message } = this.latest;
    if (message === undefined) this.reporter?.report(percent);
    else this.reporter?.report(percent, message);
  }

  private percent(): number {
    return Math.max(0, Math.min(100, Math.floor(this.latest.done * 100)));
  }
}
