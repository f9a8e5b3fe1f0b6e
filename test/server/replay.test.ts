import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FlowGraphInput } from "@/engine";
import type { Database } from "@/server/db/client";
import { territoryGraph } from "@/server/services/flow-templates";
import {
  REPLAY_CHUNK_SIZE,
  replayHooks,
  sweepInterruptedRuns,
  waitForReplay,
} from "@/server/services/replay";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { outcomeOf, uniqueEmail } from "@/test/helpers/fixtures";
import { createRoutingFixture, liveStateOf, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
afterEach(() => {
  replayHooks.afterChunk = null;
});

/** v1's territory graph with a first case sending healthcare leads to another pool. */
function healthcareGraph(emeaPoolId: string, healthPoolId: string): FlowGraphInput {
  const graph = territoryGraph([{ caseLabel: "EMEA", countries: ["DE", "FR"], poolId: emeaPoolId }]);
  const nodes = graph.nodes.map((node) => {
    if (node.id !== "territory" || node.type !== "branch") return node;
    return {
      ...node,
      data: {
        ...node.data,
        preset: "custom" as const,
        cases: [
          {
            id: "health",
            label: "Healthcare",
            condition: {
              kind: "rule" as const,
              field: "industry",
              operator: "equals" as const,
              value: "healthcare",
            },
          },
          ...node.data.cases,
        ],
      },
    };
  });
  return {
    version: 1,
    nodes: [
      ...nodes,
      {
        id: "pool-health",
        type: "pool",
        label: "Healthcare pool",
        position: { x: 400, y: 320 },
        data: { poolId: healthPoolId, requiredSkills: [], requiredTerritories: [] },
      },
    ],
    edges: [
      ...graph.edges,
      { id: "territory-health", source: "territory", sourceHandle: "health", target: "pool-health" },
      { id: "health-no-eligible", source: "pool-health", sourceHandle: "no_eligible", target: "fallback" },
    ],
  };
}

async function finished(fx: RoutingFixture, runId: string) {
  await waitForReplay(runId);
  return fx.as.viewer.replay.get({ runId });
}

function csvOf(rows: Array<Record<string, string>>): string {
  const header = Object.keys(rows[0] ?? {});
  return [header.join(","), ...rows.map((r) => header.map((h) => r[h] ?? "").join(","))].join("\r\n");
}

describe("replay (what-if)", () => {
  it("diffs a draft against what the live flow did: exactly the healthcare leads change owner", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const health = await fx.as.admin.reps.create({ name: "Hana Health", email: uniqueEmail("health") });
    const healthPool = await fx.as.admin.pools.create({
      name: "Healthcare",
      members: [{ repId: health.id, weight: 1 }],
    });
    // 10 leads routed by v1: DE/FR → EMEA (one rep), others → Unassigned queue.
    const history = [
      { country: "DE", industry: "healthcare" },
      { country: "FR", industry: "software" },
      { country: "US", industry: "healthcare" },
      { country: "DE", industry: "retail" },
      { country: "FR", industry: "healthcare" },
      { country: "US", industry: "software" },
      { country: "DE", industry: "software" },
      { country: "BR", industry: "healthcare" },
      { country: "FR", industry: "retail" },
      { country: "DE", industry: "healthcare" },
    ];
    for (const [i, lead] of history.entries()) {
      await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: { source: "web_form", email: `h${i}@example.test`, company_size: 10, ...lead },
      });
    }
    const before = await liveStateOf(database.db, fx.workspaceId);
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      candidate: { kind: "draft", graph: healthcareGraph(fx.poolId, healthPool.id) },
      leads: { kind: "history", days: 7 },
    });
    const run = await finished(fx, runId);
    expect(run.status).toBe("done");
    expect(run.processed).toBe(10);
    const result = run.result;
    if (!result?.diff) throw new Error("expected a result with a diff");
    expect(result.leads).toBe(10);
    expect(result.outcomes).toEqual({ pool: 9, rep: 0, queue: 1, rejected: 0 });
    expect(result.pools).toEqual([
      { poolId: healthPool.id, name: "Healthcare", count: 5 },
      { poolId: fx.poolId, name: "EMEA", count: 4 },
    ]);
    expect(result.queues).toEqual([{ queue: "Unassigned", count: 1 }]);
    expect(result.diff.baseline).toBe("recorded");
    expect(result.diff.compared).toBe(10);
    // DE/FR healthcare (3) moved from Rep 1; US/BR healthcare (2) from the queue.
    expect(result.diff.changed).toBe(5);
    expect(result.diff.matrix).toEqual({
      from: ["Rep 1", 'Queue "Unassigned"'],
      to: ["Hana Health"],
      counts: [[3], [2]],
    });
    expect(result.diff.topMoves).toEqual([
      { from: "Rep 1", to: "Hana Health", count: 3 },
      { from: 'Queue "Unassigned"', to: "Hana Health", count: 2 },
    ]);
    expect(result.fallbackShare).toBeCloseTo(0.1);
    expect(await liveStateOf(database.db, fx.workspaceId)).toEqual(before);

    // The same leads as CSV are compared with the live version replayed the same way.
    const csv = csvOf(history.map((l) => ({ Country: l.country, Industry: l.industry, Source: "web_form" })));
    const csvRun = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      candidate: { kind: "draft", graph: healthcareGraph(fx.poolId, healthPool.id) },
      leads: {
        kind: "csv",
        fileName: "leads.csv",
        csvText: csv,
        mapping: { country: "Country", industry: "Industry", source: "Source" },
      },
    });
    const csvResult = (await finished(fx, csvRun.runId)).result;
    expect(csvResult?.diff?.baseline).toBe("live_version");
    expect(csvResult?.diff?.baselineVersion?.number).toBe(1);
    expect(csvResult?.diff?.changed).toBe(5);
    expect(csvResult?.diff?.matrix.counts).toEqual([[3], [2]]);
    expect(await liveStateOf(database.db, fx.workspaceId)).toEqual(before);

    const listed = await fx.as.viewer.replay.list({ flowId: fx.flowId });
    expect(listed.map((r) => r.id)).toEqual([csvRun.runId, runId]);
    expect(listed[1]?.summary).toEqual({ leads: 10, changed: 5, fallbackShare: 0.1 });
  });

  it("simulates pools from a fresh state with their strategy: 3:2:1 over 600 leads gives 300/200/100", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [3, 2, 1], capacity: null });
    // Live state that a fresh simulation ignores: a moved cursor, open leads and an away rep.
    for (let i = 0; i < 4; i++) {
      await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: { source: "web_form", country: "DE", email: `w${i}@example.test` },
      });
    }
    await fx.as.admin.reps.setStatus({ id: fx.repIds[2] ?? "", status: "away" });
    const before = await liveStateOf(database.db, fx.workspaceId);
    const csv = csvOf(Array.from({ length: 600 }, () => ({ country: "DE", source: "web_form" })));
    const versions = await fx.as.viewer.flows.versions({ flowId: fx.flowId });
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      candidate: { kind: "version", versionId: versions[0]?.id ?? "" },
      leads: {
        kind: "csv",
        fileName: "600.csv",
        csvText: csv,
        mapping: { country: "country", source: "source" },
      },
    });
    const run = await finished(fx, runId);
    expect(run.status).toBe("done");
    expect(run.candidate).toMatchObject({ kind: "version", number: 1 });
    const counts = Object.fromEntries((run.result?.reps ?? []).map((r) => [r.repId, r.count]));
    expect(counts).toEqual({
      [fx.repIds[0] ?? ""]: 300,
      [fx.repIds[1] ?? ""]: 200,
      [fx.repIds[2] ?? ""]: 100,
    });
    // The same version replayed against itself changes nobody's owner.
    expect(run.result?.diff?.changed).toBe(0);
    expect(await liveStateOf(database.db, fx.workspaceId)).toEqual(before);
  });

  it("counts replayed assignments against capacity, starting from zero open leads", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1], capacity: 3 });
    const csv = csvOf(Array.from({ length: 10 }, () => ({ country: "FR", source: "web_form" })));
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      leads: {
        kind: "csv",
        fileName: "cap.csv",
        csvText: csv,
        mapping: { country: "country", source: "source" },
      },
    });
    const result = (await finished(fx, runId)).result;
    expect(result?.outcomes).toEqual({ pool: 6, rep: 0, queue: 4, rejected: 0 });
    expect(result?.fallback).toBe(4);
  });

  it("reports bad CSV rows with their line and reason and replays the rest", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const csv = [
      "country,company_size,source",
      "DE,10,web_form",
      "FR,many,web_form",
      "US,5",
      "DE,,chat",
      '"FR","7","web_form"',
    ].join("\n");
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      leads: {
        kind: "csv",
        fileName: "bad.csv",
        csvText: csv,
        mapping: { country: "country", company_size: "company_size", source: "source" },
      },
    });
    const run = await finished(fx, runId);
    expect(run.total).toBe(3);
    expect(run.result?.leads).toBe(3);
    expect(run.result?.badRowCount).toBe(2);
    expect(run.result?.badRows).toEqual([
      { line: 3, reason: 'company_size: "many" is not a number' },
      { line: 4, reason: "has 2 columns, the header has 3" },
    ]);
    expect(run.leadSource).toMatchObject({ kind: "csv", fileName: "bad.csv", rows: 3, badRowCount: 2 });
  });

  it("refuses an invalid draft with its problems, and a mapping to a missing column", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const broken = territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: crypto.randomUUID() }]);
    const error = await fx.as.editor.replay
      .start({
        flowId: fx.flowId,
        candidate: { kind: "draft", graph: broken },
        leads: { kind: "history", days: 1 },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^candidate: the draft has 1 problem/),
    });
    await expect(
      outcomeOf(
        fx.as.editor.replay.start({
          flowId: fx.flowId,
          leads: { kind: "csv", fileName: "x.csv", csvText: "a\n1\n", mapping: { country: "Country" } },
        }),
      ),
    ).resolves.toBe("BAD_REQUEST");
  });

  it("previews a CSV with a suggested mapping for the flow's fields", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const preview = await fx.as.editor.replay.preview({
      flowId: fx.flowId,
      csvText: "Country,Company_Size,Email\nDE,10,a@x.test\nFR,20,b@x.test\n",
    });
    expect(preview.header).toEqual(["Country", "Company_Size", "Email"]);
    expect(preview.rows).toEqual([
      ["DE", "10", "a@x.test"],
      ["FR", "20", "b@x.test"],
    ]);
    expect(preview.suggestedMapping).toEqual({ country: "Country", company_size: "Company_Size" });
    expect(preview.fields.map((f) => f.name)).toEqual(["source", "company_size", "country", "industry"]);
  });

  it("cancel stops a running replay between chunks", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1] });
    const total = REPLAY_CHUNK_SIZE * 2 + 500;
    const csv = csvOf(
      Array.from({ length: total }, (_, i) => ({ country: i % 2 ? "DE" : "US", source: "api" })),
    );
    replayHooks.afterChunk = async (runId, processed) => {
      if (processed === REPLAY_CHUNK_SIZE) await fx.as.editor.replay.cancel({ runId });
    };
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      leads: {
        kind: "csv",
        fileName: "big.csv",
        csvText: csv,
        mapping: { country: "country", source: "source" },
      },
    });
    const run = await finished(fx, runId);
    expect(run.status).toBe("cancelled");
    expect(run.total).toBe(total);
    expect(run.processed).toBe(REPLAY_CHUNK_SIZE);
    expect(run.result).toBeNull();
    expect(run.finishedAt).not.toBeNull();
    // Cancelling a finished run changes nothing.
    await expect(fx.as.editor.replay.cancel({ runId })).resolves.toMatchObject({ status: "cancelled" });
  });

  it("marks a run whose process stopped beating as failed at the next read", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      leads: { kind: "history", days: 1 },
    });
    await waitForReplay(runId);
    // Simulate a run left "running" by a process that died three minutes ago.
    const { replayRuns } = await import("@/drizzle/schema");
    await database.db
      .update(replayRuns)
      .set({ status: "running", result: { heartbeatAt: new Date(Date.now() - 3 * 60_000).toISOString() } })
      .where(eq(replayRuns.id, runId));
    const run = await fx.as.viewer.replay.get({ runId });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/interrupted/);
  });

  it("at startup, marks runs left queued or running by a dead process as failed, not live ones", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const start = async () => {
      const { runId } = await fx.as.editor.replay.start({
        flowId: fx.flowId,
        leads: { kind: "history", days: 1 },
      });
      await waitForReplay(runId);
      return runId;
    };
    const [deadRunning, deadQueued, liveRunning, done] = [
      await start(),
      await start(),
      await start(),
      await start(),
    ];
    const { replayRuns } = await import("@/drizzle/schema");
    const minuteAgo = new Date(Date.now() - 60_000);
    const set = (runId: string, values: Partial<typeof replayRuns.$inferInsert>) =>
      database.db.update(replayRuns).set(values).where(eq(replayRuns.id, runId));
    // Left by a process that died a minute ago: one mid-run, one never claimed.
    await set(deadRunning, { status: "running", result: { heartbeatAt: minuteAgo.toISOString() } });
    await set(deadQueued, { status: "queued", result: null, createdAt: minuteAgo });
    // Another live process's run beats every few seconds.
    await set(liveRunning, { status: "running", result: { heartbeatAt: new Date().toISOString() } });

    expect(await sweepInterruptedRuns(database.db)).toBeGreaterThanOrEqual(2);
    const statusOf = async (runId: string) => {
      const [row] = await database.db
        .select({ status: replayRuns.status, error: replayRuns.error, finishedAt: replayRuns.finishedAt })
        .from(replayRuns)
        .where(eq(replayRuns.id, runId));
      return row;
    };
    for (const runId of [deadRunning, deadQueued]) {
      const row = await statusOf(runId);
      expect(row?.status).toBe("failed");
      expect(row?.error).toBe("The replay was interrupted (the server restarted); start it again.");
      expect(row?.finishedAt).not.toBeNull();
    }
    expect((await statusOf(liveRunning))?.status).toBe("running");
    expect((await statusOf(done))?.status).toBe("done");
    await set(liveRunning, { status: "done" });
  });

  it("viewers can read replays but not start or cancel them", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    await expect(
      outcomeOf(fx.as.viewer.replay.start({ flowId: fx.flowId, leads: { kind: "history", days: 1 } })),
    ).resolves.toBe("FORBIDDEN");
    const { runId } = await fx.as.editor.replay.start({
      flowId: fx.flowId,
      leads: { kind: "history", days: 1 },
    });
    await waitForReplay(runId);
    await expect(outcomeOf(fx.as.viewer.replay.cancel({ runId }))).resolves.toBe("FORBIDDEN");
    await expect(fx.as.viewer.replay.get({ runId })).resolves.toMatchObject({ status: "done", total: 0 });
  });
});
