/**
 * Differential tests: the compiled evaluation path must agree with json-logic-js `apply`, for random
 * flows × random leads (whole evaluation results, traces included) and for random JSON Logic rules.
 */
import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import {
  compileFlow,
  compileJsonLogic,
  type EvaluationResult,
  evaluateFlow,
  prepareFlow,
} from "../../engine";
import { flowArbitrary, jsonLogicArbitrary, jsonLogicDataArbitrary, leadArbitrary } from "./arbitraries";

type Outcome = { threw: true } | { threw: false; value: unknown };

function run(fn: () => unknown): Outcome {
  try {
    return { threw: false, value: fn() };
  } catch {
    return { threw: true };
  }
}

describe("compiled evaluator vs json-logic-js", () => {
  it("evaluates thousands of random flows × leads identically, traces included", () => {
    let evaluations = 0;
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(
        flowArbitrary,
        fc.array(leadArbitrary, { minLength: 1, maxLength: 6 }),
        fc.subarray(["n1", "n2", "n3", "n4", "n5", "n6"]),
        (flow, leads, ineligible) => {
          const compiled = compileFlow(flow);
          if (!compiled.ok) throw new Error(`generated flow is invalid: ${JSON.stringify(compiled.issues)}`);
          const reference = prepareFlow(compiled.compiled, "reference");
          const fast = prepareFlow(compiled.compiled, "compiled");
          for (const lead of leads) {
            for (const options of [{}, { ineligiblePoolNodes: ineligible }]) {
              const expected: EvaluationResult = evaluateFlow(reference, lead, options);
              const actual = evaluateFlow(fast, lead, options);
              expect(actual).toEqual(expected);
              const untraced = evaluateFlow(fast, lead, { ...options, trace: false });
              expect(untraced).toEqual({ ...expected, trace: [] });
              evaluations += 1;
              outcomes.add(expected.fallback ? "fallback" : expected.outcome.kind);
            }
          }
        },
      ),
      { numRuns: 1_000, seed: 20_240_531 },
    );
    expect(evaluations).toBeGreaterThan(3_000);
    // The generators reach every kind of outcome.
    expect([...outcomes].sort()).toEqual(["fallback", "pool", "queue", "rejected", "rep"]);
  });

  it("agrees with json-logic-js on random JSON Logic rules and data", () => {
    let threw = 0;
    fc.assert(
      fc.property(jsonLogicArbitrary, jsonLogicDataArbitrary, (rule, data) => {
        const expected = run(() => jsonLogic.apply(rule as Parameters<typeof jsonLogic.apply>[0], data));
        const compiled = compileJsonLogic(rule);
        const actual = run(() => compiled(data));
        expect(actual).toEqual(expected);
        if (expected.threw) threw += 1;
      }),
      { numRuns: 10_000, seed: 7 },
    );
    // Some generated rules are erroneous (unknown operations…); both sides must throw for those.
    expect(threw).toBeGreaterThan(0);
  });
});
