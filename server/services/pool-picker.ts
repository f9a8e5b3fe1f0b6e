import { and, asc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import { poolMembers, pools, reps } from "@/drizzle/schema";
import { type PoolMember, type PoolOutcome, parseSelectionState, selectRep } from "@/engine";
import type { Tx } from "@/server/db/client";

export interface PoolPick {
  poolId: string;
  poolName: string;
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded";
  /** Null when no member could take the lead. */
  rep: { id: string; name: string; email: string; weight: number } | null;
  skipped: Array<{ repId: string; name: string; reason: string }>;
}

/**
 * Picks a rep from a pool inside the routing transaction. The pool row is locked, so concurrent
 * routes to the same pool take turns and the strategy cursor never forks; the capacity claim is a
 * conditional UPDATE, so a rep shared by several pools never goes over capacity either.
 */
export async function pickFromPool(
  tx: Tx,
  workspaceId: string,
  outcome: PoolOutcome,
  now: Date,
): Promise<PoolPick | null> {
  const [pool] = await tx
    .select()
    .from(pools)
    .where(and(eq(pools.id, outcome.poolId), eq(pools.workspaceId, workspaceId), isNull(pools.archivedAt)))
    .for("update");
  if (!pool) return null;
  const rows = await tx
    .select({
      repId: reps.id,
      name: reps.name,
      email: reps.email,
      weight: poolMembers.weight,
      status: reps.status,
      awayUntil: reps.awayUntil,
      openLeads: reps.openLeads,
      capacity: reps.capacity,
      skills: reps.skills,
      territories: reps.territories,
    })
    .from(poolMembers)
    .innerJoin(reps, eq(reps.id, poolMembers.repId))
    .where(and(eq(poolMembers.poolId, pool.id), ne(reps.status, "inactive")))
    .orderBy(asc(poolMembers.position));
  const members: PoolMember[] = rows.map((r) => ({
    repId: r.repId,
    weight: r.weight,
    status: r.status === "away" ? "away" : "active",
    awayUntil: r.awayUntil,
    openLeads: r.openLeads,
    capacity: r.capacity,
    skills: r.skills,
    territories: r.territories,
  }));
  const skipped: PoolPick["skipped"] = [];
  const byId = new Map(rows.map((r) => [r.repId, r]));
  const nameOf = (repId: string) => byId.get(repId)?.name ?? repId;
  const position = new Map(rows.map((r, i) => [r.repId, i]));
  // Skipped reps are listed in the pool's member order, the order the manager sees.
  const noteSkipped = (list: readonly { repId: string; reason: string }[]) => {
    const sorted = [...list].sort((x, y) => (position.get(x.repId) ?? 0) - (position.get(y.repId) ?? 0));
    for (const s of sorted) skipped.push({ repId: s.repId, name: nameOf(s.repId), reason: s.reason });
  };
  let state = parseSelectionState(pool.state);
  const result = { poolId: pool.id, poolName: pool.name, strategy: pool.strategy, skipped };
  // Each failed capacity claim marks one member full, so this ends within members.length rounds.
  for (let round = 0; round <= members.length; round++) {
    const selection = selectRep(pool.strategy, members, state, {
      now,
      requiredSkills: outcome.requiredSkills,
      requiredTerritories: outcome.requiredTerritories,
    });
    if (selection.repId === null) {
      noteSkipped(selection.skipped);
      return { ...result, rep: null };
    }
    const repId = selection.repId;
    const [claimed] = await tx
      .update(reps)
      .set({ openLeads: sql`${reps.openLeads} + 1` })
      .where(and(eq(reps.id, repId), or(isNull(reps.capacity), lt(reps.openLeads, reps.capacity))))
      .returning({ id: reps.id });
    if (claimed) {
      await tx.update(pools).set({ state: selection.nextState }).where(eq(pools.id, pool.id));
      noteSkipped(selection.skipped);
      const rep = byId.get(repId);
      return {
        ...result,
        rep: { id: repId, name: rep?.name ?? repId, email: rep?.email ?? "", weight: rep?.weight ?? 1 },
      };
    }
    // Another pool filled this rep up since we read it: treat them as full and pick again.
    const member = members.find((m) => m.repId === repId);
    if (member) member.openLeads = member.capacity ?? member.openLeads;
    state = selection.nextState;
  }
  return { ...result, rep: null };
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
