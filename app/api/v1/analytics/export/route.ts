import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { errorResponse } from "@/server/http/api";
import { describeZodError } from "@/server/schemas";
import { findMembership } from "@/server/services/accounts";
import { exportDecisionsCsv } from "@/server/services/analytics-export";
import { analyticsFiltersInput } from "@/server/services/analytics-input";

export const dynamic = "force-dynamic";

/** CSV of the decisions in the dashboard's filter, for the signed-in user's workspace; streamed. */
export async function GET(request: Request): Promise<Response> {
  const session = await getSessionIdentity();
  if (!session) return errorResponse(401, "unauthorized", "Sign in to continue");
  const { db } = await getDatabase();
  const membership = await findMembership(db, session.userId, session.workspaceId);
  if (!membership) return errorResponse(401, "unauthorized", "You are not a member of this workspace");
  const params = new URL(request.url).searchParams;
  const parsed = analyticsFiltersInput.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    flowId: params.get("flowId") || undefined,
    poolId: params.get("poolId") || undefined,
  });
  if (!parsed.success) return errorResponse(400, "bad_request", describeZodError(parsed.error));
  const chunks = exportDecisionsCsv(db, session.workspaceId, parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="decisions-${day(parsed.data.from)}-to-${day(parsed.data.to)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
