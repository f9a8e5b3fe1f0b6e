/**
 * Replay benchmark: seeds 100k history leads (with their recorded decisions) in a fresh PostgreSQL
 * database with one generate_series insert, replays the flow's draft over them through the replay
 * service (background job, chunks, progress writes, diff against the recorded decisions), and prints
 * leads/s and wall time beside two in-memory baselines over the same payloads measured in the same
 * run: the raw engine evaluate loop (compiled, no trace) and the replay simulator alone (evaluate +
 * simulated pool picks + tallies, no database). Nothing is asserted; the target is "a few seconds".
 *
 * Self-contained: creates the database on 127.0.0.1:5432 (trust auth, user postgres) and drops it.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { evaluateFlow } from "@/engine";
import { openDatabase, queryRows } from "@/server/db/client";
import { signUp } from "@/server/services/accounts";
import { territoryGraph } from "@/server/services/flow-templates";
import { prepareDraft } from "@/server/services/flow-test-run";
import { createFlow, getFlow, publishFlow, validationContext } from "@/server/services/flows";
import { createPool } from "@/server/services/pools";
import { getReplay, startReplay, waitForReplay } from "@/server/services/replay";
import { ReplayTally } from "@/server/services/replay-result";
import { ReplaySimulator, type SimPool } from "@/server/services/replay-sim";
import { createRep } from "@/server/services/reps";
import { REPO_ROOT } from "./build";
import type { BenchmarkModule } from "./index";

const PG = { host: "127.0.0.1", port: 5432, user: "postgres" };
const LEADS = 100_000;
const TARGET_SECONDS = 5;

function rate(count: number, millis: number): string {
  return `${Math.round(count / (millis / 1000)).toLocaleString("en-US")} leads/s`;
}

async function run(): Promise<void> {
  if (path.resolve(process.cwd()) !== REPO_ROOT) {
    throw new Error(`run the replay benchmark from the repository root (${REPO_ROOT})`);
  }
  const databaseName = `switchyard_replay_bench_${Date.now()}`;
  const admin = postgres({ ...PG, database: "postgres", max: 1, onnotice: () => {} });
  let created = false;
  try {
    await admin`create database ${admin(databaseName)}`;
    created = true;
    const database = await openDatabase({
      url: `postgres://${PG.user}@${PG.host}:${PG.port}/${databaseName}`,
    });
    try {
      const db = database.db;
      const account = await signUp(db, {
        name: "Bench",
        email: "bench@example.test",
        password: "bench-password",
        workspaceName: "Bench Co",
      });
      const ws = account.workspaceId;
      const repIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const rep = await createRep(db, ws, {
          name: `Rep ${i + 1}`,
          email: `rep${i + 1}@example.test`,
          territories: [],
          skills: [],
          weight: 1,
          capacity: null,
          timezone: "UTC",
        });
        repIds.push(rep.id);
      }
      const emea = await createPool(db, ws, {
        name: "EMEA",
        strategy: "weighted_round_robin",
        members: repIds.slice(0, 3).map((repId, i) => ({ repId, weight: i + 1 })),
      });
      const us = await createPool(db, ws, {
        name: "US",
        strategy: "round_robin",
        members: repIds.slice(3).map((repId) => ({ repId, weight: 1 })),
      });
      const flow = await createFlow(db, ws, {
        name: "Territory",
        graph: territoryGraph([
          { caseLabel: "EMEA", countries: ["DE", "FR", "GB"], poolId: emea.id },
          { caseLabel: "US", countries: ["US"], poolId: us.id },
        ]),
      });
      const version = await publishFlow(db, ws, account.userId, { id: flow.id, message: "v1" });

      let started = performance.now();
      await db.execute(sql`
        insert into leads (workspace_id, flow_id, payload, assigned_rep_id, queue, created_at)
        select ${ws}, ${flow.id},
          jsonb_build_object(
            'source', 'web_form',
            'email', 'lead' || g || '@example.test',
            'country', (array['DE','FR','GB','US','BR'])[1 + g % 5],
            'company_size', (g * 37) % 5000,
            'industry', (array['healthcare','software','retail'])[1 + g % 3]),
          case when g % 5 < 4 then r.ids[1 + g % 5] end,
          case when g % 5 = 4 then 'Unassigned' end,
          now() - make_interval(secs => g)
        from generate_series(1, ${LEADS}) g,
             (select array_agg(id order by id) ids from reps where workspace_id = ${ws}) r`);
      await db.execute(sql`
        insert into decisions (workspace_id, lead_id, flow_id, version_id, outcome, rep_id, trace, fallback, created_at)
        select workspace_id, id, flow_id, ${version.id},
          case when assigned_rep_id is null then jsonb_build_object('kind', 'queue', 'queue', queue)
               else jsonb_build_object('kind', 'pool') end,
          assigned_rep_id, '[]'::jsonb, assigned_rep_id is null, created_at
        from leads where flow_id = ${flow.id}`);
      await db.execute(sql`analyze leads`);
      await db.execute(sql`analyze decisions`);
      console.log(
        `Seeded ${LEADS.toLocaleString("en-US")} leads with decisions in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );

      // Baselines in memory, over the same payloads.
      const payloads = (
        await queryRows<{ payload: unknown }>(
          db,
          sql`select payload from leads where flow_id = ${flow.id} order by created_at, id`,
        )
      ).map((r) => r.payload);
      const draft = prepareDraft((await getFlow(db, ws, flow.id)).draft, await validationContext(db, ws));
      if (!draft.ok) throw new Error("the bench draft does not validate");
      started = performance.now();
      let pools = 0;
      for (const lead of payloads)
        if (evaluateFlow(draft.prepared, lead, { trace: false }).outcome.kind === "pool") pools++;
      const rawMs = performance.now() - started;
      const simPools = new Map<string, SimPool>([
        [
          emea.id,
          {
            poolId: emea.id,
            strategy: "weighted_round_robin",
            members: repIds.slice(0, 3).map((repId, i) => ({ repId, weight: i + 1, capacity: null })),
          },
        ],
        [
          us.id,
          {
            poolId: us.id,
            strategy: "round_robin",
            members: repIds.slice(3).map((repId) => ({ repId, weight: 1, capacity: null })),
          },
        ],
      ]);
      started = performance.now();
      const simulator = new ReplaySimulator(draft.prepared, simPools, new Date());
      const tally = new ReplayTally();
      for (const lead of payloads) tally.add(simulator.route(lead), null);
      const simMs = performance.now() - started;

      // The replay service end to end (wall time from start to done, as a user waits for it).
      started = performance.now();
      const { runId } = await startReplay(db, ws, account.userId, {
        flowId: flow.id,
        candidate: { kind: "draft" },
        leads: { kind: "history", days: 365 },
      });
      await waitForReplay(runId);
      const replayMs = performance.now() - started;
      const replay = await getReplay(db, ws, runId);
      if (replay.status !== "done") throw new Error(`replay ended ${replay.status}: ${replay.error}`);

      console.log(
        `Raw evaluate loop (compiled, no trace): ${rawMs.toFixed(0)} ms, ${rate(payloads.length, rawMs)} (${pools} to pools)`,
      );
      console.log(
        `Replay simulator in memory:             ${simMs.toFixed(0)} ms, ${rate(payloads.length, simMs)}`,
      );
      console.log(
        `Replay service (read, route, diff, write): ${replayMs.toFixed(0)} ms, ${rate(replay.processed, replayMs)} — ${replay.processed.toLocaleString("en-US")} leads, ${replay.result?.diff?.changed ?? 0} would change owner`,
      );
      console.log(
        `Target: ${LEADS.toLocaleString("en-US")} leads in under ${TARGET_SECONDS} s — ${replayMs / 1000 < TARGET_SECONDS ? "met" : "NOT met"} (${(replayMs / 1000).toFixed(2)} s; service ÷ raw loop = ${(replayMs / rawMs).toFixed(1)}×).`,
      );
    } finally {
      await database.close();
    }
  } finally {
    if (created) await admin`drop database if exists ${admin(databaseName)} with (force)`;
    await admin.end({ timeout: 5 });
  }
}

export const replayBenchmark: BenchmarkModule = {
  name: "replay",
  description:
    "100k history leads replayed through the replay service on PostgreSQL, beside the raw engine loop",
  run,
};
