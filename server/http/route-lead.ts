import type { Db } from "@/server/db/client";
import {
  badRequest,
  handleApi,
  jsonResponse,
  readJsonBody,
  requireApiKey,
  requireUuid,
} from "@/server/http/api";
import { leadBody, routeHeaders } from "@/server/http/contract";
import { describeZodError } from "@/server/schemas";
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
    const lead = leadBody.safeParse(await readJsonBody(request, MAX_LEAD_BYTES + 1024));
    if (!lead.success) throw badRequest(describeZodError(lead.error, "lead"));
    const headers = routeHeaders.safeParse({
      "idempotency-key": request.headers.get("idempotency-key") ?? undefined,
    });
    if (!headers.success) throw badRequest(describeZodError(headers.error));
    const { response, replayed } = await routeOne(db, {
      workspaceId: key.workspaceId,
      flowId,
      lead: lead.data,
      idempotencyKey: headers.data["idempotency-key"],
    });
    return jsonResponse(200, response, {
      ...key.rateLimitHeaders,
      ...(replayed && { "idempotent-replayed": "true" }),
    });
  });
}
