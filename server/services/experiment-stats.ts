/**
 * The statistics of the experiment page, as pure functions: Wilson score intervals for each arm's
 * conversion rate and a pooled two-proportion z-test for the difference between the two best arms.
 * See "A/B tests and outcomes" in README.md for the rules shown to users.
 */

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** An arm needs this many leads before its rate means anything. */
export const MIN_LEADS_PER_ARM = 30;
/** The normal approximation needs at least this many conversions and non-conversions per compared arm. */
export const MIN_EVENTS_PER_ARM = 5;
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * Standard normal CDF Φ(x), after Hart (1968) as given by West, "Better approximations to cumulative
 * normal functions" (2005): absolute error near 1e-15, relative error below 1e-7 even far in the tails.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  let tail: number;
  if (a > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let num = 3.52624965998911e-2 * a + 0.700383064443688;
      num = num * a + 6.37396220353165;
      num = num * a + 33.912866078383;
      num = num * a + 112.079291497871;
      num = num * a + 221.213596169931;
      num = num * a + 220.206867912376;
      let den = 8.83883476483184e-2 * a + 1.75566716318264;
      den = den * a + 16.064177579207;
      den = den * a + 86.7807322029461;
      den = den * a + 296.564248779674;
      den = den * a + 637.333633378831;
      den = den * a + 793.826512519948;
      den = den * a + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for `successes` out of `n`: unlike the textbook p ± z·√(p(1−p)/n) it stays
 * inside [0, 1] and behaves at 0 and n successes. Null for n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

export interface ZTest {
  /** (p1 − p2) / pooled standard error; positive when the first proportion is higher. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/** Pooled two-proportion z-test of H0: p1 = p2 against p1 ≠ p2. Null when it is undefined (n = 0 or p̂ ∈ {0, 1}). */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

export interface ArmCounts {
  label: string;
  leads: number;
  conversions: number;
}

export type Verdict =
  | { state: "not_enough_data"; message: string; missing: string[] }
  | {
      state: "significant" | "not_significant";
      message: string;
      best: string;
      runnerUp: string;
      bestRate: number;
      runnerUpRate: number;
      /** bestRate − runnerUpRate. */
      difference: number;
      z: number;
      pValue: number;
    };

export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function formatPValue(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

/** What an arm still lacks before the comparison is trusted; empty when it has enough. */
function missingData(arm: ArmCounts, compared: boolean): string[] {
  const missing: string[] = [];
  if (arm.leads < MIN_LEADS_PER_ARM)
    missing.push(`${arm.label} has ${arm.leads} of ${MIN_LEADS_PER_ARM} leads`);
  if (!compared) return missing;
  if (arm.conversions < MIN_EVENTS_PER_ARM)
    missing.push(`${arm.label} has ${arm.conversions} of ${MIN_EVENTS_PER_ARM} conversions`);
  else if (arm.leads - arm.conversions < MIN_EVENTS_PER_ARM)
    missing.push(`${arm.label} has ${arm.leads - arm.conversions} of ${MIN_EVENTS_PER_ARM} non-conversions`);
  return missing;
}

/**
 * Compares the two arms with the highest conversion rate. Not enough data when any arm has fewer than
 * 30 leads, or either compared arm has fewer than 5 conversions or 5 non-conversions (the normal
 * approximation's rule of thumb). With more than two arms only the top two are tested, uncorrected.
 */
export function compareArms(arms: readonly ArmCounts[]): Verdict {
  if (arms.length < 2)
    return { state: "not_enough_data", message: "Not enough data yet: only one arm", missing: [] };
  const rate = (a: ArmCounts) => (a.leads > 0 ? a.conversions / a.leads : 0);
  const ranked = [...arms].sort((a, b) => rate(b) - rate(a) || b.leads - a.leads);
  const [best, runnerUp] = ranked as [ArmCounts, ArmCounts];
  const missing = arms.flatMap((arm) => missingData(arm, arm === best || arm === runnerUp));
  const test = twoProportionZTest(best.conversions, best.leads, runnerUp.conversions, runnerUp.leads);
  if (missing.length > 0 || !test) {
    return { state: "not_enough_data", message: `Not enough data yet: ${missing.join("; ")}`, missing };
  }
  const significant = test.pValue < SIGNIFICANCE_LEVEL;
  const rates = `${formatPercent(rate(best))} vs ${formatPercent(rate(runnerUp))}, ${formatPValue(test.pValue)}`;
  return {
    state: significant ? "significant" : "not_significant",
    message: significant
      ? `${best.label} converts better than ${runnerUp.label}: ${rates}`
      : `No significant difference yet between ${best.label} and ${runnerUp.label}: ${rates}`,
    best: best.label,
    runnerUp: runnerUp.label,
    bestRate: rate(best),
    runnerUpRate: rate(runnerUp),
    difference: rate(best) - rate(runnerUp),
    z: test.z,
    pValue: test.pValue,
  };
}
