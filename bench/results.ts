/** What one benchmark run measured: the table and the details of RESULTS.md are made of it. */
import type { ActivationResult } from './activation';
import type { CalibrateResult } from './calibrateBench';
import type { ProcessRun, VsixResult } from './cliBench';
import type { FloorSamples, PredictionResult } from './inProcess';
import type { BoundedResult } from './editBench';
import type { ServerResult } from './lspBench';
import type { Machine } from './report';

/** The plan sizes of the editor scenario. */
export const SIZES = [100, 1_000, 10_000] as const;

export interface BenchResults {
  machine: Machine;
  quick: boolean;
  isolated: boolean;
  planBytes: Record<number, number>;
  /** The floor per plan size: warm runs before the servers, and `paired`: one right before each of our opens. */
  floor: Record<number, { coldMs: number; paired: FloorSamples } & FloorSamples>;
  ours: Record<number, ServerResult>;
  yls: Record<number, ServerResult>;
  /** Cold open, ranged and full-text edits, and a dry run's longest hold of the thread (bench/editBench.ts). */
  bounded?: BoundedResult;
  prediction?: PredictionResult | { error: string };
  cliSimulate?: ProcessRun[];
  validate?: ProcessRun[];
  /** `isc-plan diff` of 1,000 plans × 10 requests under two catalogs (bench/diffBench.ts). */
  diff?: ProcessRun[];
  /** `isc-plan calibrate` over 100,000 and 10,000 synthetic activities. */
  calibrate?: CalibrateResult | { error: string };
  vsix?: VsixResult;
  activation: ActivationResult[];
  profile?: string;
  skipped: string[];
  /** The 1-minute load average when each part started. */
  loads: { part: string; load: number }[];
  /** When dist/server.js, dist/cli.js and dist/extension.js were built (what was measured). */
  builds: Record<string, string>;
}
