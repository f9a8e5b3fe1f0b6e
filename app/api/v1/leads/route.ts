import { getDatabase } from "@/server/db";
import { handleApi } from "@/server/http/api";
import { listLeadsOverHttp } from "@/server/http/read-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleApi(async () => listLeadsOverHttp((await getDatabase()).db, request));
}
