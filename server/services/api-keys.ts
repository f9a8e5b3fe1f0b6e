import { and, desc, eq, isNull } from "drizzle-orm";
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
  input: { name: string; scopes: ApiKeyScope[] },
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

export interface ApiKeyPrincipal {
  keyId: string;
  workspaceId: string;
  scopes: ApiKeyScope[];
}

/** last_used_at is refreshed at most this often, so a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves a bearer key to its workspace, or null when it is unknown or revoked. */
export async function authenticateApiKey(db: Executor, key: string): Promise<ApiKeyPrincipal | null> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id, workspaceId: row.workspaceId, scopes: row.scopes.filter(isApiKeyScope) };
}

function isApiKeyScope(scope: string): scope is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(scope);
}
