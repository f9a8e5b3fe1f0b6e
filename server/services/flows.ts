import { and, asc, desc, eq, gte, inArray, isNull, max, ne, sql } from "drizzle-orm";
import {
  decisions,
  deploymentArms,
  deployments,
  flows,
  flowVersions,
  poolMembers,
  pools,
  reps,
  users,
} from "@/drizzle/schema";
import {
  canonicalJson,
  type FlowGraphInput,
  type JsonValue,
  type ValidationIssue,
  validateFlow,
} from "@/engine";
import type { Db, Executor } from "@/server/db/client";
import type { FlowTemplateId } from "@/server/schemas";
import { ServiceError } from "@/server/services/errors";
import {
  FLOW_TEMPLATE_INFO,
  starterGraph,
  type TemplatePool,
  templateGraph,
  templateNote,
} from "@/server/services/flow-templates";
import { FailingTestCasesError, runTestCases } from "@/server/services/flow-test-cases";
import { prepareDraft } from "@/server/services/flow-test-run";
import { insertOutboxEvent } from "@/server/services/webhooks/outbox";
import { signalOutbox } from "@/server/services/webhooks/outbox-signal";

export type Flow = typeof flows.$inferSelect;

export async function createFlow(
  db: Executor,
  workspaceId: string,
  input: { name: string; description?: string; graph?: FlowGraphInput; template?: FlowTemplateId },
) {
  const template = input.template ?? "blank";
  const draft =
    input.graph ??
    (template === "blank" ? starterGraph() : templateGraph(template, await templatePools(db, workspaceId)));
  const [flow] = await db
    .insert(flows)
    .values({ workspaceId, name: input.name, description: input.description ?? "", draft })
    .returning();
  if (!flow) throw new Error("insert returned no row");
  return flow;
}

/** The workspace's live pools with their active members' skills, for building templates. */
async function templatePools(db: Executor, workspaceId: string): Promise<TemplatePool[]> {
  const rows = await db
    .select({ id: pools.id, name: pools.name, repId: reps.id, skills: reps.skills })
    .from(pools)
    .leftJoin(poolMembers, eq(poolMembers.poolId, pools.id))
    .leftJoin(reps, and(eq(reps.id, poolMembers.repId), ne(reps.status, "inactive")))
    .where(and(eq(pools.workspaceId, workspaceId), isNull(pools.archivedAt)))
    .orderBy(asc(pools.name), asc(poolMembers.position));
  const byId = new Map<string, TemplatePool>();
  for (const row of rows) {
    const pool = byId.get(row.id) ?? { id: row.id, name: row.name, memberSkills: [] };
    byId.set(row.id, pool);
    if (row.repId !== null) pool.memberSkills.push(row.skills ?? []);
  }
  return [...byId.values()];
}

/** The templates of the new-flow dialog, each with what it would use in this workspace. */
export async function listFlowTemplates(db: Executor, workspaceId: string) {
  const available = await templatePools(db, workspaceId);
  return FLOW_TEMPLATE_INFO.map((info) => ({ ...info, note: templateNote(info.id, available) }));
}

export async function getFlow(db: Executor, workspaceId: string, id: string): Promise<Flow> {
  const [flow] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
  if (!flow) throw new ServiceError("NOT_FOUND", "flowId: no flow with this id in your workspace");
  return flow;
}

/** Flows with their live version, last publish time and how many leads they routed since midnight UTC. */
export async function listFlows(
  db: Executor,
  workspaceId: string,
  options: { includeArchived?: boolean } = {},
) {
  const rows = await db
    .select()
    .from(flows)
    .where(
      options.includeArchived
        ? eq(flows.workspaceId, workspaceId)
        : and(eq(flows.workspaceId, workspaceId), isNull(flows.archivedAt)),
    )
    .orderBy(asc(flows.name));
  if (rows.length === 0) return [];
  const ids = rows.map((f) => f.id);
  const live = await db
    .select({
      flowId: deployments.flowId,
      versionId: flowVersions.id,
      number: flowVersions.number,
      weight: deploymentArms.weight,
    })
    .from(deployments)
    .innerJoin(deploymentArms, eq(deploymentArms.deploymentId, deployments.id))
    .innerJoin(flowVersions, eq(flowVersions.id, deploymentArms.versionId))
    .where(and(inArray(deployments.flowId, ids), eq(deployments.active, true)));
  const published = await db
    .select({
      flowId: flowVersions.flowId,
      last: max(flowVersions.createdAt),
      latest: max(flowVersions.number),
    })
    .from(flowVersions)
    .where(inArray(flowVersions.flowId, ids))
    .groupBy(flowVersions.flowId);
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  const today = await db
    .select({ flowId: decisions.flowId, n: sql<number>`count(*)::int` })
    .from(decisions)
    .where(and(inArray(decisions.flowId, ids), gte(decisions.createdAt, midnight)))
    .groupBy(decisions.flowId);
  return rows.map((flow) => ({
    id: flow.id,
    name: flow.name,
    description: flow.description,
    archivedAt: flow.archivedAt,
    updatedAt: flow.updatedAt,
    draftRevision: flow.draftRevision,
    liveVersions: live
      .filter((l) => l.flowId === flow.id)
      .map(({ versionId, number, weight }) => ({ versionId, number, weight })),
    latestVersion: published.find((p) => p.flowId === flow.id)?.latest ?? null,
    lastPublishedAt: published.find((p) => p.flowId === flow.id)?.last ?? null,
    leadsToday: today.find((t) => t.flowId === flow.id)?.n ?? 0,
  }));
}

export async function updateFlowDetails(
  db: Executor,
  workspaceId: string,
  input: { id: string; name?: string | undefined; description?: string | undefined },
) {
  const [flow] = await db
    .update(flows)
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      updatedAt: new Date(),
    })
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, input.id)))
    .returning();
  if (!flow) throw new ServiceError("NOT_FOUND", "id: no flow with this id in your workspace");
  return flow;
}

/** Archiving also stops routing: the active deployment ends, so integrations get a clear 409. */
export async function setFlowArchived(db: Db, workspaceId: string, id: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .update(flows)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)))
      .returning();
    if (!flow) throw new ServiceError("NOT_FOUND", "id: no flow with this id in your workspace");
    if (archived) await endActiveDeployment(tx, id);
    return flow;
  });
}

/**
 * Saves the draft only if nobody saved since `expectedRevision`: a stale editor gets CONFLICT
 * instead of silently overwriting a colleague's work.
 */
export async function saveDraft(
  db: Executor,
  workspaceId: string,
  input: { id: string; graph: FlowGraphInput; expectedRevision: number },
) {
  const [saved] = await db
    .update(flows)
    .set({ draft: input.graph, draftRevision: sql`${flows.draftRevision} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(flows.workspaceId, workspaceId),
        eq(flows.id, input.id),
        eq(flows.draftRevision, input.expectedRevision),
      ),
    )
    .returning({ draftRevision: flows.draftRevision, updatedAt: flows.updatedAt });
  if (saved) return saved;
  const current = await getFlow(db, workspaceId, input.id);
  throw new ServiceError(
    "CONFLICT",
    `expectedRevision: the draft was saved elsewhere (now revision ${current.draftRevision}, you had ${input.expectedRevision}); reload it before saving`,
  );
}

/** Known pool and rep ids of the workspace, so validation can report references to missing ones. */
export async function validationContext(db: Executor, workspaceId: string) {
  const [poolRows, repRows] = await Promise.all([
    db
      .select({ id: pools.id })
      .from(pools)
      .where(and(eq(pools.workspaceId, workspaceId), isNull(pools.archivedAt))),
    db.select({ id: reps.id }).from(reps).where(eq(reps.workspaceId, workspaceId)),
  ]);
  return { poolIds: poolRows.map((p) => p.id), repIds: repRows.map((r) => r.id) };
}

export async function validateDraft(db: Executor, workspaceId: string, id: string) {
  const flow = await getFlow(db, workspaceId, id);
  const result = validateFlow(flow.draft, await validationContext(db, workspaceId));
  return { ok: result.ok, issues: result.ok ? [] : result.issues, draftRevision: flow.draftRevision };
}

function describeIssues(issues: ValidationIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => (i.nodeId ? `${i.nodeId}: ${i.message}` : i.message));
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
  return `graph: the draft has ${issues.length} problem${issues.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}`;
}

/** "Fix typo (published with 2 failing test cases)". */
function withOverrideNote(message: string, failing: number): string {
  const note = `(published with ${failing} failing test case${failing === 1 ? "" : "s"})`;
  return message ? `${message} ${note}` : note;
}

/**
 * Validates and compiles the draft into a new immutable numbered version and, unless told otherwise,
 * makes it the live deployment. The flow's saved test cases must pass against the draft first
 * (FailingTestCasesError), unless `overrideFailingTests` is set.
 */
export async function publishFlow(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: {
    id: string;
    message: string;
    expectedRevision?: number | undefined;
    deploy?: boolean | undefined;
    overrideFailingTests?: boolean | undefined;
  },
) {
  const context = await validationContext(db, workspaceId);
  const published = await db.transaction(async (tx) => {
    const [flow] = await tx
      .select()
      .from(flows)
      .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, input.id)))
      .for("update");
    if (!flow) throw new ServiceError("NOT_FOUND", "id: no flow with this id in your workspace");
    if (flow.archivedAt)
      throw new ServiceError("CONFLICT", "id: the flow is archived; restore it before publishing");
    if (input.expectedRevision !== undefined && input.expectedRevision !== flow.draftRevision) {
      throw new ServiceError(
        "CONFLICT",
        `expectedRevision: the draft changed since you looked at it (now revision ${flow.draftRevision}); review it before publishing`,
      );
    }
    const draft = prepareDraft(flow.draft, context);
    if (!draft.ok) throw new ServiceError("BAD_REQUEST", describeIssues(draft.issues));
    const { compiled } = draft;
    // Saved test cases guard the publish: any failure refuses it unless the editor overrides, and an
    // override is written into the version message so the history shows it.
    const failing = (await runTestCases(tx, workspaceId, flow.id, draft)).filter((r) => !r.pass);
    if (failing.length > 0 && !input.overrideFailingTests) throw new FailingTestCasesError(failing);
    const message = failing.length > 0 ? withOverrideNote(input.message, failing.length) : input.message;
    const [latest] = await tx
      .select({ n: max(flowVersions.number) })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flow.id));
    const [version] = await tx
      .insert(flowVersions)
      .values({
        flowId: flow.id,
        number: (latest?.n ?? 0) + 1,
        graph: flow.draft,
        compiled: JSON.parse(compiled.json),
        contentHash: compiled.hash,
        message,
        authorId: userId,
      })
      .returning();
    if (!version) throw new Error("insert returned no row");
    if (input.deploy !== false)
      await deployInTx(tx, flow.id, [{ versionId: version.id, weight: 100 }], userId);
    const [author] = userId
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, userId))
      : [];
    await insertOutboxEvent(tx, workspaceId, "flow.published", {
      flowId: flow.id,
      flowName: flow.name,
      version: { id: version.id, number: version.number, message: version.message },
      deployed: input.deploy !== false,
      publishedBy: author?.name ?? null,
      publishedAt: version.createdAt.toISOString(),
    });
    return version;
  });
  signalOutbox();
  return published;
}

export async function listVersions(db: Executor, workspaceId: string, flowId: string) {
  await getFlow(db, workspaceId, flowId);
  const [rows, live] = await Promise.all([
    db
      .select({
        id: flowVersions.id,
        number: flowVersions.number,
        message: flowVersions.message,
        contentHash: flowVersions.contentHash,
        authorId: flowVersions.authorId,
        createdAt: flowVersions.createdAt,
      })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId))
      .orderBy(desc(flowVersions.number)),
    activeArms(db, flowId),
  ]);
  return rows.map((v) => ({ ...v, liveWeight: live.find((a) => a.versionId === v.id)?.weight ?? null }));
}

export async function getVersion(db: Executor, workspaceId: string, versionId: string) {
  const [row] = await db
    .select({ version: flowVersions })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(and(eq(flows.workspaceId, workspaceId), eq(flowVersions.id, versionId)));
  if (!row) throw new ServiceError("NOT_FOUND", "versionId: no version with this id in your workspace");
  return row.version;
}

/** Each node or edge of a stored graph as id → canonical JSON, so equal content compares equal. */
function itemsById(graph: unknown, key: "nodes" | "edges"): Map<string, string> {
  const list: unknown = typeof graph === "object" && graph !== null ? Reflect.get(graph, key) : null;
  const items = new Map<string, string>();
  if (!Array.isArray(list)) return items;
  for (const item of list as JsonValue[]) {
    const id = typeof item === "object" && item !== null && !Array.isArray(item) ? item.id : null;
    if (typeof id === "string") items.set(id, canonicalJson(item));
  }
  return items;
}

function diffById(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((id) => !before.has(id)).sort(),
    removed: [...before.keys()].filter((id) => !after.has(id)).sort(),
    changed: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)).sort(),
  };
}

/** Nodes and edges added, removed and changed from one version to another. Moving a node counts as a change. */
export async function diffVersions(
  db: Executor,
  workspaceId: string,
  fromVersionId: string,
  toVersionId: string,
) {
  const [from, to] = await Promise.all([
    getVersion(db, workspaceId, fromVersionId),
    getVersion(db, workspaceId, toVersionId),
  ]);
  if (from.flowId !== to.flowId)
    throw new ServiceError("BAD_REQUEST", "toVersionId: both versions must belong to the same flow");
  return {
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    nodes: diffById(itemsById(from.graph, "nodes"), itemsById(to.graph, "nodes")),
    edges: diffById(itemsById(from.graph, "edges"), itemsById(to.graph, "edges")),
    identical: from.contentHash === to.contentHash,
  };
}

export function activeArms(db: Executor, flowId: string) {
  return db
    .select({
      deploymentId: deployments.id,
      versionId: deploymentArms.versionId,
      weight: deploymentArms.weight,
    })
    .from(deployments)
    .innerJoin(deploymentArms, eq(deploymentArms.deploymentId, deployments.id))
    .where(and(eq(deployments.flowId, flowId), eq(deployments.active, true)))
    .orderBy(asc(deploymentArms.versionId));
}

export async function endActiveDeployment(tx: Executor, flowId: string) {
  await tx
    .update(deployments)
    .set({ active: false, endedAt: new Date() })
    .where(and(eq(deployments.flowId, flowId), eq(deployments.active, true)));
}

/**
 * Ends the flow's active deployment and starts a new one with these arms; the ended row stays as
 * history. Call it inside a transaction that holds the flow row's lock.
 */
export async function deployInTx(
  tx: Executor,
  flowId: string,
  arms: { versionId: string; weight: number }[],
  userId: string | null,
  experimentName: string | null = null,
) {
  await endActiveDeployment(tx, flowId);
  const [deployment] = await tx
    .insert(deployments)
    .values({ flowId, createdBy: userId, experimentName })
    .returning();
  if (!deployment) throw new Error("insert returned no row");
  await tx.insert(deploymentArms).values(arms.map((arm) => ({ deploymentId: deployment.id, ...arm })));
  return deployment;
}

/** Makes one published version live: used for rollback to an older version too. */
export async function deployVersion(db: Db, workspaceId: string, userId: string | null, versionId: string) {
  const version = await getVersion(db, workspaceId, versionId);
  return db.transaction(async (tx) => {
    const [flow] = await tx.select().from(flows).where(eq(flows.id, version.flowId)).for("update");
    if (flow?.archivedAt)
      throw new ServiceError("CONFLICT", "versionId: the flow is archived; restore it before deploying");
    const deployment = await deployInTx(tx, version.flowId, [{ versionId, weight: 100 }], userId);
    return { deploymentId: deployment.id, flowId: version.flowId, versionId, number: version.number };
  });
}
