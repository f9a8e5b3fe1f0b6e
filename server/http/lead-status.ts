import type { z } from "zod";
import type { Db } from "@/server/db/client";
import {
  badRequest,
  handleApi,
  jsonResponse,
  readJsonBody,
  requireApiKey,
  requireUuid,
} from "@/server/http/api";
import { leadStatusBody, type leadStatusResult } from "@/server/http/contract";
import { describeZodError } from "@/server/schemas";
import { updateLeadStatus } from "@/server/services/leads";

/** POST /api/v1/leads/{id}/status — `{ "status": "closed" }` or `{ "status": "reassigned", "repId": … }`. */
export function updateLeadStatusOverHttp(db: Db, request: Request, leadIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "route");
    const id = requireUuid(leadIdParam, "leadId");
    const parsed = leadStatusBody.safeParse(await readJsonBody(request, 4096));
    if (!parsed.success) {
      throw badRequest(describeZodError(parsed.error, "body"));
    }
    const lead = await updateLeadStatus(db, key.workspaceId, { id, ...parsed.data });
    const body: z.output<typeof leadStatusResult> = {
      id: lead.id,
      status: lead.status,
      assignedRepId: lead.assignedRepId,
      closedAt: lead.closedAt ? lead.closedAt.toISOString() : null,
    };
    return jsonResponse(200, body, key.rateLimitHeaders);
  });
}
