/**
 * The account activities of a history, kept as a few numbers each (about 30 bytes per source an
 * activity touches) instead of the records: calibration streams the records through
 * `activityFacts` and keeps only what the fit and the back-test read.
 */

import type { ActivityFacts, ChannelHint, ExecutionStatus, ItemState } from './activities';

export const STATE_CODES: readonly ItemState[] = [
  'PENDING',
  'RETRY',
  'COMMITED',
  'FINISHED',
  'UNVERIFIABLE',
  'FAILED',
];
const EXECUTION_CODES: readonly ExecutionStatus[] = ['EXECUTING', 'VERIFYING', 'COMPLETED', 'TERMINATED'];

/** What the records say about one source key. */
export interface SourceSeen {
  key: string;
  /** How many of its parts each hint named. */
  hints: { connector: number; ticketing: number; manual: number };
  /** The provisioning targets other than the source (SDIM names), with counts. */
  targets: Map<string, number>;
}

/** One part per (activity, source), in arrival order. */
export class History {
  count = 0;
  created = new Float64Array(1024);
  modified = new Float64Array(1024);
  completed = new Float64Array(1024);
  source = new Int32Array(1024);
  state = new Uint8Array(1024);
  execution = new Uint8Array(1024);
  /** 1 when the activity touches more than one source: its times are the last source's. */
  shared = new Uint8Array(1024);
  readonly sources: SourceSeen[] = [];
  private readonly sourceIndex = new Map<string, number>();
  activities = 0;
  /** The latest time any record shows: the export's moment unless given. */
  latest = -Infinity;
  earliest = Infinity;

  add(facts: ActivityFacts): void {
    this.activities++;
    this.latest = Math.max(
      this.latest,
      facts.created,
      facts.modified,
      Number.isNaN(facts.completed) ? -Infinity : facts.completed,
    );
    this.earliest = Math.min(this.earliest, facts.created);
    for (const part of facts.parts) {
      if (this.count === this.created.length) this.grow();
      const i = this.count++;
      this.created[i] = facts.created;
      this.modified[i] = facts.modified;
      this.completed[i] = facts.completed;
      this.source[i] = this.indexOf(part.source, part.hint, part.target);
      this.state[i] = STATE_CODES.indexOf(part.state);
      this.execution[i] = EXECUTION_CODES.indexOf(facts.execution);
      this.shared[i] = facts.parts.length > 1 ? 1 : 0;
    }
  }

  stateOf(i: number): ItemState {
    return STATE_CODES[this.state[i]!]!;
  }

  executionOf(i: number): ExecutionStatus {
    return EXECUTION_CODES[this.execution[i]!]!;
  }

  private indexOf(key: string, hint: ChannelHint, target: string | undefined): number {
    let index = this.sourceIndex.get(key);
    if (index === undefined) {
      index = this.sources.length;
      this.sourceIndex.set(key, index);
      this.sources.push({ key, hints: { connector: 0, ticketing: 0, manual: 0 }, targets: new Map() });
    }
    const seen = this.sources[index]!;
    if (hint) seen.hints[hint]++;
    if (target) seen.targets.set(target, (seen.targets.get(target) ?? 0) + 1);
    return index;
  }

  private grow(): void {
    const size = this.created.length * 2;
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.created = f64(this.created);
    this.modified = f64(this.modified);
    this.completed = f64(this.completed);
    const i32 = new Int32Array(size);
    i32.set(this.source);
    this.source = i32;
    for (const key of ['state', 'execution', 'shared'] as const) {
      const b = new Uint8Array(size);
      b.set(this[key]);
      this[key] = b;
    }
  }
}
