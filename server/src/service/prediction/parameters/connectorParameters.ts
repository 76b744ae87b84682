/** Parameters of the connector channel: queue, execution, failures, retries, visibility. */

import type { CatalogSource, Quantiles } from '../../catalog/types';
import type { PredictionRequest } from '../input/predictionInput';
import type { Assumptions, ResolveContext } from './defaults';
import { DEFAULTS, atLeast, rate, scenarioFor, usable, valueOr } from './defaults';
import { num, percent, typical } from '../../../../../shared/format';

/** The connector process of one request: its queue, attempts, failures, retries and visibility. */
export interface ConnectorParams {
  /** Requests with the same key share one queue and its concurrency. */
  queueKey: string;
  queueMinutes: Quantiles;
  executeSeconds: Quantiles;
  concurrency: number;
  failureRate: number;
  /** Share of failures that are retried: 0 when the source lists no retryableErrors. */
  retryableShare: number;
  hasRetryableErrors: boolean;
  attributeFailureRate: number;
  attributeCount: number;
  maxRetries: number;
  retryMinutes: number;
  visibilityMinutes: Quantiles;
  /** Scenario `outage`: every attempt starting before this minute fails. */
  outageMinutes: number;
}

/** The assumption each connector default stands for, in plain words. */
function defaultTexts(s: string): Record<string, string> {
  const d = DEFAULTS.connector;
  return {
    queue: `No queue time for ${s}: assumed ${typical(d.queueMinutes.p50, d.queueMinutes.p90, 'min')} (a healthy connector under moderate load). Set timing.connector.queueMinutes on the source, e.g. { p50: 1, p90: 10 }.`,
    execute: `No execution time for ${s}: assumed ${typical(d.executeSeconds.p50, d.executeSeconds.p90, 's')} per connector call. Set timing.connector.executeSeconds on the source, e.g. { p50: 2, p90: 10 }.`,
    concurrency: `No concurrency for ${s}: assumed ${d.concurrency} connector calls at a time. Set timing.connector.concurrency on the source, e.g. 4.`,
    failure: `No failure rate for ${s}: assumed ${percent(d.failureRate)} of attempts fail. Set timing.connector.failureRate on the source, e.g. 0.02.`,
    retryable: `No retryable share for ${s}: assumed half of its failures match its retryableErrors and are retried. Set timing.connector.retryableShare on the source, e.g. 0.5.`,
    maxRetries: `No provisioningMaxRetries for ${s}: assumed ${DEFAULTS.maxRetries} retries (ISC documentation). Set connectorAttributes.provisioningMaxRetries on the source, e.g. 3.`,
    retryMinutes: `No provisioningRetryThreshold for ${s}: assumed ${DEFAULTS.retryMinutes} minutes between retries (ISC documentation; a SailPoint forum reply reports a default of 1 minute). Set connectorAttributes.provisioningRetryThreshold on the source, e.g. 5.`,
    visibility: `No visibility delay for ${s}: assumed access shows on the target ${typical(d.visibilityMinutes.p50, d.visibilityMinutes.p90, 'min')} after the commit (replication). Set timing.connector.visibilityMinutes on the source, e.g. { p50: 5, p90: 30 }.`,
  };
}

type Failures = Pick<
  ConnectorParams,
  'failureRate' | 'retryableShare' | 'hasRetryableErrors' | 'outageMinutes'
>;

/** Failure rate and retryable share, with the `failure` and `outage` scenarios applied. */
function failuresOf(
  s: string,
  source: CatalogSource | undefined,
  ctx: ResolveContext,
  notes: Assumptions,
): Failures {
  const timing = source?.timing?.connector ?? {};
  const texts = defaultTexts(s);
  const failure = scenarioFor(ctx, 'failure', s);
  if (failure) notes.add(`Scenario ${failure.spec}: ${percent(failure.rate)} of the attempts to ${s} fail.`);
  const failureRate = failure
    ? failure.rate
    : valueOr(timing.failureRate, rate, DEFAULTS.connector.failureRate, notes, texts.failure!);
  const hasRetryableErrors = (source?.connectorAttributes?.retryableErrors?.length ?? 0) > 0;
  let retryableShare = 0;
  if (hasRetryableErrors) {
    retryableShare = valueOr(
      timing.retryableShare,
      rate,
      DEFAULTS.connector.retryableShare,
      notes,
      texts.retryable!,
    );
  } else if (timing.retryableShare !== undefined && timing.retryableShare > 0) {
    notes.add(
      `${s} sets retryableShare but lists no retryableErrors: ISC retries only errors that match retryableErrors, so no failure is retried.`,
    );
  }
  const outage = scenarioFor(ctx, 'outage', s);
  if (outage) {
    const why = hasRetryableErrors
      ? 'retried, since it lists retryableErrors'
      : 'not retried, since it lists no retryableErrors';
    notes.add(
      `Scenario ${outage.spec}: every attempt to ${s} during the first ${num(outage.hours)} h fails and is ${why}.`,
    );
  }
  return { failureRate, retryableShare, hasRetryableErrors, outageMinutes: outage ? outage.hours * 60 : 0 };
}

/**
 * The catalog's `attributeFailureRate`, which the model uses only when given: by default a
 * connector call succeeds or fails for the whole account request (docs/prediction-model.md#connector).
 */
function attributeFailure(given: number | undefined): number {
  return rate(given) ? given : DEFAULTS.connector.attributeFailureRate;
}

/**
 * The connector parameters of a request: the source's timing and connectorAttributes, else the
 * defaults. Retry settings count as used only when a failure can be retried at all.
 */
export function resolveConnector(
  request: PredictionRequest,
  spec: { name: string; source: CatalogSource | undefined },
  ctx: ResolveContext,
  notes: Assumptions,
): ConnectorParams {
  const s = spec.name;
  const timing = spec.source?.timing?.connector ?? {};
  const attributes = spec.source?.connectorAttributes ?? {};
  const d = DEFAULTS.connector;
  const texts = defaultTexts(s);
  const queueMinutes = valueOr(timing.queueMinutes, usable, d.queueMinutes, notes, texts.queue!);
  const executeSeconds = valueOr(timing.executeSeconds, usable, d.executeSeconds, notes, texts.execute!);
  const concurrency = Math.floor(
    valueOr(timing.concurrency, atLeast(1), d.concurrency, notes, texts.concurrency!),
  );
  const failures = failuresOf(s, spec.source, ctx, notes);
  const retries = failures.hasRetryableErrors && (failures.retryableShare > 0 || failures.outageMinutes > 0);
  const maxRetries = retries
    ? Math.floor(
        valueOr(attributes.provisioningMaxRetries, atLeast(0), DEFAULTS.maxRetries, notes, texts.maxRetries!),
      )
    : 0;
  const retryMinutes = retries
    ? valueOr(
        attributes.provisioningRetryThreshold,
        atLeast(0),
        DEFAULTS.retryMinutes,
        notes,
        texts.retryMinutes!,
      )
    : DEFAULTS.retryMinutes;
  const attributeCount = request.attributeRequests.length;
  const attributeFailureRate = attributeCount > 0 ? attributeFailure(timing.attributeFailureRate) : 0;
  const visibilityMinutes = valueOr(
    timing.visibilityMinutes,
    usable,
    d.visibilityMinutes,
    notes,
    texts.visibility!,
  );
  return {
    queueKey: spec.source ? `source:${spec.source.name}` : `declared:${s}`,
    queueMinutes,
    executeSeconds,
    concurrency,
    ...failures,
    attributeFailureRate,
    attributeCount,
    maxRetries,
    retryMinutes,
    visibilityMinutes,
  };
}
