import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "@/drizzle/schema";
import { generateApiKey, hashApiKey } from "@/server/auth/api-keys";
import type { Executor } from "@/server/db/client";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/server/schemas";
import { ServiceError } from "@/server/services/errors";

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
};

export function listApiKeys(db: Executor, workspaceId: string) {
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Returns the full key exactly once; only its hash is stored. */
export async function createApiKey(
  db: Executor,
  workspaceId: string,
  userId: string,
  input: { name: string; scopes: ApiKeyScope[]; rateLimitPerMinute?: number | undefined },
) {
  const generated = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId,
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes: [...new Set(input.scopes)],
      createdBy: userId,
      ...(input.rateLimitPerMinute !== undefined && { rateLimitPerMinute: input.rateLimitPerMinute }),
    })
    .returning(publicColumns);
  if (!row) throw new Error("insert returned no row");
  return { ...row, key: generated.key };
}

export async function revokeApiKey(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(publicColumns);
  if (!row) throw new ServiceError("NOT_FOUND", "id: no active API key with this id in your workspace");
  return row;
}

/** A new limit applies from the next request, with a fresh burst. */
export async function setApiKeyRateLimit(
  db: Executor,
  workspaceId: string,
  input: { id: string; rateLimitPerMinute: number },
) {
  const [row] = await db
    .update(apiKeys)
    .set({ rateLimitPerMinute: input.rateLimitPerMinute, rateLimitTat: null })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
    .returning(publicColumns);
  if (!row) throw new ServiceError("NOT_FOUND", "id: no active API key with this id in your workspace");
  return row;
}

export interface ApiKeyPrincipal {
  keyId: string;
  workspaceId: string;
  scopes: ApiKeyScope[];
}

/** What the `RateLimit-*` headers report: the per-minute limit, requests left now, seconds to a full bucket. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export type ApiKeyAuthentication =
  | { kind: "ok"; principal: ApiKeyPrincipal; rateLimit: RateLimitState }
  | { kind: "unknown" }
  | { kind: "rate_limited"; rateLimit: RateLimitState; retryAfterSeconds: number };

/*
 * GCRA (generic cell rate algorithm) over the key's row. A key allowed L requests a minute emits one
 * every T = 60 s / L; its "theoretical arrival time" (tat) moves T ahead per request, from now when it
 * lags behind. A request is allowed while the new tat stays within one window (L × T) of now, which
 * admits a burst of L and then one request every T. T is a whole number of microseconds and the window
 * exactly L × T, so a burst admits exactly L whatever L is (no rounding drift); timestamps come from
 * the database clock, so every app process shares one limit.
 */
const emission = sql`((60000000 / ${apiKeys.rateLimitPerMinute}) * interval '1 microsecond')`;
const windowSpan = sql`(${apiKeys.rateLimitPerMinute} * ${emission})`;
const startOfNext = sql`greatest(coalesce(${apiKeys.rateLimitTat}, now()), now())`;

/**
 * Resolves a bearer key to its workspace and takes one request from its rate limit, in ONE statement
 * (takeRequest):
 * the conditional UPDATE checks the key, checks the limit, moves tat and stamps last_used_at atomically
 * (concurrent requests serialise on the row lock and re-check the condition). Only a refused or unknown
 * key costs a second, read-only statement, to tell the two apart and compute Retry-After.
 */
export async function authenticateApiKey(db: Executor, key: string): Promise<ApiKeyAuthentication> {
  const keyHash = hashApiKey(key);
  const row = await takeRequest(db, keyHash);
  if (row) {
    return {
      kind: "ok",
      principal: { keyId: row.id, workspaceId: row.workspaceId, scopes: row.scopes.filter(isApiKeyScope) },
      rateLimit: { limit: row.limit, remaining: Math.max(0, row.remaining), resetSeconds: row.resetSeconds },
    };
  }
  return refusalOf(db, keyHash);
}

/**
 * The one statement: takes a request from the key's limit if it has one left; null when refused or
 * unknown. It also turns synchronous_commit off for its own implicit transaction (set_config with
 * is_local), so the commit does not wait for a WAL flush: a database crash may lose the last few
 * rate-limit updates (a key then gets a little extra burst), which is far cheaper than an fsync per
 * request. `synchronous: true` keeps the default, for the benchmark's comparison.
 */
export async function takeRequest(db: Executor, keyHash: string, options: { synchronous?: boolean } = {}) {
  const [row] = await db
    .update(apiKeys)
    .set({ rateLimitTat: sql`${startOfNext} + ${emission}`, lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.keyHash, keyHash),
        isNull(apiKeys.revokedAt),
        sql`${startOfNext} + ${emission} <= now() + ${windowSpan}`,
        options.synchronous ? undefined : sql`set_config('synchronous_commit', 'off', true) = 'off'`,
      ),
    )
    .returning({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scopes: apiKeys.scopes,
      limit: apiKeys.rateLimitPerMinute,
      // Columns in RETURNING are the updated values: tat is the new one.
      remaining: sql<number>`(round(extract(epoch from (now() + ${windowSpan} - ${apiKeys.rateLimitTat})) * 1000000)::bigint / (60000000 / ${apiKeys.rateLimitPerMinute}))::int`,
      resetSeconds: sql<number>`ceil(extract(epoch from (${apiKeys.rateLimitTat} - now())))::int`,
    });
  return row ?? null;
}

/** After a refusal: unknown (or revoked) key, or over the limit with the wait until the next request. */
async function refusalOf(db: Executor, keyHash: string): Promise<ApiKeyAuthentication> {
  const [refused] = await db
    .select({
      limit: apiKeys.rateLimitPerMinute,
      retryAfter: sql<number>`ceil(extract(epoch from (${startOfNext} + ${emission} - ${windowSpan} - now())))::int`,
      resetSeconds: sql<number>`ceil(extract(epoch from (${startOfNext} - now())))::int`,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  if (!refused) return { kind: "unknown" };
  return {
    kind: "rate_limited",
    rateLimit: { limit: refused.limit, remaining: 0, resetSeconds: Math.max(1, refused.resetSeconds) },
    retryAfterSeconds: Math.max(1, refused.retryAfter),
  };
}

/** `admin` implies every scope. */
export function keyAllows(principal: ApiKeyPrincipal, scope: ApiKeyScope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes("admin");
}

function isApiKeyScope(scope: string): scope is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(scope);
}
