import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { deploymentArms, deployments, flows, flowVersions } from "@/drizzle/schema";
import { FIELD_NAME_PATTERN } from "@/engine";
import { type Db, type Executor, queryRows } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import {
  type ArmCounts,
  compareArms,
  type Interval,
  type Verdict,
  wilsonInterval,
} from "@/server/services/experiment-stats";
import { deployInTx, getFlow } from "@/server/services/flows";

const uuid = z.uuid("must be a valid id");

export const startExperimentInput = z.object({
  flowId: uuid,
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  arms: z
    .array(
      z.object({
        versionId: uuid,
        weight: z
          .number()
          .int("must be a whole number")
          .min(1, "must be at least 1")
          .max(1000, "must be at most 1000"),
      }),
    )
    .min(2, "must have at least two arms")
    .max(10, "must have at most 10 arms")
    .refine(
      (arms) => new Set(arms.map((a) => a.versionId)).size === arms.length,
      "must not list a version twice",
    ),
  /** Lead field whose value keeps a lead on one arm; the flow's current one when left out. */
  stickyField: z
    .string()
    .trim()
    .regex(FIELD_NAME_PATTERN, "must be a field name: letters, digits and underscores")
    .optional(),
});
export const stopExperimentInput = z.object({
  flowId: uuid,
  /** The version to deploy at 100%; the version live before the experiment when left out. */
  versionId: uuid.optional(),
});
export const promoteArmInput = z.object({ deploymentId: uuid, versionId: uuid });
export const experimentResultsInput = z.object({
  deploymentId: uuid,
  /** What counts as a conversion: reaching this stage or a later one. */
  metric: z.enum(["won", "qualified", "meeting_booked"]).default("won"),
});
export type ConversionMetric = z.output<typeof experimentResultsInput>["metric"];

/** Funnel stages that count as converted for each metric: a won lead was also qualified and met. */
const CONVERTED_KINDS: Record<ConversionMetric, string[]> = {
  won: ["won"],
  qualified: ["qualified", "won"],
  meeting_booked: ["meeting_booked", "qualified", "won"],
};

async function lockFlow(tx: Executor, workspaceId: string, flowId: string) {
  const [flow] = await tx
    .select()
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, flowId)))
    .for("update");
  if (!flow) throw new ServiceError("NOT_FOUND", "flowId: no flow with this id in your workspace");
  if (flow.archivedAt) throw new ServiceError("CONFLICT", "flowId: the flow is archived; restore it first");
  return flow;
}

async function versionNumbers(tx: Executor, flowId: string, versionIds: string[]) {
  const rows = await tx
    .select({ id: flowVersions.id, number: flowVersions.number })
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flowId), inArray(flowVersions.id, versionIds)));
  return new Map(rows.map((r) => [r.id, r.number]));
}

async function activeDeployment(tx: Executor, flowId: string) {
  const [deployment] = await tx
    .select()
    .from(deployments)
    .where(and(eq(deployments.flowId, flowId), eq(deployments.active, true)));
  if (!deployment) return null;
  const arms = await tx.select().from(deploymentArms).where(eq(deploymentArms.deploymentId, deployment.id));
  return { ...deployment, arms };
}

/**
 * Splits the flow's traffic between two or more published versions: ends the live deployment (kept
 * as history, a running experiment included) and starts one with these weighted arms, in one transaction.
 */
export async function startExperiment(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: z.output<typeof startExperimentInput>,
) {
  return db.transaction(async (tx) => {
    await lockFlow(tx, workspaceId, input.flowId);
    const numbers = await versionNumbers(
      tx,
      input.flowId,
      input.arms.map((a) => a.versionId),
    );
    const unknown = input.arms.findIndex((a) => !numbers.has(a.versionId));
    if (unknown >= 0)
      throw new ServiceError("BAD_REQUEST", `arms.${unknown}.versionId: no published version of this flow`);
    if (input.stickyField !== undefined)
      await tx.update(flows).set({ stickyField: input.stickyField }).where(eq(flows.id, input.flowId));
    const deployment = await deployInTx(tx, input.flowId, input.arms, userId, input.name);
    return { deploymentId: deployment.id, flowId: input.flowId, name: input.name };
  });
}

/** The single version live just before this deployment started, if there was one. */
async function previousVersion(tx: Executor, flowId: string, before: Date): Promise<string | null> {
  const [previous] = await tx
    .select({ id: deployments.id })
    .from(deployments)
    .where(and(eq(deployments.flowId, flowId), lt(deployments.createdAt, before)))
    .orderBy(desc(deployments.createdAt))
    .limit(1);
  if (!previous) return null;
  const arms = await tx
    .select({ versionId: deploymentArms.versionId, weight: deploymentArms.weight })
    .from(deploymentArms)
    .where(eq(deploymentArms.deploymentId, previous.id))
    .orderBy(desc(deploymentArms.weight));
  return arms[0]?.versionId ?? null;
}

async function endExperimentWith(tx: Executor, flowId: string, versionId: string, userId: string | null) {
  const numbers = await versionNumbers(tx, flowId, [versionId]);
  const number = numbers.get(versionId);
  if (number === undefined)
    throw new ServiceError("BAD_REQUEST", "versionId: no published version of this flow");
  const deployment = await deployInTx(tx, flowId, [{ versionId, weight: 100 }], userId);
  return { deploymentId: deployment.id, flowId, versionId, number };
}

/**
 * Ends the running experiment: the chosen version (by default the one live before the experiment,
 * else its heaviest arm) goes live at 100%. The experiment's deployment stays, ended, with its decisions.
 */
export async function stopExperiment(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: z.output<typeof stopExperimentInput>,
) {
  return db.transaction(async (tx) => {
    await lockFlow(tx, workspaceId, input.flowId);
    const running = await activeDeployment(tx, input.flowId);
    if (!running?.experimentName)
      throw new ServiceError("CONFLICT", "flowId: no experiment is running on this flow");
    const heaviest = [...running.arms].sort((a, b) => b.weight - a.weight)[0]?.versionId;
    const versionId =
      input.versionId ?? (await previousVersion(tx, input.flowId, running.createdAt)) ?? heaviest;
    if (!versionId) throw new Error("experiment without arms");
    return endExperimentWith(tx, input.flowId, versionId, userId);
  });
}

/** One click: the winning arm goes live at 100% and the experiment ends, kept as history. */
export async function promoteArm(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: z.output<typeof promoteArmInput>,
) {
  const experiment = await getExperiment(db, workspaceId, input.deploymentId);
  return db.transaction(async (tx) => {
    await lockFlow(tx, workspaceId, experiment.flowId);
    const running = await activeDeployment(tx, experiment.flowId);
    if (running?.id !== experiment.id)
      throw new ServiceError("CONFLICT", "deploymentId: this experiment has ended already");
    if (!running.arms.some((a) => a.versionId === input.versionId))
      throw new ServiceError("BAD_REQUEST", "versionId: is not an arm of this experiment");
    return endExperimentWith(tx, experiment.flowId, input.versionId, userId);
  });
}

async function getExperiment(db: Executor, workspaceId: string, deploymentId: string) {
  const [row] = await db
    .select({ deployment: deployments })
    .from(deployments)
    .innerJoin(flows, eq(flows.id, deployments.flowId))
    .where(and(eq(flows.workspaceId, workspaceId), eq(deployments.id, deploymentId)));
  if (!row) throw new ServiceError("NOT_FOUND", "deploymentId: no deployment with this id in your workspace");
  return row.deployment;
}

async function armsOf(db: Executor, deploymentIds: string[]) {
  if (deploymentIds.length === 0) return [];
  return db
    .select({
      deploymentId: deploymentArms.deploymentId,
      versionId: deploymentArms.versionId,
      weight: deploymentArms.weight,
      number: flowVersions.number,
    })
    .from(deploymentArms)
    .innerJoin(flowVersions, eq(flowVersions.id, deploymentArms.versionId))
    .where(inArray(deploymentArms.deploymentId, deploymentIds))
    .orderBy(asc(flowVersions.number));
}

/** Past and current experiments of a flow, newest first, with what was deployed when each ended. */
export async function listExperiments(db: Executor, workspaceId: string, flowId: string) {
  const flow = await getFlow(db, workspaceId, flowId);
  const all = await db
    .select()
    .from(deployments)
    .where(eq(deployments.flowId, flowId))
    .orderBy(asc(deployments.createdAt));
  const experiments = all.filter((d) => d.experimentName !== null);
  const arms = await armsOf(
    db,
    all.map((d) => d.id),
  );
  const items = experiments.map((d) => {
    const next = all[all.findIndex((x) => x.id === d.id) + 1];
    const followedBy = next ? arms.filter((a) => a.deploymentId === next.id) : [];
    return {
      deploymentId: d.id,
      name: d.experimentName ?? "",
      active: d.active,
      createdAt: d.createdAt,
      endedAt: d.endedAt,
      arms: arms
        .filter((a) => a.deploymentId === d.id)
        .map(({ versionId, number, weight }) => ({ versionId, number, weight })),
      /** The version deployed at 100% when it ended (promoted or stopped), if it was a single one. */
      endedWith:
        followedBy.length === 1 && followedBy[0]
          ? { versionId: followedBy[0].versionId, number: followedBy[0].number }
          : null,
    };
  });
  return { stickyField: flow.stickyField, experiments: items.reverse() };
}

interface ArmAggregateRow extends Record<string, unknown> {
  versionId: string;
  leads: number;
  contacted: number;
  conversions: number;
  won: number;
  revenue: number | null;
  medianSpeedMs: number | null;
}

export interface ArmResult {
  versionId: string;
  number: number;
  weight: number;
  label: string;
  leads: number;
  contacted: number;
  contactRate: number | null;
  conversions: number;
  conversionRate: number | null;
  /** Wilson 95% interval of the conversion rate; null without leads. */
  conversionInterval: Interval | null;
  /** Median of (contacted time − lead created), over contacted leads. */
  medianSpeedToLeadMs: number | null;
  won: number;
  revenue: number;
}

/**
 * Per arm: leads routed by this deployment to the version, how many were contacted, converted (per
 * `metric`) and won, with the median speed-to-lead and revenue; then the verdict on the top two arms.
 * Aggregated in SQL (one pass over the deployment's decisions), statistics in experiment-stats.ts.
 */
export async function experimentResults(
  db: Executor,
  workspaceId: string,
  input: z.output<typeof experimentResultsInput>,
) {
  const deployment = await getExperiment(db, workspaceId, input.deploymentId);
  const arms = await armsOf(db, [deployment.id]);
  const converted = sql.join(
    CONVERTED_KINDS[input.metric].map((k) => sql`${k}`),
    sql`, `,
  );
  const rows = await queryRows<ArmAggregateRow>(
    db,
    sql`with per_lead as (
          select d.version_id,
                 bool_or(o.kind = 'contacted') as contacted,
                 bool_or(o.kind::text in (${converted})) as converted,
                 bool_or(o.kind = 'won') as won,
                 sum(o.value) filter (where o.kind = 'won') as revenue,
                 -- Whole milliseconds on both sides, as clients see the times: PostgreSQL keeps microseconds.
                 (floor(extract(epoch from min(o.occurred_at) filter (where o.kind = 'contacted')) * 1000)
                   - floor(extract(epoch from l.created_at) * 1000))::float8 as speed_ms
          from decisions d
          join leads l on l.id = d.lead_id
          left join lead_outcomes o on o.lead_id = d.lead_id
          where d.deployment_id = ${deployment.id} and d.workspace_id = ${workspaceId}
          group by d.lead_id, d.version_id, l.created_at
        )
        select version_id as "versionId",
               count(*)::int as leads,
               (count(*) filter (where contacted))::int as contacted,
               (count(*) filter (where converted))::int as conversions,
               (count(*) filter (where won))::int as won,
               coalesce(sum(revenue), 0)::float8 as revenue,
               (percentile_cont(0.5) within group (order by speed_ms))::float8 as "medianSpeedMs"
        from per_lead
        group by version_id`,
  );
  const results: ArmResult[] = arms.map((arm) => {
    const row = rows.find((r) => r.versionId === arm.versionId);
    const leads = row?.leads ?? 0;
    const conversions = row?.conversions ?? 0;
    const contacted = row?.contacted ?? 0;
    return {
      versionId: arm.versionId,
      number: arm.number,
      weight: arm.weight,
      label: `v${arm.number}`,
      leads,
      contacted,
      contactRate: leads > 0 ? contacted / leads : null,
      conversions,
      conversionRate: leads > 0 ? conversions / leads : null,
      conversionInterval: wilsonInterval(conversions, leads),
      // Whole milliseconds: lead times carry microseconds, reported times do not.
      medianSpeedToLeadMs: row?.medianSpeedMs == null ? null : Math.round(row.medianSpeedMs),
      won: row?.won ?? 0,
      revenue: row?.revenue ?? 0,
    };
  });
  const counts: ArmCounts[] = results.map((r) => ({
    label: r.label,
    leads: r.leads,
    conversions: r.conversions,
  }));
  const verdict: Verdict = compareArms(counts);
  return {
    deploymentId: deployment.id,
    flowId: deployment.flowId,
    name: deployment.experimentName,
    active: deployment.active,
    createdAt: deployment.createdAt,
    endedAt: deployment.endedAt,
    metric: input.metric,
    arms: results,
    verdict,
  };
}
