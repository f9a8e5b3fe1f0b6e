import type { z } from "zod";
import type { Db } from "@/server/db/client";
import {
  handleApi,
  jsonResponse,
  parseInput,
  readJsonBody,
  requireApiKey,
  requireUuid,
} from "@/server/http/api";
import { leadStatusBody, type leadStatusResult } from "@/server/http/contract";
import { updateLeadStatus } from "@/server/services/leads";

/** POST /api/v1/leads/{id}/status — `{ "status": "closed" }` or `{ "status": "reassigned", "repId": … }`. */
export function updateLeadStatusOverHttp(db: Db, request: Request, leadIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "route");
    const id = requireUuid(leadIdParam, "leadId");
    const change = parseInput(leadStatusBody, await readJsonBody(request, 4096), "body");
    const lead = await updateLeadStatus(db, key.workspaceId, { id, ...change });
    const body: z.output<typeof leadStatusResult> = {
      id: lead.id,
      status: lead.status,
      assignedRepId: lead.assignedRepId,
      closedAt: lead.closedAt ? lead.closedAt.toISOString() : null,
    };
    return jsonResponse(200, body, key.rateLimitHeaders);
  });
}
