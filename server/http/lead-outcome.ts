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
import { outcomeReportBody, type outcomeResult } from "@/server/http/contract";
import { outcomeJson, reportOutcome } from "@/server/services/outcomes";

/**
 * POST /api/v1/leads/{id}/outcome — `{ "kind": "won", "occurredAt": "…", "value": 12000 }`, with an
 * API key holding the "route" scope (the integration that routes leads also reports what became of
 * them). 201 for a new outcome; 200 with `idempotent-replayed: true` when the kind was reported before.
 */
export function reportLeadOutcomeOverHttp(db: Db, request: Request, leadIdParam: string): Promise<Response> {
  return handleApi(async () => {
    const key = await requireApiKey(db, request, "route");
    const leadId = requireUuid(leadIdParam, "leadId");
    const report = parseInput(outcomeReportBody, await readJsonBody(request, 4096), "body");
    const { outcome, replayed } = await reportOutcome(db, key.workspaceId, leadId, report);
    const body: z.output<typeof outcomeResult> = { ...outcomeJson(outcome), replayed };
    return jsonResponse(replayed ? 200 : 201, body, {
      ...key.rateLimitHeaders,
      ...(replayed && { "idempotent-replayed": "true" }),
    });
  });
}
