import { count, eq } from "drizzle-orm";
import { decisions, leads, pools, reps } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { territoryGraph } from "@/server/services/flow-templates";
import { createFlow, publishFlow } from "@/server/services/flows";
import { createWorkspace, uniqueEmail, type WorkspaceFixture } from "@/test/helpers/fixtures";

export interface RoutingFixture extends WorkspaceFixture {
  repIds: string[];
  poolId: string;
  flowId: string;
}

/**
 * A workspace with `weights.length` reps in one pool and a published flow: leads from DE/FR go to
 * the pool, everything else to the "Unassigned" queue.
 */
export async function createRoutingFixture(
  db: Db,
  options: {
    weights?: number[];
    strategy?: "round_robin" | "weighted_round_robin" | "least_loaded";
    capacity?: number | null;
  } = {},
): Promise<RoutingFixture> {
  const weights = options.weights ?? [1, 1, 1, 1, 1];
  const ws = await createWorkspace(db, "Routing Co");
  const repIds: string[] = [];
  for (const [i, weight] of weights.entries()) {
    const rep = await ws.as.admin.reps.create({
      name: `Rep ${i + 1}`,
      email: uniqueEmail(`rep${i + 1}`),
      weight,
      capacity: options.capacity ?? null,
    });
    repIds.push(rep.id);
  }
  const pool = await ws.as.admin.pools.create({
    name: "EMEA",
    strategy: options.strategy ?? (weights.every((w) => w === 1) ? "round_robin" : "weighted_round_robin"),
    members: repIds.map((repId, i) => ({ repId, weight: weights[i] ?? 1 })),
  });
  const flow = await createFlow(db, ws.workspaceId, {
    name: "Territory",
    graph: territoryGraph([{ caseLabel: "EMEA", countries: ["DE", "FR"], poolId: pool.id }]),
  });
  await publishFlow(db, ws.workspaceId, ws.users.admin, { id: flow.id, message: "first" });
  return { ...ws, repIds, poolId: pool.id, flowId: flow.id };
}

export function emeaLead(i: number): Record<string, unknown> {
  return {
    source: "web_form",
    country: i % 2 === 0 ? "DE" : "FR",
    email: `lead${i}@example.test`,
    company_size: 50,
  };
}

/**
 * Everything routing could change in a workspace: reps' open leads, pools' cursors, lead and
 * decision counts. Dry runs and replays must leave it exactly as it was.
 */
export async function liveStateOf(db: Db, workspaceId: string) {
  const [repRows, poolRows, leadCount, decisionCount] = await Promise.all([
    db
      .select({ id: reps.id, openLeads: reps.openLeads, updatedAt: reps.updatedAt })
      .from(reps)
      .where(eq(reps.workspaceId, workspaceId))
      .orderBy(reps.id),
    db
      .select({ id: pools.id, state: pools.state, updatedAt: pools.updatedAt })
      .from(pools)
      .where(eq(pools.workspaceId, workspaceId))
      .orderBy(pools.id),
    db.select({ n: count() }).from(leads).where(eq(leads.workspaceId, workspaceId)),
    db.select({ n: count() }).from(decisions).where(eq(decisions.workspaceId, workspaceId)),
  ]);
  return { repRows, poolRows, leads: leadCount[0]?.n, decisions: decisionCount[0]?.n };
}
