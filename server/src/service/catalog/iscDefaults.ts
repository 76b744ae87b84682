import type { StatusCheck } from './types';

/**
 * ISC's status-check settings where no catalog gives them: the values ISC's API specification
 * publishes as examples, as it documents no default (docs/isc-behaviour.md#status-check-config).
 * Here, below both, because the catalog rules (`sdim-polling-window`) and the prediction's
 * default table use them.
 */
export const STATUS_CHECK_DEFAULTS: Readonly<Required<StatusCheck>> = {
  provisioningStatusCheckIntervalMinutes: 30,
  provisioningMaxStatusCheckDays: 2,
};
