import { and, eq, sql } from "drizzle-orm";
import { reps } from "@/drizzle/schema";
import {
  type PoolMember,
  type PoolOutcome,
  parseSelectionState,
  type SelectionState,
  selectRep,
} from "@/engine";
import type { Executor, Tx } from "@/server/db/client";
import {
  claimRepCapacity,
  type PoolMemberRow,
  selectPoolForUpdate,
  selectPoolMembers,
  storePoolState,
} from "@/server/services/routing-sql";

export interface PoolPick {
  poolId: string;
  poolName: string;
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded";
  /** Null when no member could take the lead. */
  rep: { id: string; name: string; email: string; weight: number } | null;
  /** The strategy state to store when this pick is kept. */
  nextState: SelectionState;
  skipped: Array<{ repId: string; name: string; reason: string }>;
}

/** Another pool filled the picked rep up between our read and our claim: retry the whole routing. */
export class CapacityRaceError extends Error {
  constructor(readonly repId: string) {
    super(`rep ${repId} reached capacity concurrently`);
    this.name = "CapacityRaceError";
  }
}

/**
 * Reads a pool and runs its strategy inside the routing transaction, writing nothing. The pool row
 * is locked in the same single query, so concurrent routes to the pool take turns and its cursor
 * never forks; the caller claims the rep and stores `nextState` before committing.
 */
export async function pickFromPool(
  tx: Tx,
  workspaceId: string,
  outcome: PoolOutcome,
  now: Date,
): Promise<PoolPick | null> {
  return pickFromRows(await selectPoolForUpdate(tx, workspaceId, outcome.poolId), outcome, now);
}

/**
 * The pick `pickFromPool` would make right now, read without locking or writing anything: the test
 * run's dry pick. A concurrent route may move the cursor meanwhile, so it is a preview, not a promise.
 */
export async function previewPoolPick(
  db: Executor,
  workspaceId: string,
  outcome: PoolOutcome,
  now: Date,
): Promise<PoolPick | null> {
  return pickFromRows(await selectPoolMembers(db, workspaceId, outcome.poolId), outcome, now);
}

/** Runs the pool's strategy over its rows (pool and members, in member order); null = no such pool. */
function pickFromRows(rows: PoolMemberRow[], outcome: PoolOutcome, now: Date): PoolPick | null {
  const pool = rows[0];
  if (!pool) return null;
  const active = rows.flatMap((r) =>
    r.repId === null || r.status === null || r.openLeads === null || r.weight === null
      ? []
      : [{ ...r, repId: r.repId, status: r.status, openLeads: r.openLeads, weight: r.weight }],
  );
  const members: PoolMember[] = active.map((r) => ({
    repId: r.repId,
    weight: r.weight,
    status: r.status === "away" ? "away" : "active",
    awayUntil: r.awayUntil,
    openLeads: r.openLeads,
    capacity: r.capacity,
    skills: r.skills ?? [],
    territories: r.territories ?? [],
  }));
  const selection = selectRep(pool.strategy, members, parseSelectionState(pool.state), {
    now,
    requiredSkills: outcome.requiredSkills,
    requiredTerritories: outcome.requiredTerritories,
  });
  const byId = new Map(active.map((r, position) => [r.repId, { ...r, position }]));
  // Skipped reps are listed in the pool's member order, the order the manager sees.
  const skipped = [...selection.skipped]
    .sort((a, b) => (byId.get(a.repId)?.position ?? 0) - (byId.get(b.repId)?.position ?? 0))
    .map((s) => ({ repId: s.repId, name: byId.get(s.repId)?.name ?? s.repId, reason: s.reason }));
  const picked = selection.repId ? byId.get(selection.repId) : undefined;
  return {
    poolId: pool.poolId,
    poolName: pool.poolName,
    strategy: pool.strategy,
    rep: picked
      ? { id: picked.repId, name: picked.name ?? "", email: picked.email ?? "", weight: picked.weight }
      : null,
    nextState: selection.nextState,
    skipped,
  };
}

/** Keeps a pick: claims one unit of the rep's capacity (refused if full) and advances the pool's cursor. */
export async function commitPick(
  tx: Tx,
  pick: PoolPick & { rep: NonNullable<PoolPick["rep"]> },
): Promise<void> {
  const [claimed] = await Promise.all([
    claimRepCapacity(tx, pick.rep.id),
    storePoolState(tx, pick.poolId, pick.nextState),
  ]);
  if (claimed.length === 0) throw new CapacityRaceError(pick.rep.id);
}

/** A fixed owner (assign or fallback node) takes the lead whatever their capacity: it counts as open work. */
export async function claimFixedRep(tx: Tx, workspaceId: string, repId: string) {
  const [rep] = await tx
    .update(reps)
    .set({ openLeads: sql`${reps.openLeads} + 1` })
    .where(and(eq(reps.id, repId), eq(reps.workspaceId, workspaceId)))
    .returning({ id: reps.id, name: reps.name, email: reps.email });
  return rep ?? null;
}
