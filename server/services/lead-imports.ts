import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { flows, leadImportRows, leadImports, users } from "@/drizzle/schema";
import type { Db, Executor } from "@/server/db/client";
import { preparedVersion } from "@/server/services/compiled-cache";
import { parseCsv } from "@/server/services/csv";
import {
  type CsvMapping,
  describeProblem,
  headerOf,
  type MappableField,
  mapRow,
  previewCsv,
  resolveMapping,
} from "@/server/services/csv-leads";
import { ServiceError } from "@/server/services/errors";
import { activeArms, getFlow } from "@/server/services/flows";
import { requestImportRun } from "@/server/services/lead-import-queue";
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type StartImportInput,
} from "@/server/services/lead-import-schemas";

// CSV import of leads to route in bulk. `startImport` checks the file and the mapping, maps every row
// and stores them all (unmappable rows already `failed`, with a reason naming the row and column) in
// one transaction, then queues a `lead-import` job: once it returns, nothing accepted can be lost.
// The job (lead-import-runner.ts) routes the pending rows; this module reads and cancels imports.

/** Rows inserted per statement (5 parameters each, far below PostgreSQL's 65,535). */
const INSERT_BATCH = 1_000;

/** The lead fields an import can fill: email (required), the source channel and the live fields. */
export async function importableFields(db: Executor, workspaceId: string, flowId: string) {
  const flow = await getFlow(db, workspaceId, flowId);
  const arms = await activeArms(db, flow.id);
  if (flow.archivedAt || arms.length === 0) {
    throw new ServiceError(
      "CONFLICT",
      `flowId: the flow has no live version${flow.archivedAt ? " (it is archived)" : ""}; publish it first`,
    );
  }
  const fields: MappableField[] = [
    { name: "email", type: "string", label: "Email", required: true, format: "email" },
    { name: "source", type: "string", label: "Source channel" },
  ];
  // An A/B split may run versions with different fields: offer every field any live arm reads.
  for (const arm of arms) {
    const prepared = await preparedVersion(db, arm.versionId);
    for (const field of prepared.compiled.fields) {
      if (!fields.some((f) => f.name === field.name)) fields.push({ name: field.name, type: field.type });
    }
  }
  return { flow, fields };
}

/** Header, sample rows and a suggested mapping for the import's mapping step (replay's preview). */
export async function previewImport(
  db: Executor,
  workspaceId: string,
  input: { flowId: string; csv: string },
) {
  const { fields } = await importableFields(db, workspaceId, input.flowId);
  return { ...previewCsv(input.csv, fields), fields };
}

type PreparedRow = { rowNumber: number; lead: Record<string, unknown> | null; error: string | null };

/** Every data row of the file, mapped; throws BAD_REQUEST naming the field for a file it refuses. */
function prepareRows(csv: string, fields: readonly MappableField[], mapping: CsvMapping): PreparedRow[] {
  const bytes = Buffer.byteLength(csv, "utf8");
  if (bytes > MAX_IMPORT_BYTES)
    throw new ServiceError("BAD_REQUEST", `csv: is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 10 MB`);
  const { records, problems } = parseCsv(csv, MAX_IMPORT_ROWS + 2);
  const [problem] = problems;
  // An unclosed quote swallows the rest of the file: refuse it rather than drop rows silently.
  if (problem) throw new ServiceError("BAD_REQUEST", `csv: line ${problem.line}: ${problem.reason}`);
  const [headerRecord, ...rows] = records;
  const header = headerOf(headerRecord);
  if (!header) throw new ServiceError("BAD_REQUEST", "csv: the file has no header row");
  if (rows.length === 0) throw new ServiceError("BAD_REQUEST", "csv: has no rows under the header");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ServiceError(
      "BAD_REQUEST",
      `csv: has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows; split the file`,
    );
  let columns: ReturnType<typeof resolveMapping>;
  try {
    columns = resolveMapping(header, fields, mapping);
  } catch (error) {
    throw new ServiceError("BAD_REQUEST", error instanceof Error ? error.message : String(error));
  }
  return rows.map((row, index) => {
    const rowNumber = index + 1;
    const mapped = mapRow(row.cells, header.length, columns);
    if (mapped.ok) return { rowNumber, lead: mapped.lead, error: null };
    const reason = describeProblem(mapped.problem, (cell) => `column "${cell.column}"`);
    return { rowNumber, lead: null, error: `row ${rowNumber}: ${reason}` };
  });
}

/**
 * Validates the flow, the file and the mapping, stores the import with all its rows in one
 * transaction and queues the job that routes them. Returns at once.
 */
export async function startImport(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: StartImportInput,
): Promise<{ id: string; total: number; failed: number }> {
  const { flow, fields } = await importableFields(db, workspaceId, input.flowId);
  const rows = prepareRows(input.csv, fields, input.mapping);
  const failed = rows.filter((row) => row.error !== null).length;
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(leadImports)
      .values({
        workspaceId,
        flowId: flow.id,
        fileName: input.fileName,
        mapping: input.mapping,
        // Nothing left to route: the import is finished already.
        status: failed === rows.length ? "done" : "queued",
        finishedAt: failed === rows.length ? new Date() : null,
        total: rows.length,
        processed: failed,
        failed,
        createdBy: userId,
      })
      .returning({ id: leadImports.id });
    if (!created) throw new Error("insert returned no row");
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      await tx.insert(leadImportRows).values(
        rows.slice(start, start + INSERT_BATCH).map((row) => ({
          importId: created.id,
          rowNumber: row.rowNumber,
          lead: row.lead,
          status: row.error === null ? ("pending" as const) : ("failed" as const),
          error: row.error,
        })),
      );
    }
    return created.id;
  });
  if (failed < rows.length) await requestImportRun(id, failed);
  return { id, total: rows.length, failed };
}

const importColumns = {
  id: leadImports.id,
  flowId: leadImports.flowId,
  flowName: flows.name,
  fileName: leadImports.fileName,
  mapping: leadImports.mapping,
  status: leadImports.status,
  total: leadImports.total,
  processed: leadImports.processed,
  routed: leadImports.routed,
  failed: leadImports.failed,
  error: leadImports.error,
  createdByName: users.name,
  createdAt: leadImports.createdAt,
  finishedAt: leadImports.finishedAt,
};

function selectImports(db: Executor) {
  return db
    .select(importColumns)
    .from(leadImports)
    .innerJoin(flows, eq(flows.id, leadImports.flowId))
    .leftJoin(users, eq(users.id, leadImports.createdBy));
}

type ImportRow = Awaited<ReturnType<ReturnType<typeof selectImports>["execute"]>>[number];

function toView(row: ImportRow) {
  return {
    ...row,
    mapping: row.mapping as CsvMapping,
    /** Rows still waiting to be routed. */
    pending: row.total - row.processed,
    /** 0–1: processed rows over all rows. */
    progress: row.total === 0 ? 1 : row.processed / row.total,
  };
}
export type LeadImportView = ReturnType<typeof toView>;

export async function getImport(db: Executor, workspaceId: string, id: string): Promise<LeadImportView> {
  const [row] = await selectImports(db).where(
    and(eq(leadImports.workspaceId, workspaceId), eq(leadImports.id, id)),
  );
  if (!row) throw new ServiceError("NOT_FOUND", "id: no import with this id in your workspace");
  return toView(row);
}

/** The 50 latest imports, newest first, optionally of one flow. */
export async function listImports(db: Executor, workspaceId: string, flowId?: string) {
  const rows = await selectImports(db)
    .where(
      and(
        eq(leadImports.workspaceId, workspaceId),
        flowId === undefined ? undefined : eq(leadImports.flowId, flowId),
      ),
    )
    .orderBy(desc(leadImports.createdAt), desc(leadImports.id))
    .limit(50);
  return rows.map(toView);
}

/** One page of an import's rows in row order: status, the routed lead or the reason it failed. */
export async function listImportRows(
  db: Executor,
  workspaceId: string,
  input: {
    id: string;
    status?: "pending" | "routed" | "failed" | undefined;
    cursor?: number | undefined;
    limit: number;
  },
) {
  await getImport(db, workspaceId, input.id);
  const items = await db
    .select({
      rowNumber: leadImportRows.rowNumber,
      status: leadImportRows.status,
      error: leadImportRows.error,
      leadId: leadImportRows.leadId,
    })
    .from(leadImportRows)
    .where(
      and(
        eq(leadImportRows.importId, input.id),
        input.status === undefined ? undefined : eq(leadImportRows.status, input.status),
        input.cursor === undefined ? undefined : gt(leadImportRows.rowNumber, input.cursor),
      ),
    )
    .orderBy(asc(leadImportRows.rowNumber))
    .limit(input.limit + 1);
  const page = items.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > input.limit && last ? last.rowNumber : null };
}

/** Stops routing further rows; rows routed so far stay routed. Cancelling twice is harmless. */
export async function cancelImport(db: Executor, workspaceId: string, id: string): Promise<LeadImportView> {
  const current = await getImport(db, workspaceId, id);
  if (current.status === "done" || current.status === "failed")
    throw new ServiceError(
      "CONFLICT",
      `id: the import has already ${current.status === "done" ? "finished" : "failed"}`,
    );
  await db
    .update(leadImports)
    .set({ status: "cancelled", finishedAt: sql`coalesce(${leadImports.finishedAt}, now())` })
    .where(and(eq(leadImports.id, id), inArray(leadImports.status, ["queued", "running", "cancelled"])));
  return getImport(db, workspaceId, id);
}

/** RFC 4180 quoting: quote when a value holds a comma, quote or line break. */
function csvCell(value: unknown): string {
  const text = Array.isArray(value)
    ? value.join(";")
    : value === null || value === undefined
      ? ""
      : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The failed rows as CSV: row number, reason, then the mapped columns under their file headers
 * (empty for rows that could not be mapped: the import keeps mapped leads, not the raw cells).
 */
export async function failedRowsCsv(db: Executor, workspaceId: string, id: string) {
  const view = await getImport(db, workspaceId, id);
  // Email first, then the other mapped fields by name (jsonb keeps no key order).
  const mapped = Object.entries(view.mapping)
    .filter(([, column]) => column !== "")
    .sort(([a], [b]) => (a === "email" ? -1 : b === "email" ? 1 : a.localeCompare(b)));
  const rows = await db
    .select({ rowNumber: leadImportRows.rowNumber, error: leadImportRows.error, lead: leadImportRows.lead })
    .from(leadImportRows)
    .where(and(eq(leadImportRows.importId, id), eq(leadImportRows.status, "failed")))
    .orderBy(asc(leadImportRows.rowNumber));
  const lines = [["row", "error", ...mapped.map(([, column]) => column)].map(csvCell).join(",")];
  for (const row of rows) {
    const lead = (row.lead ?? {}) as Record<string, unknown>;
    lines.push([row.rowNumber, row.error, ...mapped.map(([field]) => lead[field])].map(csvCell).join(","));
  }
  const base = view.fileName.replace(/\.csv$/i, "");
  return { fileName: `${base}-failed-rows.csv`, csv: `${lines.join("\r\n")}\r\n`, count: rows.length };
}
