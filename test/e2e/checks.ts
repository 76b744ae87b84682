/**
 * Named checks of the end-to-end scenario: each prints PASS or FAIL (with the reason) and its duration;
 * {@link CheckRunner.failed} tells the caller whether the process must exit non-zero. There is no skipping: a
 * check that cannot do its work (a command missing from the palette, a view that does not open) fails.
 */

/** How a check ended; NOT RUN: the run was aborted (after a failure) before the check could run. */
export type CheckOutcome = 'PASS' | 'FAIL' | 'NOT RUN';

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
   * runs nothing, and a check that was running when the run was aborted is neither recorded nor printed: the
   * abort itself is recorded as a failure, so the run fails.
   */
  async check(name: string, body: () => Promise<void>): Promise<CheckOutcome> {
    if (this.aborted) return 'NOT RUN';
    const started = Date.now();
    let result: CheckResult;
    try {
      await body();
      result = { name, outcome: 'PASS', ms: Date.now() - started };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      result = { name, outcome: 'FAIL', ms: Date.now() - started, detail };
    }
    if (this.aborted) return 'NOT RUN';
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

  /** True when at least one check failed, or none ran at all. */
  get failed(): boolean {
    return this.results.length === 0 || this.results.some((r) => r.outcome !== 'PASS');
  }

  /** All results so far. */
  get all(): readonly CheckResult[] {
    return this.results;
  }

  /** One line: how many passed and failed. */
  summary(): string {
    const count = (outcome: CheckOutcome): number => this.results.filter((r) => r.outcome === outcome).length;
    return `${count('PASS')} passed, ${count('FAIL')} failed`;
  }
}

/** `PASS  name (1.2 s)`, with the reason on the next lines for FAIL. */
function formatResult(result: CheckResult): string {
  const head = `${result.outcome.padEnd(7)} ${result.name} (${(result.ms / 1000).toFixed(1)} s)`;
  if (!result.detail) return head;
  const firstLines = result.detail.split('\n').slice(0, 12).join('\n        ');
  return `${head}\n        ${firstLines}`;
}
