import { openApiDocument } from "@/server/http/openapi";

// The document depends only on the code: built once per process, and cacheable by anyone.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response(JSON.stringify(openApiDocument()), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
