import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { decisions, flows, flowVersions, leads, pools, reps } from "@/drizzle/schema";
import type { Db, Executor } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import { insertOutboxEvent } from "@/server/services/webhooks/outbox";
import { signalOutbox } from "@/server/services/webhooks/outbox-signal";

export interface LeadFilters {
  flowId?: string | undefined;
  repId?: string | undefined;
  band?: "hot" | "warm" | "cold" | undefined;
  status?: "open" | "closed" | "reassigned" | undefined;
  outcome?: "rep" | "queue" | "rejected" | undefined;
  fallback?: boolean | undefined;
  search?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset cursor: the id of the last lead of the previous page. */
  cursor?: string | null | undefined;
  limit: number;
}

/** The decision log: newest first, filtered, one page at a time. */
export async function listLeads(db: Executor, workspaceId: string, filters: LeadFilters) {
  const where: SQL[] = [eq(leads.workspaceId, workspaceId)];
  if (filters.flowId) where.push(eq(leads.flowId, filters.flowId));
  if (filters.repId) where.push(eq(leads.assignedRepId, filters.repId));
  if (filters.status) where.push(eq(leads.status, filters.status));
  if (filters.band) where.push(eq(decisions.band, filters.band));
  if (filters.fallback !== undefined) where.push(eq(decisions.fallback, filters.fallback));
  if (filters.outcome === "rep") where.push(sql`${decisions.repId} is not null`);
  if (filters.outcome === "queue") where.push(sql`${leads.queue} is not null`);
  if (filters.outcome === "rejected") where.push(sql`${decisions.outcome}->>'kind' = 'rejected'`);
  if (filters.from) where.push(gte(leads.createdAt, filters.from));
  if (filters.to) where.push(lt(leads.createdAt, filters.to));
  if (filters.cursor) {
    // Row comparison on (created_at, id) at full timestamp precision, so equal times never drop a row.
    where.push(
      sql`(${leads.createdAt}, ${leads.id}) < (select l.created_at, l.id from leads l where l.id = ${filters.cursor})`,
    );
  }
  if (filters.search) {
    const needle = `%${filters.search.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}%`;
    where.push(sql`(${leads.payload}::text ilike ${needle} or ${reps.name} ilike ${needle})`);
  }
  const rows = await db
    .select({
      id: leads.id,
      createdAt: leads.createdAt,
      status: leads.status,
      payload: leads.payload,
      queue: leads.queue,
      flowId: leads.flowId,
      flowName: flows.name,
      versionId: decisions.versionId,
      versionNumber: flowVersions.number,
      repId: reps.id,
      repName: reps.name,
      poolName: pools.name,
      score: decisions.score,
      band: decisions.band,
      fallback: decisions.fallback,
      outcomeKind: sql<string>`${decisions.outcome}->>'kind'`,
      latencyMs: decisions.latencyMs,
    })
    .from(leads)
    .innerJoin(decisions, eq(decisions.leadId, leads.id))
    .leftJoin(flows, eq(flows.id, leads.flowId))
    .leftJoin(flowVersions, eq(flowVersions.id, decisions.versionId))
    .leftJoin(reps, eq(reps.id, leads.assignedRepId))
    .leftJoin(pools, eq(pools.id, decisions.poolId))
    .where(and(...where))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  return {
    items: page.map(({ payload, ...row }) => ({ ...row, summary: summarizeLead(payload) })),
    nextCursor: rows.length > filters.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** A short label for a lead in lists: name, email or company, whichever it has. */
function summarizeLead(payload: unknown): string {
  if (typeof payload !== "object" || payload === null) return "Lead";
  const record = payload as Record<string, unknown>;
  const pick = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : null);
  return pick("name") ?? pick("email") ?? pick("company") ?? "Lead";
}

export async function getLead(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select({
      lead: leads,
      decision: decisions,
      flowName: flows.name,
      versionNumber: flowVersions.number,
      repName: reps.name,
      poolName: pools.name,
    })
    .from(leads)
    .innerJoin(decisions, eq(decisions.leadId, leads.id))
    .leftJoin(flows, eq(flows.id, leads.flowId))
    .leftJoin(flowVersions, eq(flowVersions.id, decisions.versionId))
    .leftJoin(reps, eq(reps.id, leads.assignedRepId))
    .leftJoin(pools, eq(pools.id, decisions.poolId))
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)));
  if (!row) throw new ServiceError("NOT_FOUND", "id: no lead with this id in your workspace");
  return row;
}

/**
 * Closes a lead, or hands it to another rep. Either way the previous owner's open-lead count drops,
 * freeing capacity; the new owner's rises. Closing twice is a no-op.
 */
export async function updateLeadStatus(
  db: Db,
  workspaceId: string,
  input: { id: string; status: "closed" | "reassigned"; repId?: string | undefined },
) {
  const result = await db.transaction(async (tx) => {
    const [lead] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, input.id)))
      .for("update");
    if (!lead) throw new ServiceError("NOT_FOUND", "id: no lead with this id in your workspace");
    if (input.status === "closed" && lead.status === "closed") return { lead, reassigned: false };
    if (lead.status === "closed") throw new ServiceError("CONFLICT", "status: the lead is closed already");
    let newRepId = lead.assignedRepId;
    const repRef = { id: reps.id, name: reps.name, email: reps.email };
    let to: { id: string; name: string; email: string } | undefined;
    if (input.status === "reassigned") {
      if (!input.repId) throw new ServiceError("BAD_REQUEST", "repId: is required to reassign a lead");
      [to] = await tx
        .update(reps)
        .set({ openLeads: sql`${reps.openLeads} + 1` })
        .where(and(eq(reps.workspaceId, workspaceId), eq(reps.id, input.repId)))
        .returning(repRef);
      if (!to) throw new ServiceError("BAD_REQUEST", "repId: no rep with this id in your workspace");
      newRepId = to.id;
    }
    let from: { id: string; name: string; email: string } | null = null;
    if (lead.assignedRepId) {
      [from = null] = await tx
        .update(reps)
        .set({ openLeads: sql`greatest(${reps.openLeads} - 1, 0)` })
        .where(eq(reps.id, lead.assignedRepId))
        .returning(repRef);
    }
    if (to) {
      await insertOutboxEvent(tx, workspaceId, "lead.reassigned", {
        leadId: lead.id,
        from,
        to,
        reassignedAt: new Date().toISOString(),
      });
    }
    const [updated] = await tx
      .update(leads)
      .set(
        input.status === "closed"
          ? { status: "closed", closedAt: new Date() }
          : { status: "open", assignedRepId: newRepId, queue: null },
      )
      .where(eq(leads.id, lead.id))
      .returning();
    if (!updated) throw new Error("update returned no row");
    return { lead: updated, reassigned: to !== undefined };
  });
  if (result.reassigned) signalOutbox();
  return result.lead;
}
