/** z-score of the 90th percentile of a standard normal distribution. */
const Z90 = 1.2815515655446004;

/**
 * The 90th percentile, in hours, of a ticket workflow whose states take log-normal times fitted to
 * their `{p50, p90}` (docs/prediction-model.md#sampling), summed. The sum of log-normals has no closed form; the
 * Fenton-Wilkinson approximation matches its mean and variance with one log-normal, which is
 * accurate enough for a warning and, unlike sampling, exact to repeat.
 */
export function workflowP90Hours(states: readonly { p50: number; p90: number }[]): number {
  let mean = 0;
  let variance = 0;
  for (const { p50, p90 } of states) {
    if (p50 <= 0) continue;
    const sigma = p90 > p50 ? Math.log(p90 / p50) / Z90 : 0;
    const mu = Math.log(p50);
    const m = Math.exp(mu + (sigma * sigma) / 2);
    mean += m;
    variance += (Math.exp(sigma * sigma) - 1) * m * m;
  }
  if (mean === 0) return 0;
  const s2 = Math.log(1 + variance / (mean * mean));
  const mu = Math.log(mean) - s2 / 2;
  return Math.exp(mu + Z90 * Math.sqrt(s2));
}
