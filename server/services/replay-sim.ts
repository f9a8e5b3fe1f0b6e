import {
  type EvaluationResult,
  evaluateFlow,
  INITIAL_SELECTION_STATE,
  type PoolMember,
  type PreparedFlow,
  type SelectionState,
  type SelectionStrategy,
  selectRep,
} from "@/engine";

// The replay's in-memory routing: the engine's compiled path (no trace) plus a simulated pick per pool.
// Pools start FRESH: their current members and weights, everyone treated as available (away status
// ignored), no open leads, and an empty strategy cursor. Each replayed assignment then counts as an
// open lead against the rep's capacity, so a capped rep fills up during a long replay as they would
// if none of these leads were closed. Nothing here touches the database.

export interface SimPool {
  poolId: string;
  strategy: SelectionStrategy;
  /** Current members with their pool weight, capacity, skills and territories. */
  members: Array<Omit<PoolMember, "status" | "openLeads" | "awayUntil">>;
}

/** Who ends up with a lead: `rep:<id>`, `queue:<name>` or `rejected`. */
export type OwnerKey = string;

export interface SimulatedRoute {
  kind: "pool" | "rep" | "queue" | "rejected";
  owner: OwnerKey;
  poolId: string | null;
  repId: string | null;
  fallback: boolean;
}

export function repOwner(repId: string): OwnerKey {
  return `rep:${repId}`;
}

export function queueOwner(queue: string): OwnerKey {
  return `queue:${queue}`;
}

export const REJECTED_OWNER: OwnerKey = "rejected";

interface PoolRun {
  strategy: SelectionStrategy;
  members: PoolMember[];
  state: SelectionState;
}

export class ReplaySimulator {
  private readonly pools = new Map<string, PoolRun>();
  private readonly openLeads = new Map<string, number>();
  private readonly now: Date;

  constructor(
    private readonly flow: PreparedFlow,
    pools: ReadonlyMap<string, SimPool>,
    now: Date,
  ) {
    this.now = now;
    for (const [poolId, pool] of pools) {
      this.pools.set(poolId, {
        strategy: pool.strategy,
        members: pool.members.map((m) => ({ ...m, status: "active", openLeads: 0 })),
        state: INITIAL_SELECTION_STATE,
      });
    }
  }

  private pick(poolId: string, requiredSkills: readonly string[], requiredTerritories: readonly string[]) {
    // A pool missing from the map was archived or deleted: nobody is eligible, as in live routing.
    const pool = this.pools.get(poolId);
    if (pool === undefined) return null;
    for (const member of pool.members) member.openLeads = this.openLeads.get(member.repId) ?? 0;
    const selection = selectRep(pool.strategy, pool.members, pool.state, {
      now: this.now,
      requiredSkills,
      requiredTerritories,
    });
    if (selection.repId === null) return null;
    pool.state = selection.nextState;
    return selection.repId;
  }

  private claim(repId: string): void {
    this.openLeads.set(repId, (this.openLeads.get(repId) ?? 0) + 1);
  }

  /** Routes one lead as live routing would, against the simulated pools. */
  route(lead: unknown): SimulatedRoute {
    let ineligible: string[] | null = null;
    for (;;) {
      const result: EvaluationResult =
        ineligible === null
          ? evaluateFlow(this.flow, lead, { trace: false })
          : evaluateFlow(this.flow, lead, { trace: false, ineligiblePoolNodes: ineligible });
      const outcome = result.outcome;
      switch (outcome.kind) {
        case "pool": {
          const repId = this.pick(outcome.poolId, outcome.requiredSkills, outcome.requiredTerritories);
          if (repId === null) {
            // Pool nodes only lead forward, so each is tried at most once.
            ineligible ??= [];
            ineligible.push(outcome.nodeId);
            continue;
          }
          this.claim(repId);
          return { kind: "pool", owner: repOwner(repId), poolId: outcome.poolId, repId, fallback: false };
        }
        case "rep":
          this.claim(outcome.repId);
          return {
            kind: "rep",
            owner: repOwner(outcome.repId),
            poolId: null,
            repId: outcome.repId,
            fallback: result.fallback,
          };
        case "queue":
          return {
            kind: "queue",
            owner: queueOwner(outcome.queue),
            poolId: null,
            repId: null,
            fallback: result.fallback,
          };
        case "rejected":
          return { kind: "rejected", owner: REJECTED_OWNER, poolId: null, repId: null, fallback: false };
      }
    }
  }
}

/** The pool ids a prepared flow can send leads to. */
export function poolIdsOf(flow: PreparedFlow): string[] {
  const ids = new Set<string>();
  for (const node of flow.compiled.nodes) if (node.type === "pool") ids.add(node.poolId);
  return [...ids];
}
