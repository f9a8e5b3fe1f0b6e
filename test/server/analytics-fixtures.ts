import { eq } from "drizzle-orm";
import { decisions, leadOutcomes, leads, poolMembers, pools, reps } from "@/drizzle/schema";
import type { TraceStep } from "@/engine";
import type { Db } from "@/server/db/client";
import { branchPathOf, insertBranchPath } from "@/server/services/branch-path";
import { createFlow, publishFlow } from "@/server/services/flows";

/** A branch step as the evaluator records it; only the fields analytics reads matter. */
export function branchStep(label: string, caseLabel: string | null) {
  return {
    nodeId: `branch-${label}`,
    nodeType: "branch",
    label,
    summary: `${label} → ${caseLabel ?? "else"}`,
    result: caseLabel ? "matched" : "else",
    detail: { preset: "custom", caseId: caseLabel, caseLabel, casesEvaluated: 1, checks: [], seen: [] },
  };
}

const sourceStep = {
  nodeId: "source",
  nodeType: "source",
  label: "Source",
  summary: "accepted",
  result: "accepted",
  detail: { channel: "web_form", channels: [] },
};

export interface CraftedDecision {
  at: Date;
  flowId: string;
  versionId: string;
  repId?: string | null;
  poolId?: string | null;
  queue?: string | null;
  fallback?: boolean;
  latencyMs: number;
  /** Branch steps taken, as [node label, case label or null for else]. */
  branches?: Array<[string, string | null]>;
  explanation?: string[];
  /** Seconds after the lead's creation. */
  contactedAfter?: number;
  won?: { after: number; value: number };
  lost?: boolean;
  /**
   * "stored" (default) records the branch path as routing does (branch_paths + branch_path_id);
   * "trace-only" leaves branch_path_id null, like decisions written before that column existed.
   */
  branchPath?: "stored" | "trace-only";
}

/** Inserts a lead, its decision and its outcomes exactly as given; returns the lead id. */
export async function insertDecision(db: Db, workspaceId: string, d: CraftedDecision): Promise<string> {
  const [lead] = await db
    .insert(leads)
    .values({
      workspaceId,
      flowId: d.flowId,
      payload: { email: `lead-${crypto.randomUUID().slice(0, 8)}@example.test` },
      assignedRepId: d.repId ?? null,
      queue: d.queue ?? null,
      createdAt: d.at,
    })
    .returning({ id: leads.id });
  if (!lead) throw new Error("insert returned no row");
  const trace = [sourceStep, ...(d.branches ?? []).map(([label, caseLabel]) => branchStep(label, caseLabel))];
  let branchPathId: string | null = null;
  if (d.branchPath !== "trace-only") {
    const path = branchPathOf(workspaceId, trace as TraceStep[]);
    await insertBranchPath(db, workspaceId, path);
    branchPathId = path.id;
  }
  await db.insert(decisions).values({
    workspaceId,
    leadId: lead.id,
    flowId: d.flowId,
    versionId: d.versionId,
    outcome: d.repId ? { kind: "pool", poolId: d.poolId } : { kind: "queue", queue: d.queue ?? "Unassigned" },
    repId: d.repId ?? null,
    poolId: d.poolId ?? null,
    trace,
    branchPathId,
    explanation: d.explanation ?? [],
    fallback: d.fallback ?? false,
    latencyMs: d.latencyMs,
    createdAt: d.at,
  });
  const outcomes: Array<typeof leadOutcomes.$inferInsert> = [];
  const after = (seconds: number) => new Date(d.at.getTime() + seconds * 1000);
  if (d.contactedAfter !== undefined)
    outcomes.push({ workspaceId, leadId: lead.id, kind: "contacted", occurredAt: after(d.contactedAfter) });
  if (d.won)
    outcomes.push({
      workspaceId,
      leadId: lead.id,
      kind: "won",
      occurredAt: after(d.won.after),
      value: d.won.value,
    });
  if (d.lost) outcomes.push({ workspaceId, leadId: lead.id, kind: "lost", occurredAt: after(3600) });
  if (outcomes.length > 0) await db.insert(leadOutcomes).values(outcomes);
  return lead.id;
}

export async function createRep(
  db: Db,
  workspaceId: string,
  rep: {
    name: string;
    capacity?: number | null;
    openLeads?: number;
    status?: "active" | "away" | "inactive";
  },
): Promise<string> {
  const [row] = await db
    .insert(reps)
    .values({
      workspaceId,
      name: rep.name,
      email: `${rep.name.toLowerCase().replaceAll(" ", ".")}-${crypto.randomUUID().slice(0, 6)}@example.test`,
      capacity: rep.capacity ?? null,
      openLeads: rep.openLeads ?? 0,
      status: rep.status ?? "active",
    })
    .returning({ id: reps.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function createPool(
  db: Db,
  workspaceId: string,
  name: string,
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded",
  members: Array<{ repId: string; weight: number }>,
): Promise<string> {
  const [row] = await db.insert(pools).values({ workspaceId, name, strategy }).returning({ id: pools.id });
  if (!row) throw new Error("insert returned no row");
  await db
    .insert(poolMembers)
    .values(members.map((m, position) => ({ poolId: row.id, repId: m.repId, weight: m.weight, position })));
  return row.id;
}

/** A published flow (starter graph) and its version id. */
export async function createPublishedFlow(
  db: Db,
  workspaceId: string,
  userId: string,
  name: string,
): Promise<{ flowId: string; versionId: string }> {
  const flow = await createFlow(db, workspaceId, { name });
  const version = await publishFlow(db, workspaceId, userId, { id: flow.id, message: "v1" });
  return { flowId: flow.id, versionId: version.id };
}

export async function setOpenLeads(db: Db, repId: string, openLeads: number): Promise<void> {
  await db.update(reps).set({ openLeads }).where(eq(reps.id, repId));
}
