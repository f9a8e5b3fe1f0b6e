import type { Db } from "@/server/db/client";
import {
  badRequest,
  handleApi,
  jsonResponse,
  readJsonBody,
  requireApiKey,
  requireUuid,
} from "@/server/http/api";
import { describeZodError, updateLeadStatusInput } from "@/server/schemas";
import { updateLeadStatus } from "@/server/services/leads";

const bodySchema = updateLeadStatusInput.omit({ id: true });

/** POST /api/v1/leads/{id}/status — `{ "status": "closed" }` or `{ "status": "reassigned", "repId": … }`. */
export function updateLeadStatusOverHttp(db: Db, request: Request, leadIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const principal = await requireApiKey(db, request, "route");
    const id = requireUuid(leadIdParam, "leadId");
    const parsed = bodySchema.safeParse(await readJsonBody(request, 4096));
    if (!parsed.success) {
      throw badRequest(describeZodError(parsed.error, "body"));
    }
    const lead = await updateLeadStatus(db, principal.workspaceId, { id, ...parsed.data });
    return jsonResponse(200, {
      id: lead.id,
      status: lead.status,
      assignedRepId: lead.assignedRepId,
      closedAt: lead.closedAt,
    });
  });
}
