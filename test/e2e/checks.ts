/**
 * Named checks of the end-to-end scenario: each prints PASS, FAIL (with the reason) or SKIPPED (with why) and
 * its duration; {@link CheckRunner.failed} tells the caller whether the process must exit non-zero.
 */

/** Thrown by a check that cannot run yet (for instance a view that is not built); reported as SKIPPED. */
export class SkipCheck extends Error {
  override readonly name = 'SkipCheck';
}

/** How a check ended. */
export type CheckOutcome = 'PASS' | 'FAIL' | 'SKIPPED';

/** One finished check. */
export interface CheckResult {
  readonly name: string;
  readonly outcome: CheckOutcome;
  readonly ms: number;
  readonly detail?: string;
}

/** Throws an Error with `message` unless `condition` holds. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Runs checks one after another and remembers their outcomes. */
export class CheckRunner {
  private readonly results: CheckResult[] = [];
  private aborted = false;

  /**
   * @param onFailure called after a check failed, before the next one runs (e.g. to save a screenshot)
   * @param log where the PASS/FAIL lines go
   */
  constructor(
    private readonly onFailure: (name: string) => Promise<void> = () => Promise.resolve(),
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {}

  /**
   * Runs `body` as the check `name`; never throws (a failure is recorded and printed). After {@link abort} it
   * runs nothing, and a check that was running when the run was aborted is neither recorded nor printed.
   */
  async check(name: string, body: () => Promise<void>): Promise<CheckOutcome> {
    if (this.aborted) return 'SKIPPED';
    const started = Date.now();
    let result: CheckResult;
    try {
      await body();
      result = { name, outcome: 'PASS', ms: Date.now() - started };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const outcome = error instanceof SkipCheck ? 'SKIPPED' : 'FAIL';
      result = { name, outcome, ms: Date.now() - started, detail };
    }
    if (this.aborted) return 'SKIPPED';
    this.results.push(result);
    this.log(formatResult(result));
    if (result.outcome === 'FAIL') await this.onFailure(name).catch(() => undefined);
    return result.outcome;
  }

  /** Records `name` as failed with `error` and stops the run: later checks neither run nor print. */
  abort(name: string, error: unknown): void {
    this.fail(name, error);
    this.aborted = true;
  }

  /** True after {@link abort}. */
  get isAborted(): boolean {
    return this.aborted;
  }

  /** Records a check that could not even start (for instance the workbench did not load). */
  fail(name: string, error: unknown): void {
    if (this.aborted) return;
    const detail = error instanceof Error ? error.message : String(error);
    const result: CheckResult = { name, outcome: 'FAIL', ms: 0, detail };
    this.results.push(result);
    this.log(formatResult(result));
  }

  /** True when at least one check failed. */
  get failed(): boolean {
    return this.results.some((r) => r.outcome === 'FAIL');
  }

  /** All results so far. */
  get all(): readonly CheckResult[] {
    return this.results;
  }

  /** One line: how many passed, failed and were skipped. */
  summary(): string {
    const count = (outcome: CheckOutcome): number => this.results.filter((r) => r.outcome === outcome).length;
    return `${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIPPED')} skipped`;
  }
}

/** `PASS  name (1.2 s)`, with the reason on the next lines for FAIL and SKIPPED. */
function formatResult(result: CheckResult): string {
  const head = `${result.outcome.padEnd(7)} ${result.name} (${(result.ms / 1000).toFixed(1)} s)`;
  if (!result.detail) return head;
  if (result.outcome === 'SKIPPED') return `${head} ${result.detail}`;
  const firstLines = result.detail.split('\n').slice(0, 12).join('\n        ');
  return `${head}\n        ${firstLines}`;
}
