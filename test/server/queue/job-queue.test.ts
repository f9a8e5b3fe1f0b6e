import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { QUEUES } from "@/server/queue/job-queue";
import { openTestDatabase } from "@/test/helpers/db";
import { startTestQueue } from "@/test/helpers/queue";

let database: Database;
let queue: Awaited<ReturnType<typeof startTestQueue>>;

beforeAll(async () => {
  database = await openTestDatabase();
  queue = await startTestQueue(database);
}, 60_000);

afterAll(async () => {
  await queue.dispose();
  await database.close();
});

function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error("condition not met in time"));
      setTimeout(check, 50);
    };
    check();
  });
}

describe("job queue (pg-boss on the app's database)", () => {
  it("runs sent jobs, including delayed ones, and retries a job whose handler throws", async () => {
    const seen: string[] = [];
    let failuresLeft = 1;
    await queue.boss.work<{ label: string }>(
      QUEUES.leadImport,
      { pollingIntervalSeconds: queue.pollingIntervalSeconds },
      async ([job]) => {
        if (!job) return;
        if (job.data.label === "flaky" && failuresLeft-- > 0) throw new Error("first attempt fails");
        seen.push(job.data.label);
      },
    );
    await queue.boss.send(QUEUES.leadImport, { label: "now" });
    await queue.boss.send(
      QUEUES.leadImport,
      { label: "later" },
      { startAfter: new Date(Date.now() + 1_000) },
    );
    await queue.boss.send(QUEUES.leadImport, { label: "flaky" }, { retryLimit: 2, retryDelay: 1 });
    await waitFor(() => seen.length === 3);
    expect(seen.sort()).toEqual(["flaky", "later", "now"]);
    expect(failuresLeft).toBe(-1);
  }, 30_000);
});
