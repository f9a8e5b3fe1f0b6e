import { eq } from "drizzle-orm";
import { flowVersions } from "@/drizzle/schema";
import { type PreparedFlow, prepareFlow } from "@/engine";
import type { Executor } from "@/server/db/client";

const MAX_ENTRIES = 1_000;
// Versions are immutable, so a prepared flow never goes stale; the cap only bounds memory.
const cache = new Map<string, PreparedFlow>();

/** The prepared (compiled, ready-to-run) flow of a version: compiled once per process. */
export async function preparedVersion(db: Executor, versionId: string): Promise<PreparedFlow> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const [row] = await db
    .select({ compiled: flowVersions.compiled })
    .from(flowVersions)
    .where(eq(flowVersions.id, versionId));
  if (!row) throw new Error(`version ${versionId} not found`);
  const prepared = prepareFlow(row.compiled);
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(versionId, prepared);
  return prepared;
}
