/**
 * Synthetic account-activity histories from a known parameter set, deterministic per seed: the
 * ground truth that calibration must recover (test/unit/service/calibration/calibrate.test.ts, the bench
 * row "calibrate 100,000 activities", samples/history/). Records are ISC's `AccountActivity`
 * (GET /v3/account-activities), status words as ISC spells them (`COMMITED`).
 *
 * The tenant: per-source connector queues (queue, execution and replication drawn separately),
 * failure rates without retries, manual work items completed in business hours on a weekly rhythm
 * with public holidays nobody told the calibration about, a ticket workflow, hourly to daily
 * aggregation schedules, arrivals heavier on weekday mornings, and activities still pending,
 * committed or drifted at the cut-off.
 */

import { quartzSchedule } from '../../../../server/src/service/time/cron';
import { ZoneClock } from '../../../../server/src/service/time/zoneClock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const Z90 = 1.2815515655446004;

export interface Quantiles {
  p50: number;
  p90: number;
}

/** One source of the synthetic tenant and the truth calibration should find. */
export interface SyntheticSource {
  name: string;
  id: string;
  channel: 'connector' | 'manual' | 'ticketing';
  /** Activities per weekday on average. */
  perDay: number;
  aggregation: string;
  aggregationMinutes: number;
  /** connector */
  queueMinutes?: Quantiles;
  executeSeconds?: Quantiles;
  visibilityMinutes?: Quantiles;
  failureRate?: number;
  /** manual and ticketing: business hours. */
  completionHours?: Quantiles;
  driftRate?: number;
}

export const TIME_ZONE = 'Europe/Berlin';
/** Public holidays in the tenant's zone that the business hours given to calibration do not list. */
export const HOLIDAYS = ['2026-10-03', '2026-11-01', '2026-12-25', '2026-12-26'];

export const SYNTHETIC_SOURCES: SyntheticSource[] = [
  {
    name: 'Active Directory',
    id: '2c9180855d191c59015d291ceb051111',
    channel: 'connector',
    perDay: 40,
    aggregation: '0 0 * * * ?',
    aggregationMinutes: 10,
    queueMinutes: { p50: 4, p90: 30 },
    executeSeconds: { p50: 5, p90: 40 },
    visibilityMinutes: { p50: 1, p90: 6 },
    failureRate: 0.03,
  },
  {
    name: 'Salesforce',
    id: '2c9180855d191c59015d291ceb052222',
    channel: 'connector',
    perDay: 12,
    aggregation: '0 0 6,12,18 * * ?',
    aggregationMinutes: 20,
    queueMinutes: { p50: 25, p90: 180 },
    executeSeconds: { p50: 10, p90: 90 },
    visibilityMinutes: { p50: 2, p90: 10 },
    failureRate: 0.08,
  },
  {
    name: 'Payroll',
    id: '2c9180855d191c59015d291ceb053333',
    channel: 'manual',
    perDay: 6,
    aggregation: '0 0 7 * * ?',
    aggregationMinutes: 15,
    completionHours: { p50: 6, p90: 40 },
    driftRate: 0.05,
  },
  {
    name: 'Badge System',
    id: '2c9180855d191c59015d291ceb054444',
    channel: 'manual',
    perDay: 4,
    aggregation: '0 0 2 * * ?',
    aggregationMinutes: 15,
    completionHours: { p50: 12, p90: 60 },
    driftRate: 0.02,
  },
  {
    name: 'Mainframe',
    id: '2c9180855d191c59015d291ceb055555',
    channel: 'ticketing',
    perDay: 3,
    aggregation: '0 0 3 * * ?',
    aggregationMinutes: 30,
    completionHours: { p50: 5, p90: 24 },
  },
  {
    name: 'Legacy CRM',
    id: '2c9180855d191c59015d291ceb056666',
    channel: 'connector',
    perDay: 0.15,
    aggregation: '0 0 4 * * ?',
    aggregationMinutes: 10,
    queueMinutes: { p50: 2, p90: 10 },
    executeSeconds: { p50: 5, p90: 30 },
    visibilityMinutes: { p50: 1, p90: 5 },
    failureRate: 0.02,
  },
];

/** The tenant catalog of the synthetic sources (what `--catalog` gives calibrate). */
export function syntheticCatalog(sources: readonly SyntheticSource[] = SYNTHETIC_SOURCES): string {
  const lines = ['kind: SourceCatalog', `timeZone: ${TIME_ZONE}`, 'sources:'];
  for (const s of sources) {
    lines.push(`  - name: ${s.name}`, `    id: ${s.id}`);
    if (s.channel === 'connector') {
      lines.push('    connectionType: direct', '    features: [PROVISIONING, ENABLE]');
    } else if (s.name === 'Payroll') {
      lines.push('    connectionType: file', '    type: DelimitedFile', '    features: []');
    } else lines.push('    connectionType: direct', '    features: []');
    lines.push(`    owner: { name: ${s.name.toLowerCase().replace(/\W+/g, '.')}.admin }`);
    lines.push(`    aggregation: { schedule: '${s.aggregation}', durationMinutes: ${s.aggregationMinutes} }`);
  }
  lines.push('serviceDeskIntegrations:');
  lines.push('  - name: ServiceNow Desk', '    type: ServiceNowSDIM', '    managedSources: [Mainframe]');
  return `${lines.join('\n')}\n`;
}

/** mulberry32: a small deterministic generator of uniforms in (0, 1). */
export function uniforms(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 + 1 / 8589934592;
  };
}

function logNormal(random: () => number, q: Quantiles): number {
  const sigma = Math.log(q.p90 / q.p50) / Z90;
  const z = Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  return q.p50 * Math.exp(sigma * z);
}

/** Working time of the tenant: Mon-Fri 09:00-17:00 in its zone, without the holidays. */
class Office {
  private readonly clock = new ZoneClock(TIME_ZONE, Date.UTC(2026, 9, 1));

  /** The instant `minutes` business minutes after `from` (epoch ms). */
  add(from: number, minutes: number): number {
    let left = minutes;
    let dayStart = Math.floor(this.clock.toWall(from) / DAY) * DAY;
    for (;;) {
      const weekday = (Math.floor(dayStart / DAY) + 4) % 7;
      const date = new Date(dayStart).toISOString().slice(0, 10);
      if (weekday >= 1 && weekday <= 5 && !HOLIDAYS.includes(date)) {
        const open = this.clock.toUtc(dayStart + 9 * HOUR);
        const close = this.clock.toUtc(dayStart + 17 * HOUR);
        const begin = Math.max(open, from);
        if (begin < close) {
          if (begin + left * MINUTE <= close) return begin + left * MINUTE;
          left -= (close - begin) / MINUTE;
        }
      }
      dayStart += DAY;
    }
  }

  /** Local hour and weekday (0 Sunday) of an instant. */
  local(at: number): { hour: number; weekday: number } {
    const wall = this.clock.toWall(at);
    return { hour: Math.floor((wall % DAY) / HOUR), weekday: (Math.floor(wall / DAY) + 4) % 7 };
  }
}

/** Aggregation run starts (epoch ms) of one schedule over the history, sorted. */
function runsOf(source: SyntheticSource, from: number, until: number): number[] {
  return quartzSchedule(source.aggregation, TIME_ZONE)!.runsBetween(from, until, 100_000);
}

function firstAtOrAfter(runs: readonly number[], at: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < runs.length ? runs[lo]! : Infinity;
}

export interface HistoryOptions {
  seed: number;
  /** The export's moment, epoch ms. */
  asOf: number;
  days: number;
  /** Multiplies every source's rate (the bench's 100,000 activities). */
  scale?: number;
  /** Share of activities that also touch a second source (a role with two sources). */
  twoSourceShare?: number;
  sources?: readonly SyntheticSource[];
}

/** The item states and times of one source's part of an activity at the export. */
interface PartOutcome {
  state: 'PENDING' | 'COMMITED' | 'FINISHED' | 'FAILED';
  /** When it left PENDING (commit or failure), and when it became final; Infinity if not yet. */
  settled: number;
  final: number;
}

function outcome(
  s: SyntheticSource,
  created: number,
  random: () => number,
  runs: readonly number[],
  office: Office,
  asOf: number,
): PartOutcome {
  let commit: number;
  let visible: number;
  let drift = false;
  if (s.channel === 'connector') {
    commit =
      created + (logNormal(random, s.queueMinutes!) + logNormal(random, s.executeSeconds!) / 60) * MINUTE;
    visible = commit + logNormal(random, s.visibilityMinutes!) * MINUTE;
    if (random() < s.failureRate!) {
      return commit <= asOf
        ? { state: 'FAILED', settled: commit, final: commit }
        : { state: 'PENDING', settled: Infinity, final: Infinity };
    }
  } else {
    commit = office.add(created, logNormal(random, s.completionHours!) * 60);
    // A ticket is seen Committed at ISC's next status check (every 30 minutes).
    if (s.channel === 'ticketing') {
      commit = created + Math.ceil((commit - created) / (30 * MINUTE)) * 30 * MINUTE;
    }
    visible = commit;
    drift = random() < (s.driftRate ?? 0);
  }
  if (commit > asOf) return { state: 'PENDING', settled: Infinity, final: Infinity };
  const verified = drift ? Infinity : firstAtOrAfter(runs, visible) + s.aggregationMinutes * MINUTE;
  if (verified <= asOf) return { state: 'FINISHED', settled: commit, final: verified };
  return { state: 'COMMITED', settled: commit, final: Infinity };
}

function arrivalWeight(office: Office, at: number): number {
  const { hour, weekday } = office.local(at);
  const weekdayFactor = weekday === 0 || weekday === 6 ? 0.15 : 1;
  return weekdayFactor * (hour >= 7 && hour < 19 ? (hour < 12 ? 2.2 : 1.4) : 0.2);
}

/** Activities per slot of 10 minutes are proportional to `arrivalWeight`; a weekday's weights sum to this. */
const WEEKDAY_WEIGHT = 139.2;
const SLOT = 10 * MINUTE;

function poisson(random: () => number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let sum = p;
  const u = random();
  while (u > sum && k < 50) {
    k++;
    p *= mean / k;
    sum += p;
  }
  return k;
}

function hex(random: () => number): string {
  let text = '';
  for (let i = 0; i < 4; i++) {
    text += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  }
  return text;
}

function iso(epoch: number): string {
  return new Date(epoch).toISOString();
}

type Part = PartOutcome & { source: SyntheticSource };

function executionOf(parts: readonly Part[]): 'EXECUTING' | 'VERIFYING' | 'COMPLETED' {
  if (parts.some((p) => p.state === 'PENDING')) return 'EXECUTING';
  return parts.some((p) => p.state === 'COMMITED') ? 'VERIFYING' : 'COMPLETED';
}

/** One AccountActivity record as ISC's account-activities API returns it. */
function record(created: number, parts: readonly Part[], random: () => number): object {
  const id = hex(random);
  const execution = executionOf(parts);
  const settled = parts.map((p) => p.settled).filter(Number.isFinite);
  const completed = execution === 'COMPLETED' ? Math.max(...parts.map((p) => p.final)) : NaN;
  const failed = parts.filter((p) => p.state === 'FAILED').length;
  const person = `identity.${Math.floor(random() * 5000)}`;
  const summary = { id: hex(random), name: person, identityId: hex(random), completed: true };
  return {
    id,
    name: id,
    created: iso(created),
    modified: iso(
      Number.isNaN(completed) ? (settled.length > 0 ? Math.max(...settled) : created) : completed,
    ),
    completed: Number.isNaN(completed) ? null : iso(completed),
    completionStatus:
      execution !== 'COMPLETED'
        ? 'PENDING'
        : failed === 0
          ? 'SUCCESS'
          : failed === parts.length
            ? 'FAILURE'
            : 'INCOMPLETE',
    type: 'appRequest',
    requesterIdentitySummary: summary,
    targetIdentitySummary: summary,
    errors: failed > 0 ? ['sailpoint.connector.ConnectorException: Connection refused (synthetic)'] : null,
    warnings: null,
    items: parts.map((part) => ({
      id: hex(random),
      name: `${part.source.name} memberOf`,
      requested: iso(created),
      approvalStatus: 'FINISHED',
      provisioningStatus: part.state,
      requesterComment: null,
      reviewerIdentitySummary: null,
      reviewerComment: null,
      operation: 'ADD',
      attribute: 'memberOf',
      value: `CN=Group ${Math.floor(random() * 300)},OU=Groups`,
      nativeIdentity: person,
      sourceId: part.source.id,
      accountRequestInfo: null,
      clientMetadata: null,
      removeDate: null,
    })),
    executionStatus: execution,
    clientMetadata: null,
  };
}

/**
 * The history's AccountActivity records, oldest first, one at a time (the bench writes 100,000
 * of them to a file without holding them).
 */
export function* syntheticActivities(options: HistoryOptions): Generator<object> {
  const sources = options.sources ?? SYNTHETIC_SOURCES;
  const random = uniforms(options.seed);
  const office = new Office();
  const start = options.asOf - options.days * DAY;
  const runs = sources.map((s) => runsOf(s, start - 2 * DAY, options.asOf + DAY));
  const scale = options.scale ?? 1;
  const twoSources = options.twoSourceShare ?? 0.05;
  for (let slot = start; slot < options.asOf; slot += SLOT) {
    const weight = arrivalWeight(office, slot) / WEEKDAY_WEIGHT;
    for (let s = 0; s < sources.length; s++) {
      const count = poisson(random, sources[s]!.perDay * scale * weight);
      for (let k = 0; k < count; k++) {
        const created = slot + random() * SLOT;
        if (created >= options.asOf) continue;
        const chosen = [s];
        if (random() < twoSources) {
          chosen.push((s + 1 + Math.floor(random() * (sources.length - 1))) % sources.length);
        }
        const parts = chosen.map((c) => ({
          ...outcome(sources[c]!, created, random, runs[c]!, office, options.asOf),
          source: sources[c]!,
        }));
        yield record(created, parts, random);
      }
    }
  }
}

/** The whole history as an array (tests). */
export function syntheticHistory(options: HistoryOptions): object[] {
  return [...syntheticActivities(options)];
}

/** The true quantiles of a connector's time until visible (queue + execution + replication), by a large sample. */
export function connectorTruth(s: SyntheticSource, samples = 200_000): Quantiles {
  const random = uniforms(12345);
  const values = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    values[i] =
      logNormal(random, s.queueMinutes!) +
      logNormal(random, s.executeSeconds!) / 60 +
      logNormal(random, s.visibilityMinutes!);
  }
  values.sort();
  return { p50: values[Math.floor(samples * 0.5)]!, p90: values[Math.floor(samples * 0.9)]! };
}
