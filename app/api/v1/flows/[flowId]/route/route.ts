import { getDatabase } from "@/server/db";
import { handleApi } from "@/server/http/api";
import { routeLeadOverHttp } from "@/server/http/route-lead";

export const dynamic = "force-dynamic";

export async function POST(
  request: Request,
  context: { params: Promise<{ flowId: string }> },
): Promise<Response> {
  const { flowId } = await context.params;
  return handleApi(async () => routeLeadOverHttp((await getDatabase()).db, request, flowId));
}
