import { count, eq, sql } from "drizzle-orm";
import { memberships, poolMembers, pools, reps, users, workspaces } from "@/drizzle/schema";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
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

/** Seeds a demo workspace when the database has none; returns whether it did. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const seeded = await seedDemoWorkspace(db);
  if (seeded) await seedDemoRouting(db, seeded);
  return seeded !== null;
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
