import { randomBytes } from "node:crypto";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { leadImportRows, leadImports, leads } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { type JobQueue, startJobQueue } from "@/server/queue/job-queue";
import { requestImportRun } from "@/server/services/lead-import-queue";
import { importRunnerHooks, runImportSlice } from "@/server/services/lead-import-runner";
import { MAX_IMPORT_ROWS } from "@/server/services/lead-import-schemas";
import { leadImportRegistrar } from "@/server/services/lead-import-worker";
import { outcomeOf } from "@/test/helpers/fixtures";
import { openIsolatedDatabase } from "@/test/helpers/isolated-db";
import { createRoutingFixture, type RoutingFixture } from "@/test/helpers/routing";

let isolated: Awaited<ReturnType<typeof openIsolatedDatabase>>;
let database: Database;
const queues: Array<{ queue: JobQueue; schema: string }> = [];

// A database of this file's own: the worker resumes every open import at start, and in the shared
// database that would include the imports other files leave queued (they run no workers).
beforeAll(async () => {
  isolated = await openIsolatedDatabase();
  database = isolated.database;
}, 60_000);

afterEach(async () => {
  importRunnerHooks.afterChunk = null;
  // Each test's workers stop with it, so the next test's jobs meet only its own worker.
  for (const { queue } of queues) await queue.stop();
});

afterAll(async () => {
  for (const { schema } of queues) {
    await database.db.execute(sql.raw(`drop schema if exists "${schema}" cascade`));
  }
  await isolated.dispose();
});

/**
 * A queue with the lead-import worker on a schema of this file's own. Passing the schema of a stopped
 * queue starts "the next process" on the same jobs, as a restart would.
 */
async function startWorker(
  slice: { chunkSize: number; sliceRows: number },
  schema = `pgboss_import_${randomBytes(4).toString("hex")}`,
) {
  const queue = await startJobQueue(database.queueConnection, {
    schema,
    schedule: false,
    pollingIntervalSeconds: 0.5,
  });
  queues.push({ queue, schema });
  await leadImportRegistrar(slice)({ db: database.db, queue });
  return { queue, schema };
}

async function stopWorker(queue: JobQueue) {
  await queue.stop();
}

function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = async () => {
      try {
        const value = await read();
        if (done(value)) return resolve(value);
        if (Date.now() - started > timeoutMs)
          return reject(new Error(`not reached: ${JSON.stringify(value)}`));
        setTimeout(() => void check(), 100);
      } catch (error) {
        reject(error);
      }
    };
    void check();
  });
}

const finished = (fx: RoutingFixture, id: string) =>
  waitFor(
    () => fx.as.viewer.leadImports.get({ id }),
    (view) => view.status !== "queued" && view.status !== "running",
  );

async function leadCount(workspaceId: string): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(leads)
    .where(eq(leads.workspaceId, workspaceId));
  return row?.n ?? 0;
}

function goodRows(n: number): string {
  const lines = ["Email,Country,Employees,Source"];
  for (let i = 1; i <= n; i++) lines.push(`lead${i}@example.test,${i % 2 ? "DE" : "FR"},${i * 10},web_form`);
  return `${lines.join("\n")}\n`;
}

const MAPPING = { email: "Email", country: "Country", company_size: "Employees", source: "Source" };

describe("lead imports", () => {
  it("previews the file: columns, first rows and a suggested mapping; email is required", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const preview = await fx.as.viewer.leadImports.preview({ flowId: fx.flowId, csv: goodRows(8) });
    expect(preview.header).toEqual(["Email", "Country", "Employees", "Source"]);
    expect(preview.rows).toHaveLength(5);
    expect(preview.suggestedMapping).toEqual({ email: "Email", country: "Country", source: "Source" });
    expect(preview.fields.map((f) => f.name)).toEqual([
      "email",
      "source",
      "company_size",
      "country",
      "industry",
    ]);
    expect(preview.fields[0]).toMatchObject({ required: true, format: "email" });
    expect(await fx.as.viewer.leadImports.list({})).toEqual([]);
  });

  it("stores bad rows failed with row and column, routes the rest exactly once and shows them as leads", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1] });
    const csv = [
      "Email,Country,Employees,Source,Notes",
      "ada@example.test,DE,120,web_form,first",
      "not-an-email,DE,10,web_form,bad email",
      "bob@example.test,FR,lots,web_form,bad number",
      ",FR,5,web_form,no email",
      "cy@example.test,FR,7",
      '"dee@example.test",FR,40,chat,"quoted, with comma"',
      "eve@example.test,US,3,api,to the queue",
    ].join("\r\n");
    const started = await fx.as.editor.leadImports.start({
      flowId: fx.flowId,
      fileName: "spring-event.csv",
      csv,
      mapping: MAPPING,
    });
    expect(started).toMatchObject({ total: 7, failed: 4 });
    // Accepted means stored: every row is there before any worker runs.
    const before = await fx.as.viewer.leadImports.get({ id: started.id });
    expect(before).toMatchObject({
      status: "queued",
      total: 7,
      processed: 4,
      failed: 4,
      routed: 0,
      pending: 3,
    });
    const failed = await fx.as.viewer.leadImports.rows({ id: started.id, status: "failed" });
    expect(failed.items.map((r) => [r.rowNumber, r.error])).toEqual([
      [2, 'row 2: column "Email": "not-an-email" is not an email address'],
      [3, 'row 3: column "Employees": "lots" is not a number'],
      [4, 'row 4: column "Email": is required'],
      [5, "row 5: has 3 columns, the header has 5"],
    ]);

    const { queue } = await startWorker({ chunkSize: 2, sliceRows: 2 });
    const done = await finished(fx, started.id);
    expect(done).toMatchObject({ status: "done", total: 7, processed: 7, routed: 3, failed: 4, pending: 0 });
    expect(done.finishedAt).not.toBeNull();

    const routed = await fx.as.viewer.leadImports.rows({ id: started.id, status: "routed" });
    expect(routed.items.map((r) => r.rowNumber)).toEqual([1, 6, 7]);
    const listed = await fx.as.viewer.leads.list({ limit: 50 });
    expect(listed.items.map((l) => l.id).sort()).toEqual(routed.items.map((r) => r.leadId).sort());
    expect(await leadCount(fx.workspaceId)).toBe(3);
    const dee = await fx.as.viewer.leads.get({ id: routed.items[1]?.leadId ?? "" });
    expect(dee.lead.payload).toEqual({
      email: "dee@example.test",
      country: "FR",
      company_size: 40,
      source: "chat",
    });

    // Paging by row number.
    const page1 = await fx.as.viewer.leadImports.rows({ id: started.id, limit: 4 });
    expect(page1.items.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    const page2 = await fx.as.viewer.leadImports.rows({
      id: started.id,
      limit: 4,
      cursor: page1.nextCursor ?? 0,
    });
    expect(page2.items.map((r) => r.rowNumber)).toEqual([5, 6, 7]);
    expect(page2.nextCursor).toBeNull();

    const download = await fx.as.viewer.leadImports.failedRowsCsv({ id: started.id });
    expect(download.fileName).toBe("spring-event-failed-rows.csv");
    expect(download.csv.split("\r\n")).toEqual([
      "row,error,Email,Employees,Country,Source",
      '2,"row 2: column ""Email"": ""not-an-email"" is not an email address",,,,',
      '3,"row 3: column ""Employees"": ""lots"" is not a number",,,,',
      '4,"row 4: column ""Email"": is required",,,,',
      '5,"row 5: has 3 columns, the header has 5",,,,',
      "",
    ]);
    expect((await fx.as.viewer.leadImports.list({ flowId: fx.flowId })).map((i) => i.id)).toEqual([
      started.id,
    ]);
    await stopWorker(queue);
  }, 60_000);

  it("refuses bad files and mappings with BAD_REQUEST naming the field", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const start = (csv: string, mapping: Record<string, string> = { email: "Email" }) =>
      fx.as.editor.leadImports.start({ flowId: fx.flowId, fileName: "x.csv", csv, mapping });
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        return { code: await outcomeOf(Promise.reject(error)), message: (error as Error).message };
      }
      throw new Error("expected a failure");
    };
    await expect(failure(start(goodRows(2), { ...MAPPING, rating: "Employees" }))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: "mapping.rating: the flow has no such lead field",
    });
    await expect(failure(start(goodRows(2), { email: "E-mail" }))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: 'mapping.email: the file has no column "E-mail"',
    });
    await expect(failure(start(goodRows(2), { country: "Country" }))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: "mapping.email: is required; pick the column that holds it",
    });
    await expect(failure(start("Email\n"))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: "csv: has no rows under the header",
    });
    await expect(failure(start('Email\n"open@example.test\n'))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: "csv: line 2: a quoted value is never closed",
    });
    const tooMany = `Email\n${"a@example.test\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    await expect(failure(start(tooMany))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: "csv: has more than 50,000 rows; split the file",
    });
    // 6 M characters of two bytes each: under zod's character limit, over 10 MB of UTF-8.
    const heavy = `Email\n${"é".repeat(6 * 1024 * 1024)}\n`;
    await expect(failure(start(heavy))).resolves.toEqual({
      code: "BAD_REQUEST",
      message: "csv: is 12.0 MB; at most 10 MB",
    });
    const huge = "x".repeat(10 * 1024 * 1024 + 1);
    await expect(failure(start(huge))).resolves.toMatchObject({
      code: "BAD_REQUEST",
      message: "csv: must be at most 10 MB",
    });
    await expect(
      failure(
        fx.as.editor.leadImports.start({
          flowId: crypto.randomUUID(),
          fileName: "x.csv",
          csv: goodRows(1),
          mapping: MAPPING,
        }),
      ),
    ).resolves.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/^flowId: /) });
    const draftOnly = await fx.as.admin.flows.create({ name: "Never published" });
    await expect(
      failure(
        fx.as.editor.leadImports.start({
          flowId: draftOnly.id,
          fileName: "x.csv",
          csv: goodRows(1),
          mapping: MAPPING,
        }),
      ),
    ).resolves.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^flowId: the flow has no live version/),
    });
    expect(await fx.as.viewer.leadImports.list({})).toEqual([]);
  }, 60_000);

  it("a restart mid-import continues with the pending rows: every lead routed exactly once", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1, 1] });
    const first = await startWorker({ chunkSize: 5, sliceRows: 5 });
    let stopping: Promise<void> | null = null;
    importRunnerHooks.afterChunk = async () => {
      // The process shuts down after the first chunk; the slice in flight finishes, the rest waits.
      stopping ??= stopWorker(first.queue);
    };
    const started = await fx.as.editor.leadImports.start({
      flowId: fx.flowId,
      fileName: "big.csv",
      csv: goodRows(30),
      mapping: MAPPING,
    });
    await waitFor(
      async () => stopping,
      (value) => value !== null,
    );
    await stopping;
    importRunnerHooks.afterChunk = null;
    const halfway = await fx.as.viewer.leadImports.get({ id: started.id });
    expect(halfway).toMatchObject({ status: "running", processed: 5, routed: 5 });
    expect(await leadCount(fx.workspaceId)).toBe(5);

    // The next process: same jobs, a fresh worker; a duplicate job for the import on top.
    await startWorker({ chunkSize: 5, sliceRows: 5 }, first.schema);
    await requestImportRun(started.id, -1);
    const done = await finished(fx, started.id);
    expect(done).toMatchObject({ status: "done", processed: 30, routed: 30, failed: 0 });
    expect(await leadCount(fx.workspaceId)).toBe(30);
    const rows = await database.db
      .select({ leadId: leadImportRows.leadId })
      .from(leadImportRows)
      .where(eq(leadImportRows.importId, started.id));
    expect(new Set(rows.map((r) => r.leadId)).size).toBe(30);

    // A crash after routing but before recording leaves rows pending: routing them again finds
    // their idempotency keys and records the same leads, not new ones.
    const redo = rows.slice(0, 4).map((r) => r.leadId ?? "");
    await database.db
      .update(leadImportRows)
      .set({ status: "pending", leadId: null })
      .where(and(eq(leadImportRows.importId, started.id), inArray(leadImportRows.leadId, redo)));
    await database.db
      .update(leadImports)
      .set({ status: "running", processed: 26, routed: 26 })
      .where(eq(leadImports.id, started.id));
    await runImportSlice(database.db, started.id, { chunkSize: 10, sliceRows: 10 });
    await runImportSlice(database.db, started.id, { chunkSize: 10, sliceRows: 10 });
    expect(await fx.as.viewer.leadImports.get({ id: started.id })).toMatchObject({
      status: "done",
      processed: 30,
      routed: 30,
    });
    const again = await database.db
      .select({ leadId: leadImportRows.leadId })
      .from(leadImportRows)
      .where(and(eq(leadImportRows.importId, started.id), inArray(leadImportRows.leadId, redo)));
    expect(again).toHaveLength(4);
    expect(await leadCount(fx.workspaceId)).toBe(30);
  }, 90_000);

  it("cancel stops further rows; rows routed so far stay routed", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    let cancelled = false;
    let importId = "";
    importRunnerHooks.afterChunk = async (id) => {
      if (id !== importId || cancelled) return;
      cancelled = true;
      await fx.as.editor.leadImports.cancel({ id });
    };
    const started = await fx.as.editor.leadImports.start({
      flowId: fx.flowId,
      fileName: "cancel-me.csv",
      csv: goodRows(12),
      mapping: MAPPING,
    });
    importId = started.id;
    await startWorker({ chunkSize: 3, sliceRows: 100 });
    const view = await finished(fx, started.id);
    expect(view).toMatchObject({ status: "cancelled", processed: 3, routed: 3, pending: 9 });
    // Another job for it routes nothing more.
    await runImportSlice(database.db, started.id);
    expect(await fx.as.viewer.leadImports.get({ id: started.id })).toMatchObject({ processed: 3 });
    expect((await fx.as.viewer.leadImports.rows({ id: started.id, status: "pending" })).items).toHaveLength(
      9,
    );
    expect(await leadCount(fx.workspaceId)).toBe(3);
    await expect(outcomeOf(fx.as.viewer.leadImports.cancel({ id: started.id }))).resolves.toBe("FORBIDDEN");
    await expect(outcomeOf(fx.as.editor.leadImports.cancel({ id: started.id }))).resolves.toBe("OK");
  }, 60_000);

  it("a finished import cannot be cancelled, and a file with only bad rows is done at once", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const started = await fx.as.editor.leadImports.start({
      flowId: fx.flowId,
      fileName: "all-bad.csv",
      csv: "Email\nnope\n",
      mapping: { email: "Email" },
    });
    expect(await fx.as.viewer.leadImports.get({ id: started.id })).toMatchObject({
      status: "done",
      processed: 1,
      failed: 1,
      progress: 1,
    });
    await expect(outcomeOf(fx.as.editor.leadImports.cancel({ id: started.id }))).resolves.toBe("CONFLICT");
  });
});
