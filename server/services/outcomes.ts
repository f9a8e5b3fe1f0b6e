import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { leadOutcomes, leads } from "@/drizzle/schema";
import type { Db, Executor } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import { insertOutboxEvent } from "@/server/services/webhooks/outbox";
import { signalOutbox } from "@/server/services/webhooks/outbox-signal";

export const OUTCOME_KINDS = ["contacted", "meeting_booked", "qualified", "won", "lost"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** How far in the future a reported time may be: the CRM's clock may run a little ahead of ours. */
export const OUTCOME_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The report itself, shared by the HTTP body and the tRPC input. */
export const outcomeReportFields = z.object({
  kind: z.enum(OUTCOME_KINDS, "must be one of contacted, meeting_booked, qualified, won, lost"),
  occurredAt: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-01-31T09:30:00Z" })
    .optional(),
  value: z
    .number("must be a number")
    .finite("must be a finite number")
    .min(0, "must be 0 or more")
    .max(1e12, "must be at most 1e12")
    .optional(),
});
export type OutcomeReport = z.output<typeof outcomeReportFields>;

export const reportOutcomeInput = outcomeReportFields.extend({ leadId: z.uuid("must be a valid id") });
export const leadIdInput = z.object({ leadId: z.uuid("must be a valid id") });

export type LeadOutcome = typeof leadOutcomes.$inferSelect;

export interface ReportResult {
  outcome: LeadOutcome;
  /** True when this kind was reported before: the stored outcome is returned and nothing changes. */
  replayed: boolean;
}

async function findLead(db: Executor, workspaceId: string, leadId: string) {
  const [lead] = await db
    .select({ id: leads.id, createdAt: leads.createdAt, assignedRepId: leads.assignedRepId })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)));
  if (!lead) throw new ServiceError("NOT_FOUND", "leadId: no lead with this id in your workspace");
  return lead;
}

function checkReport(report: OutcomeReport, leadCreatedAt: Date, now: Date): Date {
  if (report.value !== undefined && report.kind !== "won")
    throw new ServiceError("BAD_REQUEST", "value: is only allowed with kind 'won'");
  if (report.occurredAt === undefined) return now;
  const occurredAt = new Date(report.occurredAt);
  if (occurredAt.getTime() < leadCreatedAt.getTime()) {
    throw new ServiceError(
      "BAD_REQUEST",
      `occurredAt: is before the lead was created (${leadCreatedAt.toISOString()})`,
    );
  }
  if (occurredAt.getTime() > now.getTime() + OUTCOME_CLOCK_SKEW_MS)
    throw new ServiceError("BAD_REQUEST", "occurredAt: is in the future");
  return occurredAt;
}

/** A repeat must describe the same event; fields it leaves out never conflict. */
function conflictWith(existing: LeadOutcome, report: OutcomeReport): string | null {
  if (report.occurredAt !== undefined) {
    const sent = new Date(report.occurredAt).getTime();
    if (sent !== existing.occurredAt.getTime())
      return `occurredAt: '${report.kind}' was already reported at ${existing.occurredAt.toISOString()}; outcomes are not changed once reported`;
  }
  if (report.value !== undefined && report.value !== existing.value)
    return `value: 'won' was already reported with value ${existing.value ?? "none"}; outcomes are not changed once reported`;
  return null;
}

/**
 * Records what happened to a lead. One outcome per kind: reporting a kind again returns the stored
 * outcome (replayed) when it agrees, and CONFLICT when it names another time or value. "won" and
 * "lost" exclude each other. The insert decides races: concurrent reports of one kind store one row.
 */
export async function reportOutcome(
  db: Db,
  workspaceId: string,
  leadId: string,
  report: OutcomeReport,
  now = new Date(),
): Promise<ReportResult> {
  const lead = await findLead(db, workspaceId, leadId);
  const occurredAt = checkReport(report, lead.createdAt, now);
  const result = await db.transaction(async (tx): Promise<ReportResult> => {
    const [inserted] = await tx
      .insert(leadOutcomes)
      .values({ workspaceId, leadId, kind: report.kind, occurredAt, value: report.value ?? null })
      .onConflictDoNothing({ target: [leadOutcomes.leadId, leadOutcomes.kind] })
      .returning();
    const stored = await tx
      .select()
      .from(leadOutcomes)
      .where(eq(leadOutcomes.leadId, leadId))
      .orderBy(asc(leadOutcomes.occurredAt));
    if (inserted) {
      const opposite = report.kind === "won" ? "lost" : report.kind === "lost" ? "won" : null;
      if (opposite && stored.some((o) => o.kind === opposite)) {
        // Throwing rolls the insert back.
        throw new ServiceError("CONFLICT", `kind: the lead is already reported as '${opposite}'`);
      }
      // Only a new report is an event; an idempotent repeat changes nothing and sends nothing.
      await insertOutboxEvent(tx, workspaceId, "lead.outcome", {
        leadId,
        kind: inserted.kind,
        occurredAt: inserted.occurredAt.toISOString(),
        value: inserted.value,
        repId: lead.assignedRepId,
      });
      return { outcome: inserted, replayed: false };
    }
    const existing = stored.find((o) => o.kind === report.kind);
    if (!existing) throw new Error("outcome vanished after a conflicting insert");
    const conflict = conflictWith(existing, report);
    if (conflict) throw new ServiceError("CONFLICT", conflict);
    return { outcome: existing, replayed: true };
  });
  if (!result.replayed) signalOutbox();
  return result;
}

export async function listOutcomes(db: Executor, workspaceId: string, leadId: string) {
  await findLead(db, workspaceId, leadId);
  return db
    .select()
    .from(leadOutcomes)
    .where(and(eq(leadOutcomes.workspaceId, workspaceId), eq(leadOutcomes.leadId, leadId)))
    .orderBy(asc(leadOutcomes.occurredAt), asc(leadOutcomes.createdAt));
}

/** The JSON shape the API answers with. */
export function outcomeJson(outcome: LeadOutcome) {
  return {
    id: outcome.id,
    leadId: outcome.leadId,
    kind: outcome.kind,
    occurredAt: outcome.occurredAt.toISOString(),
    value: outcome.value,
    createdAt: outcome.createdAt.toISOString(),
  };
}
