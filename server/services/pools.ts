import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { poolMembers, pools, reps } from "@/drizzle/schema";
import type { Db, Executor, Tx } from "@/server/db/client";
import type { createPoolInput, updatePoolInput } from "@/server/schemas";
import { ServiceError } from "@/server/services/errors";

export interface PoolMemberView {
  repId: string;
  name: string;
  weight: number;
  status: "active" | "away" | "inactive";
  awayUntil: Date | null;
  openLeads: number;
  capacity: number | null;
}

export interface PoolView {
  id: string;
  name: string;
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded";
  archivedAt: Date | null;
  members: PoolMemberView[];
}

export async function listPools(
  db: Executor,
  workspaceId: string,
  options: { includeArchived?: boolean } = {},
): Promise<PoolView[]> {
  const rows = await db
    .select()
    .from(pools)
    .where(
      options.includeArchived
        ? eq(pools.workspaceId, workspaceId)
        : and(eq(pools.workspaceId, workspaceId), isNull(pools.archivedAt)),
    )
    .orderBy(asc(pools.name));
  if (rows.length === 0) return [];
  const memberRows = await db
    .select({
      poolId: poolMembers.poolId,
      repId: poolMembers.repId,
      weight: poolMembers.weight,
      name: reps.name,
      status: reps.status,
      awayUntil: reps.awayUntil,
      openLeads: reps.openLeads,
      capacity: reps.capacity,
    })
    .from(poolMembers)
    .innerJoin(reps, eq(reps.id, poolMembers.repId))
    .where(
      inArray(
        poolMembers.poolId,
        rows.map((p) => p.id),
      ),
    )
    .orderBy(asc(poolMembers.position));
  return rows.map((pool) => ({
    id: pool.id,
    name: pool.name,
    strategy: pool.strategy,
    archivedAt: pool.archivedAt,
    members: memberRows.filter((m) => m.poolId === pool.id).map(({ poolId: _poolId, ...member }) => member),
  }));
}

export async function getPool(db: Executor, workspaceId: string, id: string): Promise<PoolView> {
  const pool = (await listPools(db, workspaceId, { includeArchived: true })).find((p) => p.id === id);
  if (!pool) throw new ServiceError("NOT_FOUND", "id: no pool with this id in your workspace");
  return pool;
}

export async function createPool(db: Db, workspaceId: string, input: z.output<typeof createPoolInput>) {
  const id = await db.transaction(async (tx) => {
    await assertNameFree(tx, workspaceId, input.name);
    await assertRepsInWorkspace(tx, workspaceId, input.members);
    const [pool] = await tx
      .insert(pools)
      .values({ workspaceId, name: input.name, strategy: input.strategy })
      .returning({ id: pools.id });
    if (!pool) throw new Error("insert returned no row");
    await replaceMembers(tx, pool.id, input.members);
    return pool.id;
  });
  return getPool(db, workspaceId, id);
}

export async function updatePool(db: Db, workspaceId: string, input: z.output<typeof updatePoolInput>) {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(pools)
      .where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, input.id)))
      .for("update");
    if (!current) throw new ServiceError("NOT_FOUND", "id: no pool with this id in your workspace");
    if (input.name !== undefined && input.name !== current.name)
      await assertNameFree(tx, workspaceId, input.name);
    const strategyChanged = input.strategy !== undefined && input.strategy !== current.strategy;
    await tx
      .update(pools)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.strategy !== undefined && { strategy: input.strategy }),
        // A new strategy or new members make the old cursor meaningless.
        ...((strategyChanged || input.members) && { state: {} }),
        updatedAt: new Date(),
      })
      .where(eq(pools.id, input.id));
    if (input.members) {
      await assertRepsInWorkspace(tx, workspaceId, input.members);
      await replaceMembers(tx, input.id, input.members);
    }
  });
  return getPool(db, workspaceId, input.id);
}

/** Archived pools keep their history but are hidden from pickers. */
export async function setPoolArchived(db: Db, workspaceId: string, id: string, archived: boolean) {
  const [pool] = await db
    .update(pools)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(pools.workspaceId, workspaceId), eq(pools.id, id)))
    .returning({ id: pools.id });
  if (!pool) throw new ServiceError("NOT_FOUND", "id: no pool with this id in your workspace");
  return getPool(db, workspaceId, id);
}

async function replaceMembers(tx: Tx, poolId: string, members: { repId: string; weight: number }[]) {
  await tx.delete(poolMembers).where(eq(poolMembers.poolId, poolId));
  if (members.length === 0) return;
  await tx
    .insert(poolMembers)
    .values(members.map((m, position) => ({ poolId, repId: m.repId, weight: m.weight, position })));
}

async function assertNameFree(tx: Executor, workspaceId: string, name: string) {
  const [taken] = await tx
    .select({ id: pools.id })
    .from(pools)
    .where(and(eq(pools.workspaceId, workspaceId), eq(pools.name, name)));
  if (taken) throw new ServiceError("CONFLICT", "name: a pool with this name already exists");
}

async function assertRepsInWorkspace(tx: Executor, workspaceId: string, members: { repId: string }[]) {
  if (members.length === 0) return;
  const found = await tx
    .select({ id: reps.id })
    .from(reps)
    .where(
      and(
        eq(reps.workspaceId, workspaceId),
        inArray(
          reps.id,
          members.map((m) => m.repId),
        ),
      ),
    );
  const known = new Set(found.map((r) => r.id));
  const missing = members.findIndex((m) => !known.has(m.repId));
  if (missing >= 0)
    throw new ServiceError("BAD_REQUEST", `members.${missing}.repId: no rep with this id in your workspace`);
}
