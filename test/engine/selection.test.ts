import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  INITIAL_SELECTION_STATE,
  ineligibleReason,
  leastLoaded,
  type PoolMember,
  parseSelectionState,
  roundRobin,
  SELECTION_STRATEGIES,
  type SelectionOptions,
  type SelectionState,
  type SelectionStrategy,
  selectRep,
  smoothWeightedRoundRobin,
} from "../../engine";

const NOW = Date.UTC(2025, 0, 15, 12);
const options: SelectionOptions = { now: NOW };

function member(repId: string, overrides: Partial<PoolMember> = {}): PoolMember {
  return { repId, weight: 1, status: "active", openLeads: 0, capacity: null, ...overrides };
}

/** Runs `picks` selections, feeding each next state back in (and counting open leads like the DB would). */
function simulate(
  strategy: SelectionStrategy,
  members: PoolMember[],
  picks: number,
  trackLoad = false,
): { sequence: Array<string | null>; state: SelectionState } {
  let state = INITIAL_SELECTION_STATE;
  const current = members.map((m) => ({ ...m }));
  const sequence: Array<string | null> = [];
  for (let i = 0; i < picks; i += 1) {
    const result = selectRep(strategy, current, state, options);
    sequence.push(result.repId);
    state = result.nextState;
    if (trackLoad && result.repId !== null) {
      const picked = current.find((m) => m.repId === result.repId);
      if (picked) picked.openLeads += 1;
    }
  }
  return { sequence, state };
}

function counts(sequence: Array<string | null>): Map<string | null, number> {
  const map = new Map<string | null, number>();
  for (const repId of sequence) map.set(repId, (map.get(repId) ?? 0) + 1);
  return map;
}

const membersArbitrary = fc
  .uniqueArray(fc.constantFrom("ana", "ben", "cho", "dev", "eli", "fay", "gus", "hal"), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((ids) =>
    fc.tuple(...ids.map((id) => fc.integer({ min: 1, max: 10 }).map((weight) => member(id, { weight })))),
  )
  .chain((members) => fc.shuffledSubarray(members, { minLength: members.length, maxLength: members.length }));

describe("eligibility", () => {
  it("skips away reps until their awayUntil, at-capacity reps, paused reps, and reps missing skills or territory", () => {
    expect(ineligibleReason(member("a", { status: "away" }), options)).toBe("away");
    expect(ineligibleReason(member("a", { status: "away", awayUntil: new Date(NOW + 1) }), options)).toBe(
      "away",
    );
    expect(ineligibleReason(member("a", { status: "away", awayUntil: new Date(NOW) }), options)).toBeNull();
    expect(
      ineligibleReason(member("a", { status: "away", awayUntil: "2025-01-15T11:00:00Z" }), options),
    ).toBeNull();
    expect(ineligibleReason(member("a", { status: "away", awayUntil: "soon" }), options)).toBe("away");
    expect(ineligibleReason(member("a", { status: "active", awayUntil: NOW + 10_000 }), options)).toBeNull();
    expect(ineligibleReason(member("a", { openLeads: 5, capacity: 5 }), options)).toBe("at_capacity");
    expect(ineligibleReason(member("a", { openLeads: 4, capacity: 5 }), options)).toBeNull();
    expect(ineligibleReason(member("a", { openLeads: 10_000, capacity: null }), options)).toBeNull();
    expect(ineligibleReason(member("a", { weight: 0 }), options)).toBe("paused");
    const skilled = member("a", { skills: ["healthcare", "german"], territories: ["DE", "AT"] });
    expect(ineligibleReason(skilled, { now: NOW, requiredSkills: ["healthcare", "german"] })).toBeNull();
    expect(ineligibleReason(skilled, { now: NOW, requiredSkills: ["healthcare", "french"] })).toBe(
      "missing_skill",
    );
    expect(ineligibleReason(skilled, { now: NOW, requiredTerritories: ["CH", "AT"] })).toBeNull();
    expect(ineligibleReason(skilled, { now: NOW, requiredTerritories: ["CH"] })).toBe("outside_territory");
    expect(ineligibleReason(member("b"), { now: NOW, requiredTerritories: [] })).toBeNull();
  });

  it("returns no rep, the unchanged state and the reasons when nobody is eligible", () => {
    const members = [member("b", { status: "away" }), member("a", { openLeads: 3, capacity: 3 })];
    const state: SelectionState = { lastRepId: "a", currentWeights: [{ repId: "a", current: 2 }] };
    for (const strategy of SELECTION_STRATEGIES) {
      const result = selectRep(strategy, members, state, options);
      expect(result.repId).toBeNull();
      expect(result.nextState).toEqual(state);
      expect(result.skipped).toEqual([
        { repId: "a", reason: "at_capacity" },
        { repId: "b", reason: "away" },
      ]);
    }
    expect(selectRep("round_robin", [], INITIAL_SELECTION_STATE, options).repId).toBeNull();
  });

  it("refuses duplicate members", () => {
    expect(() => roundRobin([member("a"), member("a")], INITIAL_SELECTION_STATE, options)).toThrow(
      /Duplicate/,
    );
  });
});

describe("round-robin", () => {
  it("takes turns in repId order whatever order members arrive in, skipping ineligible reps", () => {
    const members = [member("cho"), member("ana"), member("ben", { status: "away" }), member("dev")];
    expect(simulate("round_robin", members, 7).sequence).toEqual([
      "ana",
      "cho",
      "dev",
      "ana",
      "cho",
      "dev",
      "ana",
    ]);
  });

  it("keeps its place when the member list changes", () => {
    const state: SelectionState = { lastRepId: "ben", currentWeights: [] };
    // ben left the pool: the turn passes to the next rep after "ben".
    expect(roundRobin([member("ana"), member("cho")], state, options).repId).toBe("cho");
    expect(roundRobin([member("ana")], state, options).repId).toBe("ana");
  });

  it("is fair: over N picks every rep's count is within 1 of N / reps", () => {
    fc.assert(
      fc.property(membersArbitrary, fc.integer({ min: 1, max: 300 }), (members, picks) => {
        const tally = counts(simulate("round_robin", members, picks).sequence);
        for (const m of members)
          expect(Math.abs((tally.get(m.repId) ?? 0) - picks / members.length)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300, seed: 1 },
    );
  });
});

describe("smooth weighted round-robin", () => {
  it("interleaves instead of bursting (nginx's example)", () => {
    const members = [member("a", { weight: 5 }), member("b", { weight: 1 }), member("c", { weight: 1 })];
    expect(simulate("weighted_round_robin", members, 7).sequence).toEqual([
      "a",
      "a",
      "b",
      "a",
      "c",
      "a",
      "a",
    ]);
    const twoToOne = [member("a", { weight: 2 }), member("b", { weight: 1 })];
    expect(simulate("weighted_round_robin", twoToOne, 6).sequence).toEqual(["a", "b", "a", "a", "b", "a"]);
  });

  it("is fair: after every pick each rep's count is within 1 of its weighted share", () => {
    fc.assert(
      fc.property(membersArbitrary, fc.integer({ min: 1, max: 300 }), (members, picks) => {
        const total = members.reduce((sum, m) => sum + m.weight, 0);
        const { sequence } = simulate("weighted_round_robin", members, picks);
        const tally = new Map<string, number>();
        sequence.forEach((repId, i) => {
          if (repId === null) throw new Error("no pick");
          tally.set(repId, (tally.get(repId) ?? 0) + 1);
          for (const m of members) {
            const share = ((i + 1) * m.weight) / total;
            expect(Math.abs((tally.get(m.repId) ?? 0) - share)).toBeLessThanOrEqual(1);
          }
        });
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it("is deterministic and its state survives a JSON round trip", () => {
    const members = [member("a", { weight: 3 }), member("b", { weight: 2 }), member("c", { weight: 1 })];
    let live = INITIAL_SELECTION_STATE;
    let stored: unknown = INITIAL_SELECTION_STATE;
    for (let i = 0; i < 20; i += 1) {
      const a = smoothWeightedRoundRobin(members, live, options);
      const b = smoothWeightedRoundRobin([...members].reverse(), parseSelectionState(stored), options);
      expect(b).toEqual(a);
      live = a.nextState;
      stored = JSON.parse(JSON.stringify(b.nextState));
    }
  });

  it("redistributes while a rep is away and drops removed reps from the state", () => {
    const members = [
      member("a", { weight: 2 }),
      member("b", { weight: 1, status: "away" }),
      member("c", { weight: 1 }),
    ];
    const { sequence, state } = simulate("weighted_round_robin", members, 6);
    expect(counts(sequence)).toEqual(
      new Map([
        ["a", 4],
        ["c", 2],
      ]),
    );
    expect(state.currentWeights.map((w) => w.repId)).toEqual(["a", "b", "c"]);
    const next = smoothWeightedRoundRobin([member("a", { weight: 2 })], state, options);
    expect(next.nextState.currentWeights.map((w) => w.repId)).toEqual(["a"]);
  });

  it("falls back to parsing garbage state as the initial state", () => {
    expect(parseSelectionState({ lastRepId: 5 })).toEqual(INITIAL_SELECTION_STATE);
    expect(parseSelectionState(null)).toEqual(INITIAL_SELECTION_STATE);
  });
});

describe("least-loaded", () => {
  it("picks the lowest utilisation, then the fewest open leads, rotating ties", () => {
    const members = [
      member("ana", { openLeads: 5, capacity: 10 }),
      member("ben", { openLeads: 2, capacity: 10 }),
      member("cho", { openLeads: 4, capacity: 20 }),
    ];
    expect(leastLoaded(members, INITIAL_SELECTION_STATE, options).repId).toBe("ben");
    const tied = [
      member("ana", { openLeads: 1 }),
      member("ben", { openLeads: 1 }),
      member("cho", { openLeads: 3 }),
    ];
    // Unlimited capacity counts as 0% utilised; ties on open leads rotate after the last pick.
    expect(leastLoaded(tied, { lastRepId: "ana", currentWeights: [] }, options).repId).toBe("ben");
    expect(leastLoaded(tied, { lastRepId: "ben", currentWeights: [] }, options).repId).toBe("ana");
  });

  it("never exceeds capacity and balances equal reps within 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 200 }),
        (reps, capacity, picks) => {
          const members = Array.from({ length: reps }, (_, i) => member(`r${i}`, { capacity }));
          const { sequence } = simulate("least_loaded", members, picks, true);
          const assigned = sequence.filter((repId) => repId !== null).length;
          expect(assigned).toBe(Math.min(picks, reps * capacity));
          const tally = counts(sequence);
          for (const m of members) {
            const count = tally.get(m.repId) ?? 0;
            expect(count).toBeLessThanOrEqual(capacity);
            expect(Math.abs(count - assigned / reps)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });
});
