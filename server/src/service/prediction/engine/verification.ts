/** How a committed unit is verified (`SimUnit.verification`), from its `AggregationParams` kind. */

import type { AggregationParams } from '../parameters/requestParameters';

/** By the first aggregation run after the change. */
export const VERIFY_AGGREGATION = 0;
/** Never: the source is not aggregated, the item ends UNVERIFIABLE. */
export const VERIFY_NEVER = 1;
/** Never, by design: a password change (sources never return passwords); it ends as success. */
export const VERIFY_PASSWORD = 2;
/** At the next file upload, which ISC does not schedule: verified stays open, no failure. */
export const VERIFY_UPLOAD = 3;

/** The code of each kind of `AggregationParams`. */
export const VERIFICATION: Record<AggregationParams['kind'], number> = {
  schedule: VERIFY_AGGREGATION,
  none: VERIFY_NEVER,
  password: VERIFY_PASSWORD,
  upload: VERIFY_UPLOAD,
};
