import { getDatabase } from "@/server/db";
import { handleApi } from "@/server/http/api";
import { listFlowsOverHttp } from "@/server/http/read-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleApi(async () => listFlowsOverHttp((await getDatabase()).db, request));
}
