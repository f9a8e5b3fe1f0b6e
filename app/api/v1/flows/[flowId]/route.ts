import { getDatabase } from "@/server/db";
import { handleApi } from "@/server/http/api";
import { getFlowOverHttp } from "@/server/http/read-api";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ flowId: string }> },
): Promise<Response> {
  const { flowId } = await context.params;
  return handleApi(async () => getFlowOverHttp((await getDatabase()).db, request, flowId));
}
