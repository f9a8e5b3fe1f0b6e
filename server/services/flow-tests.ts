import { and, desc, eq } from "drizzle-orm";
import { leads, reps } from "@/drizzle/schema";
import type { ValidationIssue } from "@/engine";
import type { Executor } from "@/server/db/client";
import { runTestCases, type TestCaseResult } from "@/server/services/flow-test-cases";
import { type DraftCheck, dryRun, prepareDraft, type TestRunResult } from "@/server/services/flow-test-run";
import { getFlow, validationContext } from "@/server/services/flows";
import { checkLead } from "@/server/services/lead-input";

// What the editor's test-run panel calls: the draft (or the unsaved graph sent along) is validated
// with the workspace's pools and reps, then run without changing anything.

async function checkDraft(
  db: Executor,
  workspaceId: string,
  flowId: string,
  graph: unknown | undefined,
): Promise<DraftCheck> {
  const [flow, context] = await Promise.all([
    getFlow(db, workspaceId, flowId),
    validationContext(db, workspaceId),
  ]);
  return prepareDraft(graph ?? flow.draft, context);
}

/** A dry run of one lead: where it would go now, why, and what the canvas should light up. */
export async function runTestLead(
  db: Executor,
  workspaceId: string,
  input: { flowId: string; graph?: unknown; lead: unknown },
): Promise<TestRunResult> {
  const { lead } = checkLead(input.lead);
  const draft = await checkDraft(db, workspaceId, input.flowId, input.graph);
  if (!draft.ok) return { ok: false, issues: draft.issues };
  return dryRun(db, workspaceId, draft, lead);
}

export type RunAllResult =
  | { ok: true; results: TestCaseResult[]; passed: number; failed: number }
  | { ok: false; issues: ValidationIssue[] };

/** Every saved test case of the flow against the draft (or the unsaved graph). */
export async function runAllTestCases(
  db: Executor,
  workspaceId: string,
  input: { flowId: string; graph?: unknown },
): Promise<RunAllResult> {
  const draft = await checkDraft(db, workspaceId, input.flowId, input.graph);
  if (!draft.ok) return { ok: false, issues: draft.issues };
  const results = await runTestCases(db, workspaceId, input.flowId, draft);
  const passed = results.filter((r) => r.pass).length;
  return { ok: true, results, passed, failed: results.length - passed };
}

/** Recent real leads routed through the flow, newest first, to replay in a test run. */
export async function recentLeads(
  db: Executor,
  workspaceId: string,
  input: { flowId: string; limit: number },
) {
  await getFlow(db, workspaceId, input.flowId);
  const rows = await db
    .select({
      id: leads.id,
      createdAt: leads.createdAt,
      payload: leads.payload,
      queue: leads.queue,
      assigneeName: reps.name,
    })
    .from(leads)
    .leftJoin(reps, eq(reps.id, leads.assignedRepId))
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.flowId, input.flowId)))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(input.limit);
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    payload: isRecord(row.payload) ? row.payload : {},
    /** The rep it went to, else its queue; null when it was rejected. */
    assigneeName: row.assigneeName ?? (row.queue ? `${row.queue} queue` : null),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
