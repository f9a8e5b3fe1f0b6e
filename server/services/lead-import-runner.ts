import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { leadImportRows, leadImports } from "@/drizzle/schema";
import { type Db, queryRows } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import { routeOne } from "@/server/services/routing";

// Routes the pending rows of one import, a slice at a time (one `lead-import` job each; see
// lead-import-worker.ts). Every row is routed with the idempotency key `import:<importId>:<rowNumber>`,
// so a row routed before a crash but not yet recorded gets the stored answer when it is routed again,
// never a second lead. A row's status moves from `pending` once (a conditional UPDATE), and the counters
// grow by the rows that moved, so a job run twice counts nothing twice.

export interface SliceOptions {
  /** Rows routed between progress writes and cancel checks. */
  chunkSize: number;
  /** Rows one job routes before it hands over to the next job (imports take turns in the queue). */
  sliceRows: number;
  /** …or seconds, whichever comes first: a job stays far below its expiry (5 min) on a slow machine. */
  sliceSeconds?: number;
}

export const DEFAULT_SLICE: SliceOptions = { chunkSize: 100, sliceRows: 2_000, sliceSeconds: 60 };

/** Test hook: runs after each chunk is recorded. */
export const importRunnerHooks: {
  afterChunk: ((importId: string, processed: number) => Promise<void>) | null;
} = {
  afterChunk: null,
};

export type SliceResult = { kind: "more"; processed: number } | { kind: "finished" };

type RowOutcome = {
  rowNumber: number;
  status: "routed" | "failed";
  leadId: string | null;
  error: string | null;
};

export function importIdempotencyKey(importId: string, rowNumber: number): string {
  return `import:${importId}:${rowNumber}`;
}

async function routeRow(
  db: Db,
  target: { workspaceId: string; flowId: string; importId: string },
  row: { rowNumber: number; lead: unknown },
): Promise<RowOutcome> {
  try {
    const { response } = await routeOne(db, {
      workspaceId: target.workspaceId,
      flowId: target.flowId,
      lead: row.lead,
      idempotencyKey: importIdempotencyKey(target.importId, row.rowNumber),
    });
    return { rowNumber: row.rowNumber, status: "routed", leadId: response.leadId, error: null };
  } catch (error) {
    // The routing service's expected failures belong to the row; anything else (the database is
    // gone…) fails the job, which pg-boss retries: the row is still pending then.
    if (!(error instanceof ServiceError)) throw error;
    return {
      rowNumber: row.rowNumber,
      status: "failed",
      leadId: null,
      error: `row ${row.rowNumber}: ${error.message}`,
    };
  }
}

/** Records a chunk's outcomes and grows the counters by the rows that really left `pending`. */
async function recordChunk(db: Db, importId: string, outcomes: RowOutcome[]): Promise<number> {
  return db.transaction(async (tx) => {
    const values = sql.join(
      outcomes.map(
        (o) =>
          sql`(${o.rowNumber}::int, ${o.status}::lead_import_row_status, ${o.leadId}::uuid, ${o.error}::text)`,
      ),
      sql`, `,
    );
    const statuses = await queryRows<{ status: string }>(
      tx,
      sql`
      update lead_import_rows r
         set status = v.status, lead_id = v.lead_id, error = v.error
        from (values ${values}) as v(row_number, status, lead_id, error)
       where r.import_id = ${importId} and r.row_number = v.row_number and r.status = 'pending'
      returning r.status`,
    );
    const routed = statuses.filter((s) => s.status === "routed").length;
    const failed = statuses.length - routed;
    const [counters] = await tx
      .update(leadImports)
      .set({
        processed: sql`${leadImports.processed} + ${statuses.length}`,
        routed: sql`${leadImports.routed} + ${routed}`,
        failed: sql`${leadImports.failed} + ${failed}`,
      })
      .where(eq(leadImports.id, importId))
      .returning({ processed: leadImports.processed });
    return counters?.processed ?? 0;
  });
}

async function statusOf(db: Db, importId: string) {
  const [row] = await db
    .select({ status: leadImports.status })
    .from(leadImports)
    .where(eq(leadImports.id, importId));
  return row?.status ?? null;
}

/**
 * Routes up to `sliceRows` pending rows of the import. "finished" when nothing is left to do (done,
 * cancelled, failed or gone); "more" with the processed count when the next job should continue.
 */
export async function runImportSlice(
  db: Db,
  importId: string,
  options: SliceOptions = DEFAULT_SLICE,
): Promise<SliceResult> {
  const [claimed] = await db
    .update(leadImports)
    .set({ status: "running" })
    .where(and(eq(leadImports.id, importId), inArray(leadImports.status, ["queued", "running"])))
    .returning({ workspaceId: leadImports.workspaceId, flowId: leadImports.flowId });
  if (!claimed) return { kind: "finished" };
  const target = { ...claimed, importId };
  const deadline = performance.now() + (options.sliceSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  let routedInSlice = 0;
  let processed = 0;
  while (routedInSlice < options.sliceRows && performance.now() < deadline) {
    // Cancel is honoured between chunks.
    if ((await statusOf(db, importId)) !== "running") return { kind: "finished" };
    const rows = await db
      .select({ rowNumber: leadImportRows.rowNumber, lead: leadImportRows.lead })
      .from(leadImportRows)
      .where(and(eq(leadImportRows.importId, importId), eq(leadImportRows.status, "pending")))
      .orderBy(asc(leadImportRows.rowNumber))
      .limit(Math.min(options.chunkSize, options.sliceRows - routedInSlice));
    if (rows.length === 0) {
      await db
        .update(leadImports)
        .set({ status: "done", finishedAt: new Date() })
        .where(and(eq(leadImports.id, importId), eq(leadImports.status, "running")));
      return { kind: "finished" };
    }
    const outcomes: RowOutcome[] = [];
    // Sequential: one import never holds more than one pool lock at a time, so live routing and other
    // imports keep their turn.
    for (const row of rows) outcomes.push(await routeRow(db, target, row));
    processed = await recordChunk(db, importId, outcomes);
    routedInSlice += rows.length;
    await importRunnerHooks.afterChunk?.(importId, processed);
  }
  return { kind: "more", processed };
}

/** Marks an import failed (its job gave up after its retries); pending rows stay pending. */
export async function failImport(db: Db, importId: string, message: string): Promise<void> {
  await db
    .update(leadImports)
    .set({ status: "failed", error: message.slice(0, 2000), finishedAt: new Date() })
    .where(and(eq(leadImports.id, importId), inArray(leadImports.status, ["queued", "running"])));
}
