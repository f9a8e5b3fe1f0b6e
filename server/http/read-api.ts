import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { handleApi, jsonResponse, parseInput, requireApiKey, requireUuid } from "@/server/http/api";
import {
  type flowDetail,
  type flowList,
  type leadDetail,
  type leadPage,
  listFlowsQuery,
  listLeadsQuery,
} from "@/server/http/contract";
import { ServiceError } from "@/server/services/errors";
import { getFlow, listFlows, listVersions } from "@/server/services/flows";
import { getLead, listLeads } from "@/server/services/leads";
import { listOutcomes, outcomeJson } from "@/server/services/outcomes";

// GET endpoints of /api/v1 for integrations holding a key with the "read" scope.

/** Query parameters as an object; a parameter given twice keeps its last value. */
function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return parseInput(schema, Object.fromEntries(new URL(request.url).searchParams), "query");
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** Decisions store the engine's outcome; a pool outcome means a rep was picked. */
function routedOutcome(kind: unknown): "rep" | "queue" | "rejected" {
  return kind === "queue" || kind === "rejected" ? kind : "rep";
}

type Assignee = { type: "rep"; id: string; name: string } | { type: "queue"; name: string } | null;

function assigneeOf(repId: string | null, repName: string | null, queue: string | null): Assignee {
  if (repId) return { type: "rep", id: repId, name: repName ?? "" };
  return queue ? { type: "queue", name: queue } : null;
}

/** GET /api/v1/leads — the decision log, newest first, one keyset page at a time. */
export function listLeadsOverHttp(db: Db, request: Request): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "read");
    const query = parseQuery(request, listLeadsQuery);
    const page = await listLeads(db, key.workspaceId, {
      ...query,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
    const body: z.output<typeof leadPage> = {
      items: page.items.map((row) => ({
        id: row.id,
        createdAt: iso(row.createdAt),
        status: row.status,
        summary: row.summary,
        flow: row.flowId ? { id: row.flowId, name: row.flowName ?? "" } : null,
        version:
          row.versionId && row.versionNumber !== null
            ? { id: row.versionId, number: row.versionNumber }
            : null,
        outcome: routedOutcome(row.outcomeKind),
        assignee: assigneeOf(row.repId, row.repName, row.queue),
        poolName: row.poolName,
        score: row.score,
        band: row.band,
        fallback: row.fallback,
        latencyMs: row.latencyMs,
      })),
      nextCursor: page.nextCursor,
    };
    return jsonResponse(200, body, key.rateLimitHeaders);
  });
}

/** GET /api/v1/leads/{leadId} — the lead, its owner, the decision with its path, and its outcomes. */
export function getLeadOverHttp(db: Db, request: Request, leadIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "read");
    const leadId = requireUuid(leadIdParam, "leadId");
    const row = await getLead(db, key.workspaceId, leadId).catch((error: unknown) => {
      if (error instanceof ServiceError && error.code === "NOT_FOUND")
        throw new ServiceError("NOT_FOUND", "leadId: no lead with this id in your workspace");
      throw error;
    });
    const outcomes = await listOutcomes(db, key.workspaceId, leadId);
    const { lead, decision } = row;
    const payload = typeof lead.payload === "object" && lead.payload !== null ? lead.payload : {};
    const body: z.output<typeof leadDetail> = {
      id: lead.id,
      createdAt: iso(lead.createdAt),
      status: lead.status,
      closedAt: isoOrNull(lead.closedAt),
      flow: lead.flowId ? { id: lead.flowId, name: row.flowName ?? "" } : null,
      lead: payload as Record<string, unknown>,
      assignee: assigneeOf(lead.assignedRepId, row.repName, lead.queue),
      decision: {
        id: decision.id,
        createdAt: iso(decision.createdAt),
        outcome: routedOutcome(Reflect.get(Object(decision.outcome), "kind")),
        version:
          decision.versionId && row.versionNumber !== null
            ? { id: decision.versionId, number: row.versionNumber }
            : null,
        deploymentId: decision.deploymentId,
        pool: decision.poolId ? { id: decision.poolId, name: row.poolName ?? "" } : null,
        score: decision.score,
        band: decision.band,
        fallback: decision.fallback,
        path: decision.explanation,
        latencyMs: decision.latencyMs,
      },
      outcomes: outcomes.map(outcomeJson),
    };
    return jsonResponse(200, body, key.rateLimitHeaders);
  });
}

/** GET /api/v1/flows — the workspace's flows with their live versions. */
export function listFlowsOverHttp(db: Db, request: Request): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "read");
    const query = parseQuery(request, listFlowsQuery);
    const flows = await listFlows(db, key.workspaceId, { includeArchived: query.archived === "include" });
    const body: z.output<typeof flowList> = {
      items: flows.map((flow) => ({
        id: flow.id,
        name: flow.name,
        description: flow.description,
        archived: flow.archivedAt !== null,
        archivedAt: isoOrNull(flow.archivedAt),
        updatedAt: iso(flow.updatedAt),
        live: flow.liveVersions,
        latestVersion: flow.latestVersion,
        lastPublishedAt: isoOrNull(flow.lastPublishedAt),
        leadsToday: flow.leadsToday,
      })),
    };
    return jsonResponse(200, body, key.rateLimitHeaders);
  });
}

/** GET /api/v1/flows/{flowId} — one flow, its live arms and every published version. */
export function getFlowOverHttp(db: Db, request: Request, flowIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "read");
    const flowId = requireUuid(flowIdParam, "flowId");
    const flow = await getFlow(db, key.workspaceId, flowId);
    const versions = await listVersions(db, key.workspaceId, flowId);
    const body: z.output<typeof flowDetail> = {
      id: flow.id,
      name: flow.name,
      description: flow.description,
      archived: flow.archivedAt !== null,
      archivedAt: isoOrNull(flow.archivedAt),
      updatedAt: iso(flow.updatedAt),
      live: versions
        .filter((v) => v.liveWeight !== null)
        .map((v) => ({ versionId: v.id, number: v.number, weight: v.liveWeight ?? 0 }))
        .sort((a, b) => b.weight - a.weight || b.number - a.number),
      versions: versions.map((v) => ({
        id: v.id,
        number: v.number,
        message: v.message,
        contentHash: v.contentHash,
        createdAt: iso(v.createdAt),
        liveWeight: v.liveWeight,
      })),
    };
    return jsonResponse(200, body, key.rateLimitHeaders);
  });
}
