import { describe, expect, it } from "vitest";
import {
  describeArms,
  endExperimentWarning,
  runningExperiment,
} from "@/components/flow-editor/page/experiment-warning";

const pricing = {
  name: "Pricing page",
  active: true,
  arms: [
    { number: 2, weight: 80 },
    { number: 3, weight: 20 },
  ],
};
const ended = { name: "Old test", active: false, arms: [{ number: 1, weight: 1 }] };

describe("warning before ending an A/B test", () => {
  it("finds the running experiment, none when all have ended", () => {
    expect(runningExperiment([ended, pricing])).toBe(pricing);
    expect(runningExperiment([ended])).toBeNull();
    expect(runningExperiment(undefined)).toBeNull();
  });

  it("states each arm's share of the total weight", () => {
    expect(describeArms(pricing.arms)).toBe("v2 80% / v3 20%");
    expect(
      describeArms([
        { number: 1, weight: 1 },
        { number: 2, weight: 1 },
        { number: 4, weight: 1 },
      ]),
    ).toBe("v1 33% / v2 33% / v4 33%");
  });

  it("names the experiment and what the action does", () => {
    expect(endExperimentWarning(pricing, { kind: "publish" })).toBe(
      "Publishing makes the new version live for every new lead and ends the A/B test “Pricing page” (v2 80% / v3 20%). Its results stay on the experiment page, but no new lead joins its arms.",
    );
    expect(endExperimentWarning(pricing, { kind: "deploy", versionNumber: 4 })).toMatch(
      /^Deploying v4 makes it live for every new lead and ends the A\/B test “Pricing page”/,
    );
    expect(endExperimentWarning(pricing, { kind: "rollback", versionNumber: 1 })).toMatch(
      /^Rolling back to v1 makes it live for every new lead and ends the A\/B test “Pricing page”/,
    );
  });
});
