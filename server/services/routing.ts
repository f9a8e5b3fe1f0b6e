import { createHash, randomUUID } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { idempotencyKeys } from "@/drizzle/schema";
import { canonicalJson, type JsonValue, type PoolOutcome, routeLead } from "@/engine";
import type { Db, Executor, Tx } from "@/server/db/client";
import { chooseArm, stickyKey } from "@/server/services/arm-bucketing";
import { branchPathOf, insertBranchPath } from "@/server/services/branch-path";
import { preparedVersion } from "@/server/services/compiled-cache";
import { ServiceError } from "@/server/services/errors";
import { explainDecision } from "@/server/services/explain";
import { checkLead } from "@/server/services/lead-input";
import {
  CapacityRaceError,
  claimFixedRep,
  commitPick,
  type PoolPick,
  pickFromPool,
} from "@/server/services/pool-picker";
import {
  insertDecision,
  insertIdempotencyKey,
  insertLead,
  selectLiveArms,
  storeIdempotentResponse,
} from "@/server/services/routing-sql";
import { insertOutboxEvent } from "@/server/services/webhooks/outbox";
import { signalOutbox } from "@/server/services/webhooks/outbox-signal";

export interface RouteRequest {
  workspaceId: string;
  flowId: string;
  lead: unknown;
  idempotencyKey?: string | undefined;
}

export interface RouteResponse {
  decisionId: string;
  leadId: string;
  outcome: "rep" | "queue" | "rejected";
  assignee: { type: "rep"; id: string; name: string; email: string } | { type: "queue"; name: string } | null;
  pool: { id: string; name: string } | null;
  version: { id: string; number: number };
  score: number | null;
  band: string | null;
  fallback: boolean;
  path: string[];
  latencyMs: number;
}

export interface RouteResult {
  response: RouteResponse;
  /** True when an earlier request with the same Idempotency-Key produced this response. */
  replayed: boolean;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Keys are kept at least this long; older ones are pruned. */
export const IDEMPOTENCY_RETENTION_MS = 48 * 60 * 60 * 1000;

interface LiveArm {
  deploymentId: string;
  versionId: string;
  number: number;
  weight: number;
}

interface LiveDeployment {
  deploymentId: string;
  stickyField: string;
  arms: LiveArm[];
}

/** The flow's live arms in one query; the flow row is left-joined so "unknown flow" and "not live" differ. */
async function liveDeployment(db: Executor, workspaceId: string, flowId: string): Promise<LiveDeployment> {
  const rows = await selectLiveArms(db, workspaceId, flowId);
  const flow = rows[0];
  if (!flow) throw new ServiceError("NOT_FOUND", "flowId: no flow with this id in your workspace");
  const arms = rows.flatMap((r) =>
    r.deploymentId === null || r.versionId === null || r.number === null || r.weight === null
      ? []
      : [{ deploymentId: r.deploymentId, versionId: r.versionId, number: r.number, weight: r.weight }],
  );
  const deploymentId = arms[0]?.deploymentId;
  if (flow.archivedAt || deploymentId === undefined) {
    throw new ServiceError(
      "CONFLICT",
      `flowId: the flow has no active deployment${flow.archivedAt ? " (it is archived)" : ""}; publish a version first`,
    );
  }
  return { deploymentId, stickyField: flow.stickyField, arms };
}

function requestHash(flowId: string, lead: Record<string, unknown>): string {
  return createHash("sha256")
    .update(`${flowId}\n${canonicalJson(lead as JsonValue)}`)
    .digest("hex");
}

const RETRYABLE_CODES = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

function isRetryable(error: unknown): boolean {
  if (error instanceof CapacityRaceError) return true;
  const code = typeof error === "object" && error !== null ? Reflect.get(error, "code") : undefined;
  const cause = typeof error === "object" && error !== null ? Reflect.get(error, "cause") : undefined;
  return (
    (typeof code === "string" && RETRYABLE_CODES.has(code)) || (cause !== undefined && isRetryable(cause))
  );
}

/**
 * Routes one lead: evaluate it against the live version, pick a rep atomically, and record lead and
 * decision — all in one transaction, so a failure leaves nothing half-written. With an idempotency
 * key, a repeat of the same request returns the stored response instead of routing again.
 */
export async function routeOne(db: Db, request: RouteRequest): Promise<RouteResult> {
  const started = performance.now();
  const { lead, json } = checkLead(request.lead);
  const key = request.idempotencyKey?.trim();
  if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    throw new ServiceError(
      "BAD_REQUEST",
      `idempotencyKey: must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    );
  }
  const live = await liveDeployment(db, request.workspaceId, request.flowId);
  // Sticky: the same key meets the same arm on retries and in every process (see arm-bucketing.ts).
  const arm =
    live.arms.length === 1
      ? live.arms[0]
      : chooseArm(live.arms, live.deploymentId, stickyKey(lead, live.stickyField));
  if (!arm) throw new Error("no arms");
  const prepared = await preparedVersion(db, arm.versionId);
  const hash = requestHash(request.flowId, lead);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.transaction((tx) =>
        routeInTransaction(tx, request, lead, json, arm, prepared, key, hash, started),
      );
      // After commit, without waiting: webhooks never add to routing latency.
      if (!result.replayed) signalOutbox();
      return result;
    } catch (error) {
      // Deadlocks between pools tried in opposite orders, and a shared rep filled up by another pool
      // between our read and our claim, are rare; retrying the whole transaction is safe.
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}

async function routeInTransaction(
  tx: Tx,
  request: RouteRequest,
  lead: Record<string, unknown>,
  leadJson: string,
  arm: LiveArm,
  prepared: Awaited<ReturnType<typeof preparedVersion>>,
  key: string | undefined,
  hash: string,
  started: number,
): Promise<RouteResult> {
  if (key !== undefined) {
    const replay = await claimIdempotencyKey(tx, request, key, hash);
    if (replay) return { response: replay, replayed: true };
  }
  const now = new Date();
  const picks: PoolPick[] = [];
  const decision = await routeLead(prepared, lead, async (pool: PoolOutcome) => {
    const pick = await pickFromPool(tx, request.workspaceId, pool, now);
    if (pick) picks.push(pick);
    return pick?.rep?.id ?? null;
  });
  const outcome = decision.outcome;
  const lastPick = picks.at(-1);
  const kept = outcome.kind === "pool" && lastPick?.rep ? { ...lastPick, rep: lastPick.rep } : null;
  let assignee: RouteResponse["assignee"] = null;
  const repNames = new Map<string, string>();
  if (outcome.kind === "rep") {
    const rep = await claimFixedRep(tx, request.workspaceId, outcome.repId);
    if (!rep)
      throw new ServiceError(
        "CONFLICT",
        `flowId: the flow assigns to rep ${outcome.repId}, who no longer exists`,
      );
    repNames.set(rep.id, rep.name);
    assignee = { type: "rep", ...rep };
  } else if (kept) {
    assignee = { type: "rep", id: kept.rep.id, name: kept.rep.name, email: kept.rep.email };
  } else if (outcome.kind === "queue") {
    assignee = { type: "queue", name: outcome.queue };
  }
  const path = explainDecision(decision, picks, repNames);
  const pool = kept ? { id: kept.poolId, name: kept.poolName } : null;
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  // Ids made here let every write go out at once: while the pool row is locked, each round trip counts.
  const leadId = randomUUID();
  const decisionId = randomUUID();
  const response: RouteResponse = {
    decisionId,
    leadId,
    outcome: outcome.kind === "pool" ? "rep" : outcome.kind,
    assignee,
    pool,
    version: { id: arm.versionId, number: arm.number },
    score: decision.score,
    band: decision.band,
    fallback: decision.fallback,
    path,
    latencyMs,
  };
  const repId = assignee?.type === "rep" ? assignee.id : null;
  const branchPath = branchPathOf(request.workspaceId, decision.trace);
  await Promise.all([
    kept ? commitPick(tx, kept) : null,
    insertBranchPath(tx, request.workspaceId, branchPath),
    insertLead(tx, {
      id: leadId,
      workspaceId: request.workspaceId,
      flowId: request.flowId,
      payloadJson: leadJson,
      assignedRepId: repId,
      queue: assignee?.type === "queue" ? assignee.name : null,
    }),
    insertDecision(tx, {
      id: decisionId,
      workspaceId: request.workspaceId,
      leadId,
      flowId: request.flowId,
      versionId: arm.versionId,
      deploymentId: arm.deploymentId,
      outcome,
      repId,
      poolId: pool?.id ?? null,
      score: decision.score,
      band: decision.band,
      trace: decision.trace,
      branchPathId: branchPath.id,
      explanation: path,
      fallback: decision.fallback,
      latencyMs,
    }),
    key === undefined ? null : storeIdempotentResponse(tx, request.workspaceId, key, response),
    // The lead.routed event, in the same transaction and the same pipelined batch (no extra round trip).
    insertOutboxEvent(tx, request.workspaceId, "lead.routed", {
      leadId,
      decisionId,
      flowId: request.flowId,
      version: response.version,
      outcome: response.outcome,
      assignee,
      pool,
      score: decision.score,
      band: decision.band,
      fallback: decision.fallback,
      path,
      lead,
      routedAt: now.toISOString(),
    }),
  ]);
  return { response, replayed: false };
}

/**
 * Inserts the key first: a concurrent request with the same key blocks on this row until we commit,
 * then finds it and replays our response. Returns the stored response for a repeat, null for a new key.
 */
async function claimIdempotencyKey(
  tx: Tx,
  request: RouteRequest,
  key: string,
  hash: string,
): Promise<RouteResponse | null> {
  const inserted = await insertIdempotencyKey(tx, request.workspaceId, key, request.flowId, hash);
  if (inserted.length > 0) return null;
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.workspaceId, request.workspaceId), eq(idempotencyKeys.key, key)));
  if (!existing || existing.requestHash !== hash) {
    throw new ServiceError(
      "CONFLICT",
      "idempotencyKey: this key was already used for a different request; use a new key for a new lead",
    );
  }
  if (!existing.response)
    throw new ServiceError("CONFLICT", "idempotencyKey: the first request with this key is still running");
  return existing.response as RouteResponse;
}

export async function pruneIdempotencyKeys(db: Executor, now = new Date()): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS)));
}
