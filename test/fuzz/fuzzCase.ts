import * as fc from 'fast-check';
import type { LspTestClient } from '../lsp/lspClient';
import type { TempFolder } from '../unit/cli/cliHelpers';

/**
 * The fuzzer's vocabulary: a family of hostile inputs is a fast-check arbitrary of cases; a case
 * runs against the product (the CLI in-process, the built CLI as a process, or the built language
 * server) and says what went wrong, if anything. The oracles are the promises of issue 19: every
 * case ends within its budget with a diagnostic or a clear one-line error, the server keeps
 * answering, and incremental results equal fresh ones.
 */

/**
 * Time budgets (wall clock, generous: they tell a hang or super-linear work from normal work on a
 * loaded two-core machine, and are never a performance measure).
 */
export const BUDGET = {
  /** A CLI command run in the fuzzer's process on a small or medium input. */
  inProcess: 5_000,
  /** A case with a large input (up to a few MB, 100,000 records) or several runs of the CLI. */
  large: 20_000,
  /** A case that starts a process (the built CLI, a fresh language server). */
  process: 20_000,
  /** Time for the language server to answer one request or publish after a change. */
  lspAnswer: 5_000,
} as const;

/** What a case can use while it runs. Everything it creates, it removes. */
export interface CaseContext {
  /** A new temporary folder with `files` (removed after the case). */
  folder(files?: Record<string, string | Uint8Array>): TempFolder;
  /**
   * The shared language server of this worker (trusted workspace `root` with the test catalog),
   * started on first use and started again if a case killed it.
   */
  server(): Promise<SharedServer>;
  /** Ends the shared server (a case that left it busy or broken); the next `server()` starts another. */
  discardServer(): void;
  /** The case's number in its pass: unique names for what a case opens in the shared server. */
  caseId: number;
  /** Whether the case should keep its files for a look (a replay): folders are not removed. */
  keep: boolean;
}

/** The language server a worker shares between cases, with a plan it keeps open to probe. */
export interface SharedServer {
  client: LspTestClient;
  /** Its trusted workspace folder (with the test catalog `acme.sources.yaml`). */
  root: string;
  probeUri: string;
  /** The probe plan's outline (`textDocument/documentSymbol`, as JSON) when the server started. */
  probeOutline: string;
}

/** One generated case: what it is (for a replay) and how to run it. */
export interface FuzzCase {
  /** A short description of the input, with its sizes: enough to rebuild it by hand. */
  describe: string;
  /** How long the case may take in all, in ms (see {@link BUDGET}). */
  budgetMs: number;
  /** Runs the case; resolves with why it failed, or undefined when every oracle holds. */
  run(ctx: CaseContext): Promise<string | undefined>;
}

/** A family of hostile inputs (one item of the list), with its share of the cases. */
export interface Family {
  name: string;
  /** Cases of this family per round of the schedule (see families.ts). */
  weight: number;
  arbitrary: fc.Arbitrary<FuzzCase>;
  /** Runs only when named (`--family`): a family whose failures are known and not yet fixed. */
  optIn?: boolean;
}

/**
 * A size from `min` to `large`, nine times in ten at most `small`: the large inputs (which take
 * seconds even when the work is linear) come often enough to be found, not so often that they
 * dominate a pass.
 */
export function mostlySmall(min: number, small: number, large: number): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min, max: small }), weight: 9 },
    { arbitrary: fc.integer({ min: small, max: large }), weight: 1 },
  );
}

/** A failure message for the first of several checks that fails (undefined when all hold). */
export function firstFailure(...checks: (string | undefined | false)[]): string | undefined {
  for (const check of checks) if (check) return check;
  return undefined;
}

/** A case's description: text cut to `max` characters, so that reports stay readable. */
export function clip(text: string, max = 80): string {
  const flat = JSON.stringify(text);
  return flat.length <= max ? flat : `${flat.slice(0, max - 12)}…(${text.length} chars)`;
}
