import * as path from 'path';
import { dryRunFile, planNameOf, tenantTimeZone } from '../service/features/reports/dryRunFile';
import type { PlanReport, ReportHeader } from '../service/features/reports/predictionReport';
import {
  predictionJson,
  predictionMarkdown,
  predictionText,
} from '../service/features/reports/predictionReport';
import { fileTypeOf } from '../../../shared/fileNames';
import type { FileState } from '../service/planService';
import { PlanService } from '../service/planService';
import type { PredictionOptions } from '../service/prediction/input/predictionInput';
import type { Outcomes } from '../../../shared/prediction';
import type { CliContext } from './context';
import { UsageError, useColour } from './context';
import { simulationText } from '../service/features/reports/simulationText';
import { shareText, requestNumber } from '../../../shared/format';
import { readTextFile } from '../platform/nodeFiles';
import { parseSubmissionTime } from './submissionTime';
import { DEFAULT_RUNS, DEFAULT_SEED, SIMULATION_LIMITS } from '../../../shared/prediction';

/** Options of `predict` and `simulate` (docs/formats.md#cli). */
export interface PredictArgs {
  plan: string | undefined;
  runs?: string | undefined;
  seed?: string | undefined;
  at?: string | undefined;
  format: string;
  moment?: string | undefined;
  scenarios?: string[];
  failOn?: string[];
}

const FAIL_ON = ['failed', 'stalled', 'drift'] as const;

export function wholeNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, not "${value}"`,
    );
  }
  return n;
}

/**
 * The submission time: `--at`, else now. Checked before the plan is read; an offset-less time is
 * read in the catalog's time zone, which is known once the plan is loaded, and a note says so.
 */
export function submissionTime(
  ctx: CliContext,
  at: string | undefined,
  now: number,
  timeZone: string | null,
): number {
  if (at === undefined) return now;
  const time = parseSubmissionTime(at, timeZone);
  if (time.readIn !== undefined) {
    const whose = timeZone === null ? 'the catalog names no time zone' : "the catalog's time zone";
    ctx.stderr(`isc-plan: note: --at ${at} has no UTC offset; read in ${time.readIn} (${whose}).\n`);
  }
  return time.at;
}

function loadPlan(
  ctx: CliContext,
  plan: string | undefined,
): { service: PlanService; file: FileState; shown: string } {
  if (!plan) {
    throw new UsageError(
      'name the plan file to predict, e.g. isc-plan predict samples/plans/jane-joins-finance.plan.yaml',
    );
  }
  const absolute = path.resolve(ctx.cwd, plan);
  const read = readTextFile(absolute);
  if ('error' in read) throw new UsageError(`cannot read ${plan}: ${read.error}`);
  const service = new PlanService(ctx.host, ctx.serviceOptions);
  const type = fileTypeOf(absolute) ?? {
    role: 'plan' as const,
    format: /\.json$/i.test(absolute) ? ('json' as const) : ('yaml' as const),
  };
  const file = service.open(absolute, read.text, { ...type, role: 'plan' });
  if (!file || !file.docs.some((d) => d.kind === 'plan')) {
    throw new UsageError(`${plan} holds no provisioning plan (kind: ProvisioningPlan)`);
  }
  const errors = service.findings(absolute).filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    ctx.stderr(
      `isc-plan: ${plan} has ${errors} error${errors === 1 ? '' : 's'}; the prediction may not reflect what ISC does (run isc-plan validate ${plan}).\n`,
    );
  }
  return { service, file, shown: plan };
}

/** The dry run of each plan of the file, as the view gets it; a scenario that cannot be used is a usage error. */
function simulatedPlans(
  ctx: CliContext,
  service: PlanService,
  file: FileState,
  options: Parameters<typeof dryRunFile>[2],
): PlanReport[] {
  const { plans, scenarioErrors, scenarioWarnings } = dryRunFile(service, file, options);
  const firstError = scenarioErrors[0];
  if (firstError !== undefined) throw new UsageError(firstError);
  for (const warning of scenarioWarnings) ctx.stderr(`isc-plan: warning: ${warning}\n`);
  return plans.map(({ document, name, simulation }) => ({
    document,
    name,
    requests: simulation.requests,
    activity: simulation.activity,
    simulation,
  }));
}

/** `isc-plan predict` and `isc-plan simulate`. Returns the exit status. */
export function runPredict(ctx: CliContext, args: PredictArgs, simulate: boolean, now = Date.now()): number {
  const formats = simulate ? ['text', 'json', 'markdown', 'trigger'] : ['text', 'json', 'markdown'];
  if (!formats.includes(args.format)) {
    throw new UsageError(`--format must be ${formats.join(', ')}; not "${args.format}"`);
  }
  const failOn = (args.failOn ?? []).map((outcome) => {
    if (!(FAIL_ON as readonly string[]).includes(outcome)) {
      throw new UsageError(`--fail-on must be failed, stalled or drift, not "${outcome}"`);
    }
    return outcome as (typeof FAIL_ON)[number];
  });
  if (args.at !== undefined) parseSubmissionTime(args.at, null); // refuses a malformed --at before reading
  const runsAndSeed = {
    runs: wholeNumber(args.runs, '--runs', DEFAULT_RUNS, 1, SIMULATION_LIMITS.maxRuns),
    seed: wholeNumber(args.seed, '--seed', DEFAULT_SEED, 0, SIMULATION_LIMITS.maxSeed),
  };
  const moment = args.moment === undefined ? undefined : Number(args.moment.trim() || Number.NaN);
  const maxMoment = SIMULATION_LIMITS.maxMomentHours;
  if (moment !== undefined && (!Number.isFinite(moment) || moment < 0 || moment > maxMoment)) {
    throw new UsageError(
      `--moment must be hours after submission, from 0 to ${maxMoment.toLocaleString('en-US')} (a year), not "${args.moment}"`,
    );
  }
  const { service, file, shown } = loadPlan(ctx, args.plan);
  const timeZone = tenantTimeZone(service, file);
  const options: PredictionOptions = {
    submittedAt: submissionTime(ctx, args.at, now, timeZone),
    ...runsAndSeed,
  };
  const plans: PlanReport[] = simulate
    ? simulatedPlans(ctx, service, file, {
        ...options,
        scenarios: args.scenarios ?? [],
        ...(moment !== undefined ? { moment } : {}),
      })
    : file.docs.flatMap((doc, document): PlanReport[] =>
        doc.kind === 'plan'
          ? [
              {
                document,
                name: planNameOf(doc),
                requests: service.predict(file, doc, options),
                activity: service.activity(file, doc, options),
              },
            ]
          : [],
      );
  const header: ReportHeader = {
    file: shown,
    at: new Date(options.submittedAt).toISOString(),
    runs: options.runs,
    seed: options.seed,
    timeZone,
  };
  ctx.stdout(render(args.format, header, plans, simulate && useColour(ctx)));
  if (args.format === 'trigger') ctx.stderr(triggerNotes(plans));
  const tripped = failOn.flatMap((outcome) => gateTrips(plans, outcome));
  for (const trip of tripped) ctx.stderr(`isc-plan: ${trip}\n`);
  return tripped.length > 0 ? 1 : 0;
}

const VERB: Record<(typeof FAIL_ON)[number], string> = {
  failed: 'fails',
  stalled: 'stalls (ISC stops checking)',
  drift: 'drifts (marked complete without the change)',
};

/** What trips `--fail-on OUTCOME`: one line per request or part where the outcome can happen, with its share. */
function gateTrips(plans: readonly PlanReport[], outcome: (typeof FAIL_ON)[number]): string[] {
  return plans.flatMap((plan) => {
    const which = plans.length > 1 ? ` [plan ${plan.document + 1}]` : '';
    return plan.requests.flatMap((r) =>
      [
        { name: `${requestNumber(r.index)} ${r.source} ${r.operation}`, share: share(r.outcomes, outcome) },
        ...r.parts.map((p) => ({
          name: `${requestNumber(r.index)} ${r.source} ${r.operation} (${p.part})`,
          share: share(p.outcomes, outcome),
        })),
      ]
        .filter((unit) => unit.share > 0)
        .map(
          (unit) =>
            `--fail-on ${outcome}${which}: ${unit.name} ${VERB[outcome]} in ${shareText(unit.share)} of runs`,
        ),
    );
  });
}

function share(outcomes: Outcomes | null, outcome: keyof Outcomes): number {
  return outcomes ? outcomes[outcome] : 0;
}

/** What in the trigger payloads is a placeholder or left out, for stderr. */
function triggerNotes(plans: readonly PlanReport[]): string {
  return plans
    .flatMap((plan) => {
      const notes = plan.simulation!.trigger.notes;
      const which = plans.length > 1 ? ` [plan ${plan.document + 1}]` : '';
      return notes.length === 0
        ? []
        : [`isc-plan: trigger payload${which}:`, ...notes.map((n) => `  - ${n}`)];
    })
    .map((line) => `${line}\n`)
    .join('');
}

function render(format: string, header: ReportHeader, plans: readonly PlanReport[], colour: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(predictionJson(header, plans), null, 2)}\n`;
    case 'markdown':
      return predictionMarkdown(header, plans);
    case 'trigger':
      // One payload per plan (one account activity each), so that stdout is exactly what ISC sends.
      return plans.map((p) => `${JSON.stringify(p.simulation!.trigger.payload, null, 2)}\n`).join('');
    default:
      return plans.some((p) => p.simulation)
        ? simulationText(header, plans, { colour })
        : predictionText(header, plans);
  }
}
