import { checkJsonDepth } from "@/engine";
import { ServiceError } from "@/server/services/errors";

export const MAX_LEAD_BYTES = 64 * 1024;
export const MAX_LEAD_DEPTH = 16;

/**
 * Checks an incoming lead before anything is stored: a JSON object, at most 64 KB serialised and
 * 16 levels deep. Returns the lead and its serialised form.
 */
export function checkLead(lead: unknown): { lead: Record<string, unknown>; json: string } {
  if (lead === null || typeof lead !== "object" || Array.isArray(lead)) {
    throw new ServiceError("BAD_REQUEST", "lead: must be a JSON object of lead fields");
  }
  if (checkJsonDepth(lead, MAX_LEAD_DEPTH) !== null) {
    throw new ServiceError("BAD_REQUEST", `lead: nests deeper than ${MAX_LEAD_DEPTH} levels`);
  }
  const json = JSON.stringify(lead);
  if (Buffer.byteLength(json, "utf8") > MAX_LEAD_BYTES) {
    throw new ServiceError("BAD_REQUEST", `lead: is larger than ${MAX_LEAD_BYTES / 1024} KB`);
  }
  // Postgres jsonb cannot hold NUL characters; refusing them here beats a 500 from the insert.
  if (json.includes("\\u0000"))
    throw new ServiceError("BAD_REQUEST", "lead: text must not contain NUL characters");
  return { lead: lead as Record<string, unknown>, json };
}
