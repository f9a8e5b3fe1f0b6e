import { randomUUID } from "node:crypto";
import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import {
  branchPaths,
  decisions,
  deployments,
  flows,
  flowVersions,
  leadOutcomes,
  leads,
  memberships,
  poolMembers,
  pools,
  reps,
  users,
  workspaces,
} from "@/drizzle/schema";
import { evaluateFlow, parseCompiledFlow } from "@/engine";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { type BranchPath, branchPathOf } from "@/server/services/branch-path";
import { territoryGraph } from "@/server/services/flow-templates";
import { createFlow, publishFlow } from "@/server/services/flows";
import { routeOne } from "@/server/services/routing";

export const DEMO_EMAIL = "demo@switchyard.dev";
export const DEMO_PASSWORD = "switchyard-demo";
const SEED_LOCK_KEY = 727_002;

interface DemoRep {
  name: string;
  territories: string[];
  skills: string[];
  weight?: number;
  capacity?: number;
  timezone: string;
  away?: boolean;
}

const DEMO_REPS: DemoRep[] = [
  {
    name: "Ava Thompson",
    territories: ["NA-East"],
    skills: ["saas", "english", "smb"],
    timezone: "America/New_York",
  },
  {
    name: "Marcus Reed",
    territories: ["NA-East"],
    skills: ["fintech", "english", "enterprise"],
    weight: 2,
    capacity: 40,
    timezone: "America/New_York",
  },
  {
    name: "Priya Patel",
    territories: ["NA-East", "NA-West"],
    skills: ["healthcare", "english", "enterprise"],
    weight: 2,
    timezone: "America/Chicago",
  },
  {
    name: "Diego Alvarez",
    territories: ["NA-West"],
    skills: ["saas", "spanish", "english", "smb"],
    timezone: "America/Los_Angeles",
  },
  {
    name: "Hannah Kim",
    territories: ["NA-West"],
    skills: ["retail", "english", "korean", "smb"],
    capacity: 25,
    timezone: "America/Los_Angeles",
    away: true,
  },
  {
    name: "Ana Schmidt",
    territories: ["EMEA"],
    skills: ["healthcare", "german", "english", "enterprise"],
    weight: 2,
    timezone: "Europe/Berlin",
  },
  {
    name: "Luca Romano",
    territories: ["EMEA"],
    skills: ["manufacturing", "italian", "english", "smb"],
    timezone: "Europe/Rome",
  },
  {
    name: "Chloé Martin",
    territories: ["EMEA"],
    skills: ["saas", "french", "english", "smb"],
    timezone: "Europe/Paris",
  },
  {
    name: "Oliver Hughes",
    territories: ["EMEA"],
    skills: ["fintech", "english", "enterprise"],
    capacity: 30,
    timezone: "Europe/London",
  },
  {
    name: "Yuki Tanaka",
    territories: ["APAC"],
    skills: ["manufacturing", "japanese", "english", "enterprise"],
    timezone: "Asia/Tokyo",
  },
  {
    name: "Wei Chen",
    territories: ["APAC"],
    skills: ["saas", "mandarin", "english", "smb"],
    timezone: "Asia/Singapore",
  },
  {
    name: "Olivia Brown",
    territories: ["APAC"],
    skills: ["retail", "english", "smb"],
    timezone: "Australia/Sydney",
  },
];

const DEMO_POOLS: {
  name: string;
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded";
  members: string[];
}[] = [
  { name: "NA SMB", strategy: "round_robin", members: ["Ava Thompson", "Diego Alvarez", "Hannah Kim"] },
  { name: "NA Enterprise", strategy: "weighted_round_robin", members: ["Marcus Reed", "Priya Patel"] },
  {
    name: "EMEA",
    strategy: "weighted_round_robin",
    members: ["Ana Schmidt", "Luca Romano", "Chloé Martin", "Oliver Hughes"],
  },
  { name: "APAC", strategy: "least_loaded", members: ["Yuki Tanaka", "Wei Chen", "Olivia Brown"] },
  { name: "Healthcare", strategy: "weighted_round_robin", members: ["Priya Patel", "Ana Schmidt"] },
];

const DEMO_TERRITORIES = [
  { caseLabel: "North America", countries: ["US", "CA"], pool: "NA SMB" },
  { caseLabel: "EMEA", countries: ["DE", "FR", "GB", "IT", "ES", "NL", "SE"], pool: "EMEA" },
  { caseLabel: "APAC", countries: ["JP", "SG", "AU", "IN", "KR"], pool: "APAC" },
];

const DEMO_LEAD_COUNTRIES = ["US", "DE", "GB", "JP", "CA", "FR", "AU", "BR", "SG", "US", "IT", "MX"];
const DEMO_INDUSTRIES = ["saas", "healthcare", "fintech", "retail", "manufacturing"];

/**
 * Seeds a demo workspace when the database has none; returns whether it did. By default also 30 days
 * of past decisions and outcomes before today (seedDemoHistory), so the analytics dashboard and the
 * experiment pages are not empty on a fresh start; `history: false` seeds today's demo leads only.
 */
export async function seedDemoIfEmpty(db: Db, options: { history?: boolean } = {}): Promise<boolean> {
  const seeded = await seedDemoWorkspace(db);
  if (seeded) {
    await seedDemoRouting(db, seeded);
    if (options.history ?? true) await seedDemoHistory(db, seeded.workspaceId);
  }
  return seeded !== null;
}

export const DEMO_HISTORY_DAYS = 30;
const DEMO_HISTORY_LEADS = 600;
const DEMO_HISTORY_COUNTRIES = [
  "US",
  "US",
  "CA",
  "DE",
  "GB",
  "FR",
  "IT",
  "JP",
  "SG",
  "AU",
  "IN",
  "BR",
  "MX",
  "ES",
];
const DAY_MS = 86_400_000;

/** Small deterministic PRNG, so every demo database tells the same story. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Past routing for the demo flow: leads over the 30 days before today, evaluated by the live version
 * (real traces, paths and fallbacks), reps picked in weighted rotation per pool, and outcomes
 * (contacted, meeting booked, qualified, won, lost). Written directly, not routed, so it is fast and
 * leaves today's decision log, open-lead counts and pool cursors as they were: history leads are closed.
 * Returns how many leads it wrote.
 */
export async function seedDemoHistory(db: Db, workspaceId: string): Promise<number> {
  const [flow] = await db
    .select({ id: flows.id })
    .from(flows)
    .where(eq(flows.workspaceId, workspaceId))
    .orderBy(flows.createdAt)
    .limit(1);
  if (!flow) return 0;
  const [version] = await db
    .select({ id: flowVersions.id, compiled: flowVersions.compiled })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flow.id))
    .orderBy(desc(flowVersions.number))
    .limit(1);
  if (!version) return 0;
  const [deployment] = await db
    .select({ id: deployments.id })
    .from(deployments)
    .where(and(eq(deployments.flowId, flow.id), eq(deployments.active, true)));
  const compiled = parseCompiledFlow(version.compiled);
  const members = await db
    .select({ poolId: poolMembers.poolId, repId: poolMembers.repId, weight: poolMembers.weight })
    .from(poolMembers)
    .innerJoin(reps, eq(reps.id, poolMembers.repId))
    .where(and(eq(reps.workspaceId, workspaceId), ne(reps.status, "inactive")))
    .orderBy(poolMembers.poolId, poolMembers.position);
  // Weighted rotation: each member appears `weight` times in its pool's cycle.
  const rotation = new Map<string, string[]>();
  for (const m of members) {
    const cycle = rotation.get(m.poolId) ?? [];
    for (let w = 0; w < m.weight; w++) cycle.push(m.repId);
    rotation.set(m.poolId, cycle);
  }
  const cursor = new Map<string, number>();

  const random = mulberry32(20_26);
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const leadRows: Array<typeof leads.$inferInsert> = [];
  const decisionRows: Array<typeof decisions.$inferInsert> = [];
  const outcomeRows: Array<typeof leadOutcomes.$inferInsert> = [];
  const paths = new Map<string, BranchPath>();
  for (let i = 0; i < DEMO_HISTORY_LEADS; i++) {
    // More leads on recent days, none today (today's log stays the routed demo leads).
    const daysBack = 1 + Math.floor(DEMO_HISTORY_DAYS * random() ** 1.3);
    const createdAt = new Date(today.getTime() - daysBack * DAY_MS + Math.floor(random() * DAY_MS));
    const country = DEMO_HISTORY_COUNTRIES[Math.floor(random() * DEMO_HISTORY_COUNTRIES.length)] ?? "US";
    const lead = {
      source: random() < 0.3 ? "chat" : "web_form",
      name: `History Lead ${i + 1}`,
      email: `history${i + 1}@prospect.example`,
      country,
      industry: DEMO_INDUSTRIES[Math.floor(random() * DEMO_INDUSTRIES.length)],
      company_size: 10 + Math.floor(random() * 2000),
    };
    const result = evaluateFlow(compiled, lead);
    const branchPath = branchPathOf(workspaceId, result.trace);
    paths.set(branchPath.id, branchPath);
    let repId: string | null = null;
    let poolId: string | null = null;
    let queue: string | null = null;
    if (result.outcome.kind === "pool") {
      poolId = result.outcome.poolId;
      const cycle = rotation.get(poolId) ?? [];
      const at = cursor.get(poolId) ?? 0;
      cursor.set(poolId, at + 1);
      repId = cycle.length > 0 ? (cycle[at % cycle.length] ?? null) : null;
    } else if (result.outcome.kind === "rep") {
      repId = result.outcome.repId;
    } else if (result.outcome.kind === "queue") {
      queue = result.outcome.queue;
    }
    const leadId = randomUUID();
    leadRows.push({
      id: leadId,
      workspaceId,
      flowId: flow.id,
      payload: lead,
      status: "closed",
      assignedRepId: repId,
      queue,
      createdAt,
      closedAt: new Date(createdAt.getTime() + 3 * DAY_MS),
    });
    decisionRows.push({
      workspaceId,
      leadId,
      flowId: flow.id,
      versionId: version.id,
      deploymentId: deployment?.id ?? null,
      outcome: result.outcome,
      repId,
      poolId,
      score: result.score,
      band: result.band,
      trace: result.trace,
      branchPathId: branchPath.id,
      explanation: result.trace.map((step) => step.summary),
      fallback: result.fallback,
      // A few slow decisions, as a real p95 has.
      latencyMs: Math.round((2 + random() * 8 + (random() < 0.05 ? 40 * random() : 0)) * 100) / 100,
      createdAt,
    });
    if (!repId) continue;
    const after = (hours: number) => new Date(createdAt.getTime() + hours * 3_600_000);
    if (random() < 0.75) {
      // Most contacts within hours, a long tail over two days.
      outcomeRows.push({ workspaceId, leadId, kind: "contacted", occurredAt: after(48 * random() ** 3) });
      if (random() < 0.45) {
        outcomeRows.push({
          workspaceId,
          leadId,
          kind: "meeting_booked",
          occurredAt: after(24 + 72 * random()),
        });
        if (random() < 0.6) {
          outcomeRows.push({ workspaceId, leadId, kind: "qualified", occurredAt: after(96 + 72 * random()) });
          // EMEA closes a little better than the rest: something for "conversion by branch" to show.
          const winRate = country === "DE" || country === "FR" || country === "GB" ? 0.55 : 0.35;
          const won = random() < winRate;
          outcomeRows.push({
            workspaceId,
            leadId,
            kind: won ? "won" : "lost",
            occurredAt: after(170 + 200 * random()),
            value: won ? Math.round(5_000 + random() * 45_000) : null,
          });
        }
      }
    }
  }
  const chunk = <T>(rows: T[], size = 200): T[][] =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
  await db.transaction(async (tx) => {
    for (const part of chunk(leadRows)) await tx.insert(leads).values(part);
    const pathRows = [...paths.values()].map(({ id, nodes, cases }) => ({ id, workspaceId, nodes, cases }));
    if (pathRows.length > 0) await tx.insert(branchPaths).values(pathRows).onConflictDoNothing();
    for (const part of chunk(decisionRows)) await tx.insert(decisions).values(part);
    for (const part of chunk(outcomeRows)) await tx.insert(leadOutcomes).values(part);
  });
  return leadRows.length;
}

/** A live "Territory then round robin" flow and a few routed leads, so the decision log is not empty. */
async function seedDemoRouting(db: Db, seeded: { workspaceId: string; userId: string }): Promise<void> {
  const poolRows = await db
    .select({ id: pools.id, name: pools.name })
    .from(pools)
    .where(eq(pools.workspaceId, seeded.workspaceId));
  const poolId = (name: string) => poolRows.find((p) => p.name === name)?.id ?? "";
  const flow = await createFlow(db, seeded.workspaceId, {
    name: "Inbound routing",
    description:
      "Territory by country, then round robin in the territory's pool; everything else to the Unassigned queue.",
    graph: territoryGraph(
      DEMO_TERRITORIES.map((t) => ({
        caseLabel: t.caseLabel,
        countries: t.countries,
        poolId: poolId(t.pool),
      })),
    ),
  });
  await publishFlow(db, seeded.workspaceId, seeded.userId, {
    id: flow.id,
    message: "Territory then round robin",
  });
  for (const [i, country] of DEMO_LEAD_COUNTRIES.entries()) {
    await routeOne(db, {
      workspaceId: seeded.workspaceId,
      flowId: flow.id,
      lead: {
        source: i % 3 === 0 ? "chat" : "web_form",
        name: `Demo Lead ${i + 1}`,
        email: `lead${i + 1}@prospect.example`,
        country,
        industry: DEMO_INDUSTRIES[i % DEMO_INDUSTRIES.length],
        company_size: 20 + i * 37,
      },
      idempotencyKey: `demo-seed-${i + 1}`,
    });
  }
}

async function seedDemoWorkspace(db: Db): Promise<{ workspaceId: string; userId: string } | null> {
  const [existing] = await db.select({ n: count() }).from(workspaces);
  if ((existing?.n ?? 0) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Processes starting together must not both seed: the lock serialises them, the recount decides.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const [recount] = await tx.select({ n: count() }).from(workspaces);
    if ((recount?.n ?? 0) > 0) return null;
    const [workspace] = await tx.insert(workspaces).values({ name: "Acme Demo" }).returning();
    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_EMAIL, name: "Demo Admin", passwordHash })
      .returning();
    if (!workspace || !user) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: "admin" });
    const repRows = await tx
      .insert(reps)
      .values(
        DEMO_REPS.map((r) => ({
          workspaceId: workspace.id,
          name: r.name,
          email: `${r.name
            .split(" ")[0]
            ?.toLowerCase()
            .normalize("NFD")
            .replace(/[^a-z]/g, "")}@acme.example`,
          territories: r.territories,
          skills: r.skills,
          weight: r.weight ?? 1,
          capacity: r.capacity ?? null,
          timezone: r.timezone,
          status: r.away ? ("away" as const) : ("active" as const),
          awayUntil: r.away ? new Date(Date.now() + 7 * 24 * 3600 * 1000) : null,
        })),
      )
      .returning({ id: reps.id, name: reps.name, weight: reps.weight });
    const repByName = new Map(repRows.map((r) => [r.name, r]));
    for (const pool of DEMO_POOLS) {
      const [row] = await tx
        .insert(pools)
        .values({ workspaceId: workspace.id, name: pool.name, strategy: pool.strategy })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await tx.insert(poolMembers).values(
        pool.members.map((name, position) => {
          const rep = repByName.get(name);
          if (!rep) throw new Error(`demo pool ${pool.name} names unknown rep ${name}`);
          return { poolId: row.id, repId: rep.id, weight: rep.weight, position };
        }),
      );
    }
    return { workspaceId: workspace.id, userId: user.id };
  });
}
