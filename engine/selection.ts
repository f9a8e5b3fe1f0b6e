/**
 * Rep selection strategies: pure functions from (members, state, options) to the picked rep and the
 * next state. No clock, randomness or I/O: `now` is passed in, and members are considered in repId
 * order whatever order they arrive in, so the same inputs always give the same pick. The caller
 * (the server) stores the state and applies the pick atomically.
 */
import { z } from "zod";
import { compareIds } from "./graph";

export const SELECTION_STRATEGIES = ["round_robin", "weighted_round_robin", "least_loaded"] as const;
export type SelectionStrategy = (typeof SELECTION_STRATEGIES)[number];

export interface PoolMember {
  repId: string;
  /** Positive weight (weighted round-robin share). A weight ≤ 0 pauses the rep in every strategy. */
  weight: number;
  status: "active" | "away";
  /** For away reps: when they are back. Null or absent = away until the status changes. */
  awayUntil?: Date | string | number | null;
  openLeads: number;
  /** Maximum open leads; null = unlimited. */
  capacity: number | null;
  skills?: readonly string[];
  territories?: readonly string[];
}

/** Per-pool state, JSON-serialisable. One shape serves every strategy, so a pool can switch strategy. */
export interface SelectionState {
  /** The rep picked last (round-robin position; least-loaded tie rotation). */
  lastRepId: string | null;
  /** Smooth weighted round-robin current weights, sorted by repId. */
  currentWeights: Array<{ repId: string; current: number }>;
}

export const INITIAL_SELECTION_STATE: SelectionState = { lastRepId: null, currentWeights: [] };

export const selectionStateSchema = z.object({
  lastRepId: z.string().nullable(),
  currentWeights: z.array(z.object({ repId: z.string(), current: z.number() })),
});

/** Reads a stored state, falling back to the initial state when it is missing or malformed. */
export function parseSelectionState(input: unknown): SelectionState {
  const parsed = selectionStateSchema.safeParse(input);
  return parsed.success ? parsed.data : { lastRepId: null, currentWeights: [] };
}

export interface SelectionOptions {
  /** The current time, compared with `awayUntil`. */
  now: Date | number;
  /** A member must have every one of these skills. */
  requiredSkills?: readonly string[];
  /** When not empty, a member must cover at least one of these territories. */
  requiredTerritories?: readonly string[];
}

export type IneligibleReason = "paused" | "away" | "at_capacity" | "missing_skill" | "outside_territory";

export interface SelectionResult {
  /** The picked rep, or null when no member is eligible (follow the pool's "no eligible rep" edge). */
  repId: string | null;
  /** The state to store. Unchanged when nobody was picked. */
  nextState: SelectionState;
  /** Members that could not take the lead and why, in repId order. */
  skipped: Array<{ repId: string; reason: IneligibleReason }>;
}

function toMillis(value: Date | string | number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return value;
  return Date.parse(value);
}

/** Away with no end, or away until a time after `now`. An unparsable `awayUntil` counts as no end. */
export function isAway(member: PoolMember, now: Date | number): boolean {
  if (member.status !== "away") return false;
  if (member.awayUntil === undefined || member.awayUntil === null) return true;
  const until = toMillis(member.awayUntil);
  return Number.isNaN(until) || toMillis(now) < until;
}

export function isAtCapacity(member: PoolMember): boolean {
  return member.capacity !== null && member.openLeads >= member.capacity;
}

/** Why a member cannot take a lead now, or null when they can. */
export function ineligibleReason(member: PoolMember, options: SelectionOptions): IneligibleReason | null {
  if (!(member.weight > 0)) return "paused";
  if (isAway(member, options.now)) return "away";
  if (isAtCapacity(member)) return "at_capacity";
  const skills = member.skills ?? [];
  if ((options.requiredSkills ?? []).some((skill) => !skills.includes(skill))) return "missing_skill";
  const territories = options.requiredTerritories ?? [];
  if (territories.length > 0 && !territories.some((t) => (member.territories ?? []).includes(t))) {
    return "outside_territory";
  }
  return null;
}

interface Partitioned {
  sorted: PoolMember[];
  eligible: PoolMember[];
  skipped: SelectionResult["skipped"];
}

function partition(members: readonly PoolMember[], options: SelectionOptions): Partitioned {
  const sorted = [...members].sort((a, b) => compareIds(a.repId, b.repId));
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]?.repId === sorted[i - 1]?.repId)
      throw new Error(`Duplicate pool member "${sorted[i]?.repId}"`);
  }
  const eligible: PoolMember[] = [];
  const skipped: SelectionResult["skipped"] = [];
  for (const member of sorted) {
    const reason = ineligibleReason(member, options);
    if (reason === null) eligible.push(member);
    else skipped.push({ repId: member.repId, reason });
  }
  return { sorted, eligible, skipped };
}

/** The first eligible member after `lastRepId` in repId order, wrapping around. */
function nextAfter(eligible: readonly PoolMember[], lastRepId: string | null): PoolMember | undefined {
  if (lastRepId === null) return eligible[0];
  return eligible.find((member) => compareIds(member.repId, lastRepId) > 0) ?? eligible[0];
}

function unchanged(state: SelectionState, skipped: SelectionResult["skipped"]): SelectionResult {
  return {
    repId: null,
    nextState: { lastRepId: state.lastRepId, currentWeights: state.currentWeights.map((w) => ({ ...w })) },
    skipped,
  };
}

/**
 * Round-robin: members take turns in repId order, starting after the last pick; ineligible members are
 * skipped. Removing or adding members keeps the rotation going from the same point.
 */
export function roundRobin(
  members: readonly PoolMember[],
  state: SelectionState,
  options: SelectionOptions,
): SelectionResult {
  const { eligible, skipped } = partition(members, options);
  const pick = nextAfter(eligible, state.lastRepId);
  if (pick === undefined) return unchanged(state, skipped);
  return {
    repId: pick.repId,
    nextState: { lastRepId: pick.repId, currentWeights: state.currentWeights.map((w) => ({ ...w })) },
    skipped,
  };
}

/**
 * Smooth weighted round-robin (as in nginx): every eligible member's current weight grows by its
 * weight, the largest current weight wins (ties: lowest repId) and is lowered by the total weight.
 * Weights 2:1 give A, B, A, A, B, A… rather than A, A, B. Over any run of picks with the same eligible
 * members, each member's count stays within 1 of its weighted share. Ineligible members keep their
 * current weight; members no longer in the pool are dropped from the state.
 */
export function smoothWeightedRoundRobin(
  members: readonly PoolMember[],
  state: SelectionState,
  options: SelectionOptions,
): SelectionResult {
  const { sorted, eligible, skipped } = partition(members, options);
  if (eligible.length === 0) return unchanged(state, skipped);
  const current = new Map<string, number>();
  for (const entry of state.currentWeights) current.set(entry.repId, entry.current);
  let total = 0;
  let best: PoolMember | undefined;
  let bestCurrent = Number.NEGATIVE_INFINITY;
  for (const member of eligible) {
    const value = (current.get(member.repId) ?? 0) + member.weight;
    current.set(member.repId, value);
    total += member.weight;
    if (value > bestCurrent) {
      best = member;
      bestCurrent = value;
    }
  }
  if (best === undefined) return unchanged(state, skipped);
  current.set(best.repId, bestCurrent - total);
  return {
    repId: best.repId,
    nextState: {
      lastRepId: best.repId,
      currentWeights: sorted.map((member) => ({
        repId: member.repId,
        current: current.get(member.repId) ?? 0,
      })),
    },
    skipped,
  };
}

/** Open leads relative to capacity; reps without a capacity count as 0 (x / ∞). */
export function utilisation(member: PoolMember): number {
  if (member.capacity === null) return 0;
  return member.capacity > 0 ? member.openLeads / member.capacity : Number.POSITIVE_INFINITY;
}

/**
 * Least-loaded: the eligible member with the lowest utilisation (open leads ÷ capacity), then the
 * fewest open leads; remaining ties rotate in repId order after the last pick.
 */
export function leastLoaded(
  members: readonly PoolMember[],
  state: SelectionState,
  options: SelectionOptions,
): SelectionResult {
  const { eligible, skipped } = partition(members, options);
  let lowest: PoolMember[] = [];
  for (const member of eligible) {
    const first = lowest[0];
    const order =
      first === undefined
        ? -1
        : utilisation(member) - utilisation(first) || member.openLeads - first.openLeads;
    if (order < 0) lowest = [member];
    else if (order === 0) lowest.push(member);
  }
  const pick = nextAfter(lowest, state.lastRepId);
  if (pick === undefined) return unchanged(state, skipped);
  return {
    repId: pick.repId,
    nextState: { lastRepId: pick.repId, currentWeights: state.currentWeights.map((w) => ({ ...w })) },
    skipped,
  };
}

/** Runs the named strategy. */
export function selectRep(
  strategy: SelectionStrategy,
  members: readonly PoolMember[],
  state: SelectionState,
  options: SelectionOptions,
): SelectionResult {
  switch (strategy) {
    case "round_robin":
      return roundRobin(members, state, options);
    case "weighted_round_robin":
      return smoothWeightedRoundRobin(members, state, options);
    case "least_loaded":
      return leastLoaded(members, state, options);
  }
}
