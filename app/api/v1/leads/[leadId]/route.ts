import { getDatabase } from "@/server/db";
import { handleApi } from "@/server/http/api";
import { getLeadOverHttp } from "@/server/http/read-api";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ leadId: string }> },
): Promise<Response> {
  const { leadId } = await context.params;
  return handleApi(async () => getLeadOverHttp((await getDatabase()).db, request, leadId));
}
