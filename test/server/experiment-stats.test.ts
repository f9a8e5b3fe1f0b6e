import { describe, expect, it } from "vitest";
import {
  compareArms,
  normalCdf,
  twoProportionZTest,
  wilsonInterval,
  Z_95,
} from "@/server/services/experiment-stats";

describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.959963984540054, 0.975],
    [2.5758293035489, 0.995],
    [-3, 0.0013498980316301],
    [5, 0.9999997133484281],
    [-8, 6.22096057427178e-16],
  ])("Φ(%d) = %d to 1e-12 (relative in the far tail)", (x, expected) => {
    const got = normalCdf(x);
    if (expected < 1e-6) expect(Math.abs(got - expected) / expected).toBeLessThan(1e-7);
    else expect(Math.abs(got - expected)).toBeLessThan(1e-12);
  });

  it("is symmetric: Φ(−x) = 1 − Φ(x)", () => {
    for (let x = 0; x < 6; x += 0.37) expect(normalCdf(-x) + normalCdf(x)).toBeCloseTo(1, 14);
  });
});

describe("wilsonInterval", () => {
  it("81 of 263 gives [0.2553, 0.3662] (Wilson 1927; the usual worked example)", () => {
    const ci = wilsonInterval(81, 263);
    expect(ci?.low).toBeCloseTo(0.2553, 4);
    expect(ci?.high).toBeCloseTo(0.3662, 4);
  });

  it("stays inside [0, 1] at 0 and n successes, and is null without trials", () => {
    const none = wilsonInterval(0, 10);
    expect(none?.low).toBeCloseTo(0, 12);
    expect(none?.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10);
    expect(all?.high).toBeCloseTo(1, 12);
    expect(all?.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("narrows as n grows around the same rate", () => {
    const small = wilsonInterval(10, 100);
    const large = wilsonInterval(1000, 10_000);
    if (!small || !large) throw new Error("expected intervals");
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(Z_95).toBeCloseTo(1.96, 2);
  });
});

describe("twoProportionZTest", () => {
  it("OpenStax Introductory Statistics, Example 10.11 (hives medication): 20/200 vs 12/200 → z ≈ 1.47, p ≈ 0.1404", () => {
    const test = twoProportionZTest(20, 200, 12, 200);
    expect(test?.z).toBeCloseTo(1.4744, 3);
    expect(test?.pValue).toBeCloseTo(0.1404, 4);
  });

  it("a hand-worked case: 60/100 vs 40/100 → pooled 0.5, se √0.005, z = 2√2, p = 0.00468", () => {
    const test = twoProportionZTest(60, 100, 40, 100);
    expect(test?.z).toBeCloseTo(2 * Math.SQRT2, 10);
    expect(test?.pValue).toBeCloseTo(0.004677734981047, 9);
  });

  it("is antisymmetric in the arms and undefined when nothing varies", () => {
    const ab = twoProportionZTest(30, 250, 45, 260);
    const ba = twoProportionZTest(45, 260, 30, 250);
    expect(ab?.z).toBeCloseTo(-(ba?.z ?? 0), 12);
    expect(ab?.pValue).toBeCloseTo(ba?.pValue ?? 0, 12);
    expect(twoProportionZTest(0, 50, 0, 50)).toBeNull();
    expect(twoProportionZTest(1, 0, 1, 10)).toBeNull();
  });
});

describe("compareArms", () => {
  it("names the winner with rates and p-value when the difference is significant", () => {
    const verdict = compareArms([
      { label: "v2", leads: 1000, conversions: 121 },
      { label: "v3", leads: 1000, conversions: 182 },
    ]);
    expect(verdict.state).toBe("significant");
    expect(verdict.message).toMatch(/^v3 converts better than v2: 18\.2% vs 12\.1%, p < 0\.001$/);
  });

  it("says there is no significant difference yet when p ≥ 0.05", () => {
    const verdict = compareArms([
      { label: "v1", leads: 200, conversions: 20 },
      { label: "v2", leads: 200, conversions: 12 },
    ]);
    expect(verdict).toMatchObject({ state: "not_significant", best: "v1", runnerUp: "v2" });
    expect(verdict.message).toContain("p = 0.140");
  });

  it("is not enough data below 30 leads per arm or 5 conversions per compared arm", () => {
    const few = compareArms([
      { label: "v1", leads: 29, conversions: 10 },
      { label: "v2", leads: 100, conversions: 10 },
    ]);
    expect(few.state).toBe("not_enough_data");
    expect(few.message).toBe("Not enough data yet: v1 has 29 of 30 leads");
    const rare = compareArms([
      { label: "v1", leads: 100, conversions: 4 },
      { label: "v2", leads: 100, conversions: 9 },
    ]);
    expect(rare.message).toBe("Not enough data yet: v1 has 4 of 5 conversions");
    const third = compareArms([
      { label: "v1", leads: 100, conversions: 30 },
      { label: "v2", leads: 100, conversions: 20 },
      { label: "v3", leads: 100, conversions: 1 },
    ]);
    // A weak third arm does not block the comparison of the top two.
    expect(third.state).toBe("not_significant");
  });
});
