/**
 * Routing benchmark: routes/s and p50/p99 latency of `POST /api/v1/flows/{flowId}/route` over HTTP
 * (autocannon against `next start` on PostgreSQL), printed beside pgbench's TPS for a single-row
 * UPDATE on the same database in the same run. The ratio routes/s ÷ pgbench TPS is the figure.
 * Targets (printed, never asserted): routes/s ≥ 50% of pgbench, p99 < 25 ms at moderate load, where
 * moderate means an open-loop arrival rate at half the saturated throughput measured in the same run.
 *
 * Self-contained: creates a fresh database on 127.0.0.1:5432 (trust auth, user postgres), builds the
 * app if needed, starts the server on a free local port, seeds a workspace/pool/flow/API key with
 * the server-side services, measures, and drops the database and stops the server at the end.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { openDatabase } from "@/server/db/client";
import { signUp } from "@/server/services/accounts";
import { createApiKey } from "@/server/services/api-keys";
import { territoryGraph } from "@/server/services/flow-templates";
import { createFlow, publishFlow } from "@/server/services/flows";
import { createPool } from "@/server/services/pools";
import { createRep } from "@/server/services/reps";
import { ensureBuild, REPO_ROOT } from "./build";
import { pacedLoad } from "./paced-load";
import { printTable } from "./table";

const execFileAsync = promisify(execFile);

const PG_HOST = "127.0.0.1";
const PG_PORT = 5432;
const PG_USER = "postgres";

const WARMUP_SECONDS = 3;
const MEASURE_SECONDS = 10;
/** Closed loop: each connection sends its next request as soon as the last one answers (saturation). */
const SATURATION_LOADS = [
  { name: "saturated-10", connections: 10 },
  { name: "saturated-32", connections: 32 },
] as const;
/**
 * Moderate load is an open-loop arrival rate at this share of the capacity measured above, requests
 * evenly spaced (paced-load.ts): a closed loop of N connections keeps the server saturated whatever N
 * is, so its p99 is queueing, not service.
 */
const MODERATE_SHARE = 0.5;
const MODERATE_CONNECTIONS = 32;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;

interface LoadResult {
  name: string;
  connections: number;
  /** Requests/s offered (open loop), or null for a closed loop. */
  offeredRate: number | null;
  routesPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  serverP50: number | null;
  serverP99: number | null;
  serverCount: number;
  pgbenchTps: number;
  /** The same endpoint answering 401 before any database work: the HTTP stack's own ceiling. */
  floorPerSecond: number;
}

interface Target {
  url: string;
  flowId: string;
  apiKey: string;
}

// ---------------------------------------------------------------------------------------------
// Server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

interface RunningServer {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `next start` on 127.0.0.1 against the bench database and waits for "database ready". */
async function startServer(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "bench-secret",
  };
  delete env.SWITCHYARD_DATA_DIR;
  const child: ChildProcess = spawn(
    path.join(REPO_ROOT, "node_modules", ".bin", "next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 60_000;
  try {
    while (!log.includes("database ready")) {
      if (child.exitCode !== null) throw new Error(`the server exited early:\n${log}`);
      if (Date.now() > deadline) throw new Error(`the server did not start within 60 s:\n${log}`);
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, output: () => log, stop };
}

// ---------------------------------------------------------------------------------------------
// Data

/** A workspace with 5 reps in one weighted round-robin pool, a published territory flow, a route key. */
async function seedRouting(databaseUrl: string): Promise<{ flowId: string; apiKey: string }> {
  const database = await openDatabase({ url: databaseUrl, maxConnections: 2 });
  try {
    const { db } = database;
    const account = await signUp(db, {
      name: "Bench Admin",
      email: "bench@switchyard.test",
      password: "bench-password-1",
      workspaceName: "Routing benchmark",
    });
    const reps = [];
    for (let i = 1; i <= 5; i++) {
      reps.push(
        await createRep(db, account.workspaceId, {
          name: `Rep ${i}`,
          email: `rep${i}@switchyard.test`,
          territories: [],
          skills: [],
          weight: i,
          capacity: null,
          timezone: "UTC",
        }),
      );
    }
    const pool = await createPool(db, account.workspaceId, {
      name: "EMEA",
      strategy: "weighted_round_robin",
      members: reps.map((rep, i) => ({ repId: rep.id, weight: i + 1 })),
    });
    const flow = await createFlow(db, account.workspaceId, {
      name: "Bench routing",
      graph: territoryGraph([{ caseLabel: "EMEA", countries: ["DE", "FR"], poolId: pool.id }]),
    });
    await publishFlow(db, account.workspaceId, account.userId, { id: flow.id, message: "bench" });
    const key = await createApiKey(db, account.workspaceId, account.userId, {
      name: "bench",
      scopes: ["route"],
    });
    return { flowId: flow.id, apiKey: key.key };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Load

let leadCounter = 0;

/** A new lead per request: a unique email and Idempotency-Key. */
function uniqueLead(): { body: string; headers: Record<string, string> } {
  leadCounter += 1;
  const n = leadCounter;
  return {
    headers: { "idempotency-key": `bench-${process.pid}-${n}` },
    body: JSON.stringify({
      source: "web_form",
      country: n % 2 === 0 ? "DE" : "FR",
      email: `lead${n}@example.test`,
      company_size: 10 + (n % 500),
    }),
  };
}

function nextLead(request: autocannon.Request): autocannon.Request {
  const lead = uniqueLead();
  return { ...request, headers: { ...request.headers, ...lead.headers }, body: lead.body };
}

/** Latency and counts of one measured load, closed loop (autocannon) or open loop (paced). */
interface LoadRun {
  ok: number;
  non2xx: number;
  errors: number;
  duration: number;
  p50: number;
  p99: number;
}

async function closedLoop(target: Target, connections: number, seconds: number): Promise<LoadRun> {
  const run = await fire(target, connections, seconds);
  return {
    ok: run["2xx"],
    non2xx: run.non2xx,
    errors: run.errors,
    duration: run.duration,
    p50: run.latency.p50,
    p99: run.latency.p99,
  };
}

function openLoop(target: Target, connections: number, seconds: number, rate: number): Promise<LoadRun> {
  return pacedLoad({
    url: `${target.url}/api/v1/flows/${target.flowId}/route`,
    method: "POST",
    headers: { authorization: `Bearer ${target.apiKey}`, "content-type": "application/json" },
    request: uniqueLead,
    rate,
    seconds,
    maxSockets: connections,
  });
}

function fire(target: Target, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: {
      authorization: `Bearer ${target.apiKey}`,
      "content-type": "application/json",
    },
    requests: [
      {
        method: "POST",
        path: `/api/v1/flows/${target.flowId}/route`,
        setupRequest: nextLead,
      },
    ],
  });
}

/** The route endpoint without a key: Next answers 401 before touching the database. */
function fireFloor(target: Target, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${target.url}/api/v1/flows/${target.flowId}/route`,
    connections,
    duration: seconds,
    timeout: 10,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}

/** Checks that a single route answers 200 with a rep before spending time on load. */
async function smokeTest(target: Target): Promise<void> {
  const response = await fetch(`${target.url}/api/v1/flows/${target.flowId}/route`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${target.apiKey}`,
      "content-type": "application/json",
      "idempotency-key": `bench-smoke-${process.pid}`,
    },
    body: JSON.stringify({
      source: "web_form",
      country: "DE",
      email: "smoke@example.test",
      company_size: 50,
    }),
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes('"outcome":"rep"')) {
    throw new Error(`smoke route failed: HTTP ${response.status} ${text.slice(0, 500)}`);
  }
}

async function pgbenchTps(
  database: string,
  script: string,
  clients: number,
  seconds: number,
): Promise<number> {
  const args = [
    "-n",
    "-h",
    PG_HOST,
    "-p",
    String(PG_PORT),
    "-U",
    PG_USER,
    "-c",
    String(clients),
    "-j",
    "2",
    "-T",
    String(seconds),
    "-f",
    script,
    database,
  ];
  const { stdout } = await execFileAsync("pgbench", args, { timeout: (seconds + 30) * 1000 });
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`could not find "tps = " in pgbench output:\n${stdout}`);
  return Number(match[1]);
}

interface ServerLatency {
  p50: number | null;
  p99: number | null;
  count: number;
}

async function serverLatency(sql: postgres.Sql, from?: Date, to?: Date): Promise<ServerLatency> {
  const window = from && to ? sql`where created_at >= ${from} and created_at < ${to}` : sql``;
  const rows = await sql<{ p50: number | null; p99: number | null; n: string }[]>`
    select percentile_cont(0.5) within group (order by latency_ms) as p50,
           percentile_cont(0.99) within group (order by latency_ms) as p99,
           count(*) as n
    from decisions ${window}`;
  const row = rows[0];
  return { p50: row?.p50 ?? null, p99: row?.p99 ?? null, count: Number(row?.n ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// Output

const ms = (value: number | null) => (value === null ? "n/a" : value.toFixed(value < 10 ? 2 : 1));

function printResults(results: LoadResult[], overall: ServerLatency): void {
  console.log("");
  printTable(
    [
      "load",
      "conns",
      "offered/s",
      "routes/s",
      "p50 ms",
      "p99 ms",
      "non-2xx",
      "errors",
      "server p50 ms",
      "server p99 ms",
      "pgbench TPS",
      "routes/pgbench",
      "401 floor req/s",
      "routes/floor",
    ],
    results.map((r) => [
      r.name,
      String(r.connections),
      r.offeredRate === null ? "closed loop" : r.offeredRate.toFixed(0),
      r.routesPerSecond.toFixed(0),
      ms(r.p50),
      ms(r.p99),
      String(r.non2xx),
      String(r.errors),
      ms(r.serverP50),
      ms(r.serverP99),
      r.pgbenchTps.toFixed(0),
      `${((r.routesPerSecond / r.pgbenchTps) * 100).toFixed(1)}%`,
      r.floorPerSecond.toFixed(0),
      `${((r.routesPerSecond / r.floorPerSecond) * 100).toFixed(1)}%`,
    ]),
  );
  console.log("");
  console.log(
    "HTTP latency (2xx only) from autocannon (closed loop, whole ms) or from each request's scheduled start (open loop); server latency is the in-process `decisions.latency_ms`",
  );
  console.log(
    "for the same window (from routeOne's start to the decision insert: excludes API-key auth, body parsing and commit).",
  );
  console.log(
    `pgbench: \`update bench_counter set n = n + 1 where id = 1\` with the same client count, ${MEASURE_SECONDS} s, same database.`,
  );
  console.log(
    "401 floor: the same endpoint without an API key (answered before any database work), same connections and duration:",
  );
  console.log("the most requests/s this HTTP stack serves on this machine, whatever routing does.");
  console.log(
    `moderate: evenly spaced requests at ${MODERATE_SHARE * 100}% of the best saturated routes/s above, up to ${MODERATE_CONNECTIONS} connections.`,
  );
  console.log(
    `All decisions in the run (incl. warm-up): ${overall.count}, server p50 ${ms(overall.p50)} ms, p99 ${ms(overall.p99)} ms.`,
  );
  console.log("");
  for (const r of results) {
    const ratio = r.routesPerSecond / r.pgbenchTps;
    const ratioVerdict = ratio >= TARGET_RATIO ? "meets" : "misses";
    const parts = [
      `${r.name}: routes/s ÷ pgbench = ${(ratio * 100).toFixed(1)}% (target ≥ ${TARGET_RATIO * 100}%: ${ratioVerdict})`,
    ];
    if (r.offeredRate !== null) {
      parts.push(
        `p99 ${ms(r.p99)} ms (target < ${TARGET_P99_MS} ms: ${r.p99 < TARGET_P99_MS ? "meets" : "misses"})`,
      );
    }
    if (r.non2xx > 0 || r.errors > 0) parts.push(`WARNING: ${r.non2xx} non-2xx, ${r.errors} errors`);
    console.log(parts.join("; "));
  }
}

// ---------------------------------------------------------------------------------------------

function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

export async function runRoutingBenchmark(): Promise<void> {
  if (path.resolve(process.cwd()) !== REPO_ROOT) {
    // openDatabase finds the migrations relative to the working directory.
    throw new Error(`run the routing benchmark from the repository root (${REPO_ROOT})`);
  }
  await ensureBuild("/api/v1/flows/[flowId]/route");

  const databaseName = `switchyard_bench_${Date.now()}`;
  const databaseUrl = `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/${databaseName}`;
  const admin = postgres({
    host: PG_HOST,
    port: PG_PORT,
    user: PG_USER,
    database: "postgres",
    max: 1,
    onnotice: () => {},
  });
  const tempDir = mkdtempSync(path.join(tmpdir(), "switchyard-bench-"));
  let server: RunningServer | null = null;
  let bench: postgres.Sql | null = null;
  let created = false;
  try {
    await admin`create database ${admin(databaseName)}`;
    created = true;
    console.log(`Database ${databaseName} on ${PG_HOST}:${PG_PORT}.`);

    // Seed first (this also migrates), so the server finds a non-empty database and skips the demo seed.
    const { flowId, apiKey } = await seedRouting(databaseUrl);
    bench = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await bench`create table bench_counter (id int primary key, n bigint not null)`;
    await bench`insert into bench_counter values (1, 0)`;
    const script = path.join(tempDir, "single-row-update.sql");
    writeFileSync(script, "update bench_counter set n = n + 1 where id = 1;\n");

    const startedAt = performance.now();
    server = await startServer(databaseUrl);
    console.log(
      `Server up on ${server.baseUrl} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`,
    );
    const target: Target = { url: server.baseUrl, flowId, apiKey };
    await smokeTest(target);

    console.log(`Warm-up: ${WARMUP_SECONDS} s at ${SATURATION_LOADS[0].connections} connections…`);
    const warmup = await fire(target, SATURATION_LOADS[0].connections, WARMUP_SECONDS);
    if (warmup.non2xx > 0 || warmup.errors > 0) {
      console.log(`Warm-up saw ${warmup.non2xx} non-2xx and ${warmup.errors} errors.`);
    }

    const measure = async (name: string, connections: number, offeredRate: number | null) => {
      const described = offeredRate === null ? "" : ` offering ${offeredRate.toFixed(0)} routes/s`;
      console.log(
        `${name}: ${MEASURE_SECONDS} s each of routes${described}, pgbench and the 401 floor, at ${connections} connections…`,
      );
      const from = new Date();
      const run =
        offeredRate === null
          ? await closedLoop(target, connections, MEASURE_SECONDS)
          : await openLoop(target, connections, MEASURE_SECONDS, offeredRate);
      const to = new Date();
      const serverSide = await serverLatency(sqlClient, from, to);
      const tps = await pgbenchTps(databaseName, script, connections, MEASURE_SECONDS);
      const floor = await fireFloor(target, connections, MEASURE_SECONDS);
      if (run.non2xx > 0 || run.errors > 0) {
        console.log(
          `  ${run.non2xx} non-2xx, ${run.errors} errors; server log tail:\n${running.output().slice(-2000)}`,
        );
      }
      // Requests in flight when autocannon stops can land a few decisions past its count; more is suspicious.
      if (Math.abs(serverSide.count - run.ok) > connections) {
        console.log(`  (${run.ok} HTTP 2xx vs ${serverSide.count} decisions recorded in the window)`);
      }
      return {
        name,
        connections,
        offeredRate,
        routesPerSecond: run.ok / run.duration,
        p50: run.p50,
        p99: run.p99,
        ok: run.ok,
        non2xx: run.non2xx,
        errors: run.errors,
        serverP50: serverSide.p50,
        serverP99: serverSide.p99,
        serverCount: serverSide.count,
        pgbenchTps: tps,
        floorPerSecond: floor.non2xx / floor.duration,
      } satisfies LoadResult;
    };
    const sqlClient = bench;
    const running = server;
    const results: LoadResult[] = [];
    for (const load of SATURATION_LOADS) results.push(await measure(load.name, load.connections, null));
    const capacity = Math.max(...results.map((r) => r.routesPerSecond));
    results.push(await measure("moderate", MODERATE_CONNECTIONS, capacity * MODERATE_SHARE));
    printResults(results, await serverLatency(bench));
  } finally {
    if (server) await server.stop();
    if (bench) await bench.end({ timeout: 5 });
    if (created) {
      try {
        await admin`drop database if exists ${admin(databaseName)} with (force)`;
      } catch (error) {
        console.error(`Could not drop ${databaseName}:`, error);
      }
    }
    await admin.end({ timeout: 5 });
    rmSync(tempDir, { recursive: true, force: true });
  }
}
