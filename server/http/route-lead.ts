import type { Db } from "@/server/db/client";
import {
  handleApi,
  jsonResponse,
  parseInput,
  readJsonBody,
  requireApiKey,
  requireUuid,
} from "@/server/http/api";
import { leadBody, routeHeaders } from "@/server/http/contract";
import { MAX_LEAD_BYTES } from "@/server/services/lead-input";
import { routeOne } from "@/server/services/routing";

/**
 * POST /api/v1/flows/{flowId}/route — the body is the lead (a JSON object), the optional
 * `Idempotency-Key` header makes retries safe. Answers the decision: who gets the lead and why.
 */
export function routeLeadOverHttp(db: Db, request: Request, flowIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "route");
    const flowId = requireUuid(flowIdParam, "flowId");
    // Room for whitespace around a lead that itself must stay within the limit.
    const lead = parseInput(leadBody, await readJsonBody(request, MAX_LEAD_BYTES + 1024), "lead");
    const headers = parseInput(routeHeaders, {
      "idempotency-key": request.headers.get("idempotency-key") ?? undefined,
    });
    const { response, replayed } = await routeOne(db, {
      workspaceId: key.workspaceId,
      flowId,
      lead,
      idempotencyKey: headers["idempotency-key"],
    });
    return jsonResponse(200, response, {
      ...key.rateLimitHeaders,
      ...(replayed && { "idempotent-replayed": "true" }),
    });
  });
}
