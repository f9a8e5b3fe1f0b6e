import { readdirSync } from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/server/db/client";
import { openApiDocument } from "@/server/http/openapi";
import { WEBHOOK_EVENT_TYPES } from "@/server/services/webhooks/events";
import type { SessionIdentity } from "@/server/trpc/init";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

// The route modules import the app's database getter and session reader. The database is the test
// database (handed over through the getter's process-wide holder); the session is whatever the test
// says, since there is no Next request to read a cookie from; "server-only" is a bundler marker.
const state = vi.hoisted(() => ({ session: null as SessionIdentity | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/auth/session", () => ({ getSessionIdentity: async () => state.session }));

const holder = globalThis as typeof globalThis & { __switchyardDb?: Promise<Database> };

interface MediaType {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: { example?: unknown };
  example?: unknown;
}
interface ResponseObject {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

const document = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
  components: Record<string, unknown>;
};
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const operations = Object.entries(document.paths).flatMap(([route, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ route, method, op: item[method] as Operation })),
);

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("email", /^[^@\s]+@[^@\s]+$/);

/** Validates `body` against a documented schema, resolving `#/components/...` against the document. */
function schemaErrors(schema: object, body: unknown): string | null {
  const check = ajv.compile({ ...schema, components: document.components });
  return check(body) ? null : ajv.errorsText(check.errors);
}

const APP_API = path.join(process.cwd(), "app", "api", "v1");

/** `/api/v1/flows/{flowId}/route` → app/api/v1/flows/[flowId]/route/route.ts */
function moduleFileOf(route: string): string {
  const segments = route
    .replace(/^\/api\/v1\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
  return path.join(APP_API, ...segments, "route.ts");
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function handlerOf(route: string, method: string): Promise<Handler> {
  const mod = (await import(moduleFileOf(route))) as Record<string, unknown>;
  const handler = mod[method.toUpperCase()];
  if (typeof handler !== "function") throw new Error(`${route} exports no ${method.toUpperCase()}`);
  return handler as Handler;
}

let database: Database;
let fx: RoutingFixture;
const keys: Record<string, string> = {};
let leadId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  holder.__switchyardDb = Promise.resolve(database);
  fx = await createRoutingFixture(database.db);
  for (const scope of ["route", "read"] as const) {
    keys[scope] = (await fx.as.admin.apiKeys.create({ name: scope, scopes: [scope] })).key;
  }
  leadId = (await fx.as.admin.routing.route({ flowId: fx.flowId, lead: emeaLead(1) })).leadId;
});
afterAll(async () => {
  delete holder.__switchyardDb;
  await database.close();
});

/** The media type's example, else its first named example, else its (referenced) schema's example. */
function exampleOf(media: MediaType | undefined): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const named = Object.values(media.examples ?? {})[0];
  if (named) return named.value;
  let schema = media.schema as { $ref?: string; example?: unknown } | undefined;
  const ref = schema?.$ref?.replace("#/components/schemas/", "");
  if (ref) schema = (document.components.schemas as Record<string, { example?: unknown }>)[ref];
  return schema?.example;
}

interface CallOptions {
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  body?: string;
  authenticated?: boolean;
}

/** Calls the real route module's handler the way Next would. */
async function call(route: string, method: string, op: Operation, options: CallOptions = {}) {
  const params = op.parameters ?? [];
  const pathParams: Record<string, string> = {};
  for (const p of params.filter((p) => p.in === "path")) {
    pathParams[p.name] = p.name === "flowId" ? fx.flowId : p.name === "leadId" ? leadId : "";
  }
  Object.assign(pathParams, options.pathParams);
  const url = new URL(
    `http://localhost${route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ""))}`,
  );
  const query: Record<string, string> = {};
  for (const p of params.filter((p) => p.in === "query" && p.required)) {
    query[p.name] = String(p.example ?? p.schema?.example);
  }
  for (const [name, value] of Object.entries({ ...query, ...options.query }))
    url.searchParams.set(name, value);

  const headers: Record<string, string> = { "content-type": "application/json" };
  const scope = op.security?.[0]?.apiKey?.[0];
  const usesSession = op.security?.some((s) => "sessionCookie" in s) ?? false;
  const authenticated = options.authenticated ?? true;
  if (scope && authenticated) headers.authorization = `Bearer ${keys[scope]}`;
  state.session =
    usesSession && authenticated ? { userId: fx.users.admin, workspaceId: fx.workspaceId } : null;

  const example = exampleOf(op.requestBody?.content["application/json"]);
  const body = options.body ?? (example === undefined ? undefined : JSON.stringify(example));
  const request = new Request(url, { method: method.toUpperCase(), headers, body });
  const handler = await handlerOf(route, method);
  return handler(request, { params: Promise.resolve(pathParams) });
}

/** The answer's status is documented and its body matches the documented schema for that status. */
async function expectDocumented(
  op: Operation,
  response: Response,
): Promise<{ status: number; text: string }> {
  const documented = op.responses[String(response.status)];
  const text = await response.text();
  expect(
    documented,
    `status ${response.status} is not documented for ${op.operationId}: ${text}`,
  ).toBeDefined();
  const result = { status: response.status, text };
  if (!documented) return result;
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    if (header.required) expect(response.headers.get(name), `${op.operationId} ${name}`).not.toBeNull();
  }
  const contentType = response.headers.get("content-type") ?? "";
  const [mediaType, media] = Object.entries(documented.content ?? {})[0] ?? [];
  if (!mediaType) return result;
  expect(contentType.startsWith(mediaType)).toBe(true);
  if (mediaType === "application/json" && media?.schema) {
    expect(schemaErrors(media.schema, JSON.parse(text)), `${op.operationId} ${response.status}`).toBeNull();
  }
  return result;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect((document as unknown as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("documents every route file under app/api/v1 and every method it exports", async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") files.push(full);
      }
    };
    walk(APP_API);
    expect(files.length).toBeGreaterThanOrEqual(9);
    const documentedFiles = new Set(Object.keys(document.paths).map(moduleFileOf));
    for (const file of files) {
      expect(documentedFiles.has(file), `${path.relative(process.cwd(), file)} is not documented`).toBe(true);
      const route = Object.keys(document.paths).find((r) => moduleFileOf(r) === file) ?? "";
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = Object.keys(mod).filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name));
      const item = document.paths[route] ?? {};
      expect(exported.map((m) => m.toLowerCase()).sort()).toEqual(METHODS.filter((m) => item[m]).sort());
    }
  });

  it("describes every webhook event with the Standard Webhooks headers and envelope", () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const [type, item] of Object.entries(document.webhooks)) {
      const headers = (item.post.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name);
      expect(headers.sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
      const schema = item.post.requestBody?.content["application/json"]?.schema ?? {};
      const sample = { type, timestamp: "2026-01-31T09:30:00Z", data: {} };
      // The envelope pins `type` and requires `data` to be the event's own shape.
      expect(schemaErrors(schema, sample)).not.toBeNull();
      expect(schemaErrors(schema, { ...sample, type: "other.event" })).toMatch(/type/);
    }
  });

  it("is served publicly and cacheably at /api/v1/openapi.json", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("public");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe("every documented operation answers as documented", () => {
  it.each(operations)("$method $route: a valid example request", async ({ route, method, op }) => {
    const { status, text } = await expectDocumented(op, await call(route, method, op));
    expect(status, text).toBeGreaterThanOrEqual(200);
    expect(status, text).toBeLessThan(300);
  });

  it.each(operations)("$method $route: an invalid request", async ({ route, method, op }) => {
    const params = op.parameters ?? [];
    const pathParam = params.find((p) => p.in === "path");
    const queryParam = params.find((p) => p.in === "query");
    let options: CallOptions;
    if (pathParam) options = { pathParams: { [pathParam.name]: "not-a-uuid" } };
    else if (queryParam) options = { query: { [queryParam.name]: "%not-valid%" } };
    else if (op.requestBody) options = { body: "{not json" };
    else {
      // Nothing to get wrong: no parameters, no body, no credentials.
      expect(op.security).toEqual([]);
      return;
    }
    const { status, text } = await expectDocumented(op, await call(route, method, op, options));
    expect(status, text).toBe(400);
  });

  it.each(operations.filter(({ op }) => (op.security ?? []).length > 0))(
    "$method $route: without credentials",
    async ({ route, method, op }) => {
      const { status, text } = await expectDocumented(
        op,
        await call(route, method, op, { authenticated: false }),
      );
      expect(status, text).toBe(401);
    },
  );

  it.each(operations.filter(({ op }) => op.security?.[0]?.apiKey))(
    "$method $route: with a key of the other scope",
    async ({ route, method, op }) => {
      const scope = op.security?.[0]?.apiKey?.[0];
      const other = scope === "route" ? "read" : "route";
      const saved = keys[scope ?? ""];
      keys[scope ?? ""] = keys[other] ?? "";
      try {
        const { status, text } = await expectDocumented(op, await call(route, method, op));
        expect(status, text).toBe(403);
      } finally {
        keys[scope ?? ""] = saved ?? "";
      }
    },
  );

  it.each(operations.filter(({ op }) => op.security?.[0]?.apiKey))(
    "$method $route: over the key's rate limit",
    async ({ route, method, op }) => {
      const scope = op.security?.[0]?.apiKey?.[0] ?? "";
      const saved = keys[scope];
      keys[scope] = (
        await fx.as.admin.apiKeys.create({ name: "Tight", scopes: [scope as "route"], rateLimitPerMinute: 1 })
      ).key;
      try {
        await call(route, method, op);
        const refused = await call(route, method, op);
        expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
        const { status, text } = await expectDocumented(op, refused);
        expect(status, text).toBe(429);
      } finally {
        keys[scope] = saved ?? "";
      }
    },
  );
});
