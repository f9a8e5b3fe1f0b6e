import { getDatabase } from "@/server/db";
import { handleApi } from "@/server/http/api";
import { reportLeadOutcomeOverHttp } from "@/server/http/lead-outcome";

export const dynamic = "force-dynamic";

export async function POST(
  request: Request,
  context: { params: Promise<{ leadId: string }> },
): Promise<Response> {
  const { leadId } = await context.params;
  return handleApi(async () => reportLeadOutcomeOverHttp((await getDatabase()).db, request, leadId));
}
