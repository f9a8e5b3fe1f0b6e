import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import {
  CONTRACT_EXAMPLE_IDS as EXAMPLE,
  errorBody,
  flowDetail,
  flowIdParams,
  flowList,
  leadBody,
  leadDetail,
  leadIdParams,
  leadPage,
  leadStatusBody,
  leadStatusResult,
  listFlowsQuery,
  listLeadsQuery,
  outcomeReportBody,
  outcomeResult,
  routeDecision,
  routeHeaders,
} from "@/server/http/contract";
import type { ApiKeyScope } from "@/server/schemas";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "@/server/schemas";
import { analyticsFiltersInput } from "@/server/services/analytics-input";
import {
  WEBHOOK_EVENT_DATA,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "@/server/services/webhooks/events";

/**
 * The OpenAPI 3.1 document of /api/v1, built from the zod schemas the handlers use
 * (server/http/contract.ts) and the webhook event contract (server/services/webhooks/events.ts).
 * Served at GET /api/v1/openapi.json and rendered by the docs page (/docs/api).
 */

export const OPENAPI_PATH = "/api/v1/openapi.json";
export const DOCS_PATH = "/docs/api";

// ── Headers ──────────────────────────────────────────────────────────────────────────────────────

const rateLimitHeaders = z.object({
  "ratelimit-limit": z.number().int().meta({ description: "Requests a minute the key may make." }),
  "ratelimit-remaining": z.number().int().meta({ description: "Requests left in the current burst." }),
  "ratelimit-reset": z.number().int().meta({ description: "Seconds until the burst is full again." }),
});
const retryAfterHeaders = rateLimitHeaders.extend({
  "retry-after": z.number().int().meta({ description: "Seconds to wait before the next request." }),
});
const replayedHeaders = rateLimitHeaders.extend({
  "idempotent-replayed": z
    .literal("true")
    .optional()
    .meta({ description: "Present when the answer is a stored one (nothing was done twice)." }),
});

// ── Responses ────────────────────────────────────────────────────────────────────────────────────

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: "Bad input; the message names the field.",
  401: "Missing, unknown or revoked API key.",
  403: "The key lacks the scope this endpoint needs.",
  404: "No such resource in the key's workspace (other workspaces' ids answer 404 too).",
  409: "Conflicts with the current state.",
  429: "The key's rate limit is used up; retry after `Retry-After` seconds. Nothing was done.",
  500: "Something went wrong on our side; nothing was recorded.",
  503: "The database is unreachable; nothing was recorded. Retry after `Retry-After` seconds.",
};

const ERROR_CODE_OF: Record<ErrorStatus, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
  500: "internal",
  503: "unavailable",
};

function errorResponse(status: ErrorStatus, message: string): ZodOpenApiResponseObject {
  const headers =
    status === 429
      ? retryAfterHeaders
      : status === 503
        ? z.object({ "retry-after": z.number().int() })
        : undefined;
  return {
    description: ERROR_DESCRIPTIONS[status],
    ...(headers && { headers }),
    content: {
      "application/json": {
        schema: errorBody,
        example: { error: { code: ERROR_CODE_OF[status], message } },
      },
    },
  };
}

/** The failures every API-key endpoint shares, plus its own, each with an example message. */
function keyedErrors(
  scope: ApiKeyScope,
  own: Partial<Record<ErrorStatus, string>>,
): ZodOpenApiResponsesObject {
  const messages: Partial<Record<ErrorStatus, string>> = {
    401: "Authorization: send an API key as 'Authorization: Bearer <key>'",
    403: `Authorization: the API key lacks the '${scope}' scope`,
    429: "Authorization: the API key's limit of 600 requests a minute is used up; retry in 1 s",
    500: "Something went wrong on our side; nothing was recorded.",
    503: "The database is unavailable; nothing was recorded. Retry shortly.",
    ...own,
  };
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, message] of Object.entries(messages)) {
    responses[status as `${ErrorStatus}`] = errorResponse(Number(status) as ErrorStatus, message);
  }
  return responses;
}

function ok(description: string, schema: z.ZodType, headers: z.ZodObject = rateLimitHeaders) {
  return { description, headers, content: { "application/json": { schema } } };
}

function keyed(
  scope: ApiKeyScope,
  operation: Omit<ZodOpenApiOperationObject, "security">,
): ZodOpenApiOperationObject {
  return {
    ...operation,
    description:
      `${operation.description ?? ""}\n\nNeeds an API key with the \`${scope}\` scope (or \`admin\`).`.trim(),
    security: [{ apiKey: [scope] }],
    "x-scope": scope,
  };
}

// ── Paths ────────────────────────────────────────────────────────────────────────────────────────

const analyticsExportQuery = z.object({
  from: analyticsFiltersInput.shape.from.meta({
    description: "Start of the range (ISO 8601).",
    example: "2026-01-01",
  }),
  to: analyticsFiltersInput.shape.to.meta({
    description: "End of the range, exclusive (ISO 8601).",
    example: "2026-02-01",
  }),
  flowId: analyticsFiltersInput.shape.flowId,
  poolId: analyticsFiltersInput.shape.poolId,
});

const paths: ZodOpenApiPathsObject = {
  "/api/v1/flows/{flowId}/route": {
    post: keyed("route", {
      operationId: "routeLead",
      tags: ["Routing"],
      summary: "Route a lead",
      description:
        "Sends the lead to the flow's live version (or its A/B arm) and answers who owns it and why. The lead is recorded in the same transaction as the decision.",
      requestParams: { path: flowIdParams, header: routeHeaders },
      requestBody: { required: true, content: { "application/json": { schema: leadBody } } },
      responses: {
        200: ok(
          "Routed, or the stored answer of an earlier request with this Idempotency-Key.",
          routeDecision,
          replayedHeaders,
        ),
        ...keyedErrors("route", {
          400: "lead: must be a JSON object of lead fields",
          404: "flowId: no flow with this id in your workspace",
          409: "flowId: the flow has no live version; publish it first",
        }),
      },
    }),
  },
  "/api/v1/leads/{leadId}/outcome": {
    post: keyed("route", {
      operationId: "reportOutcome",
      tags: ["Leads"],
      summary: "Report an outcome",
      description:
        "Records what happened to a routed lead. One outcome per kind; the same kind again answers 200 with the stored outcome. Outcomes are never rewritten.",
      requestParams: { path: leadIdParams },
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: outcomeReportBody,
            examples: {
              won: { summary: "Won, now", value: { kind: "won", value: 12000 } },
              contactedAt: {
                summary: "Contacted at a given time",
                value: { kind: "contacted", occurredAt: EXAMPLE.time },
              },
            },
          },
        },
      },
      responses: {
        201: ok("Recorded.", outcomeResult),
        200: ok(
          "This kind was reported before: the stored outcome, `replayed: true`.",
          outcomeResult,
          replayedHeaders,
        ),
        ...keyedErrors("route", {
          400: "kind: must be one of contacted, meeting_booked, qualified, won, lost",
          404: "leadId: no lead with this id in your workspace",
          409: "kind: the lead is already reported as 'lost'",
        }),
      },
    }),
  },
  "/api/v1/leads/{leadId}/status": {
    post: keyed("route", {
      operationId: "setLeadStatus",
      tags: ["Leads"],
      summary: "Close or reassign a lead",
      description: "Either way the previous owner's open-lead count drops, freeing capacity.",
      requestParams: { path: leadIdParams },
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: leadStatusBody,
            examples: {
              close: { summary: "Close", value: { status: "closed" } },
              reassign: { summary: "Hand over", value: { status: "reassigned", repId: EXAMPLE.repId } },
            },
          },
        },
      },
      responses: {
        200: ok("The lead's new status and owner.", leadStatusResult),
        ...keyedErrors("route", {
          400: 'status: Invalid option: expected one of "closed"|"reassigned"',
          404: "id: no lead with this id in your workspace",
          409: "status: the lead is closed already",
        }),
      },
    }),
  },
  "/api/v1/leads": {
    get: keyed("read", {
      operationId: "listLeads",
      tags: ["Leads"],
      summary: "List leads",
      description:
        "The decision log, newest first, filtered; page with `cursor` = the previous page's `nextCursor`.",
      requestParams: { query: listLeadsQuery },
      responses: {
        200: ok("One page of leads.", leadPage),
        ...keyedErrors("read", { 400: "limit: must be at most 200" }),
      },
    }),
  },
  "/api/v1/leads/{leadId}": {
    get: keyed("read", {
      operationId: "getLead",
      tags: ["Leads"],
      summary: "Get a lead",
      description:
        "The lead's data, status, owner, the decision with its path, version, score and band, and its outcomes.",
      requestParams: { path: leadIdParams },
      responses: {
        200: ok("The lead.", leadDetail),
        ...keyedErrors("read", {
          400: "leadId: must be a valid id",
          404: "leadId: no lead with this id in your workspace",
        }),
      },
    }),
  },
  "/api/v1/flows": {
    get: keyed("read", {
      operationId: "listFlows",
      tags: ["Flows"],
      summary: "List flows",
      description: "Flows by name, with the live deployment's arms and version numbers.",
      requestParams: { query: listFlowsQuery },
      responses: {
        200: ok("The flows.", flowList),
        ...keyedErrors("read", { 400: "archived: must be include or exclude" }),
      },
    }),
  },
  "/api/v1/flows/{flowId}": {
    get: keyed("read", {
      operationId: "getFlow",
      tags: ["Flows"],
      summary: "Get a flow",
      description: "One flow with its live arms and every published version, newest first.",
      requestParams: { path: flowIdParams },
      responses: {
        200: ok("The flow.", flowDetail),
        ...keyedErrors("read", {
          400: "flowId: must be a valid id",
          404: "flowId: no flow with this id in your workspace",
        }),
      },
    }),
  },
  "/api/v1/analytics/export": {
    get: {
      operationId: "exportDecisions",
      tags: ["Analytics"],
      summary: "Export decisions as CSV",
      description:
        "The decisions of a date range (at most 366 days), oldest first, streamed as RFC 4180 CSV with a header row; at most 100,000 rows. For the signed-in app (session cookie), not for API keys.",
      security: [{ sessionCookie: [] }],
      requestParams: { query: analyticsExportQuery },
      responses: {
        200: {
          description: "The CSV file.",
          content: {
            "text/csv": {
              schema: z.string().meta({ description: "RFC 4180 CSV" }),
              example: "decided_at,lead_id,flow,version,…\r\n",
            },
          },
        },
        400: errorResponse(400, "from: must be before to"),
        401: errorResponse(401, "Sign in to continue"),
        500: errorResponse(500, "Something went wrong on our side; nothing was recorded."),
      },
    },
  },
  [OPENAPI_PATH]: {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Meta"],
      summary: "This document",
      description: "The OpenAPI 3.1 document of the HTTP API and its webhooks. Public and cacheable.",
      security: [],
      responses: {
        200: {
          description: "The OpenAPI document.",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    },
  },
};

// ── Webhooks ─────────────────────────────────────────────────────────────────────────────────────

const WEBHOOK_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "lead.routed": "A lead was routed (also rejected leads); sent after the decision is committed.",
  "lead.reassigned": "A lead was handed to another rep.",
  "lead.outcome": "An outcome was reported for a lead (first report of each kind only).",
  "flow.published": "A flow version was published (and possibly deployed).",
};

const webhookHeaders = z.object({
  "webhook-id": z
    .string()
    .meta({ description: "Unique per event; the same on every retry. Deduplicate on it." }),
  "webhook-timestamp": z.string().meta({ description: "Unix seconds when this attempt was signed." }),
  "webhook-signature": z.string().meta({
    description:
      '`v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">` with the endpoint\'s secret (Standard Webhooks).',
  }),
});

function webhook(type: WebhookEventType): ZodOpenApiOperationObject {
  const envelope = z
    .object({
      type: z.literal(type),
      timestamp: z.iso.datetime({ offset: true }).meta({ description: "When the event happened." }),
      data: WEBHOOK_EVENT_DATA[type],
    })
    .meta({ id: `WebhookEvent_${type.replace(".", "_")}` });
  return {
    operationId: `webhook_${type.replace(".", "_")}`,
    tags: ["Webhooks"],
    summary: type,
    description: `${WEBHOOK_DESCRIPTIONS[type]} Delivered at least once, retried with exponential backoff (8 attempts over about a day) until your endpoint answers 2xx.`,
    security: [],
    requestParams: { header: webhookHeaders },
    requestBody: { required: true, content: { "application/json": { schema: envelope } } },
    responses: {
      "2XX": { description: "Accepted: delivery is done." },
      default: { description: "Anything else (or no answer within 10 s) is retried." },
    },
  };
}

const webhooks: ZodOpenApiPathsObject = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, { post: webhook(type) }]),
);

// ── Document ─────────────────────────────────────────────────────────────────────────────────────

const DESCRIPTION = `Route leads through Switchyard flows and read the decision log.

**Authentication.** Create a key in Settings → API keys and send it as \`Authorization: Bearer <key>\`. Each key has scopes: \`route\` (route leads, report outcomes, close or reassign leads), \`read\` (list and read leads and flows) and \`admin\` (everything).

**Rate limits.** Each key may make ${DEFAULT_RATE_LIMIT_PER_MINUTE} requests a minute unless its admin set another limit: a burst of that many, refilled evenly (GCRA, shared by every app process). Answers carry \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`; a refused request answers 429 with \`Retry-After\` (seconds) and does nothing.

**Errors** are \`{ "error": { "code", "message" } }\`; the message names the field at fault.`;

let cached: ReturnType<typeof createDocument> | null = null;

/** The document; built once per process (it only depends on code). */
export function openApiDocument(): ReturnType<typeof createDocument> {
  cached ??= createDocument(
    {
      openapi: "3.1.0",
      info: { title: "Switchyard API", version: "1.0.0", description: DESCRIPTION },
      tags: [
        { name: "Routing", description: "Send leads to a flow." },
        { name: "Leads", description: "Read the decision log and report what became of leads." },
        { name: "Flows", description: "Read flows and their live versions." },
        { name: "Analytics", description: "Exports for the signed-in app." },
        { name: "Meta", description: "This document." },
        { name: "Webhooks", description: "Events Switchyard POSTs to your endpoints." },
      ],
      paths,
      webhooks,
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "sy_<prefix>_<secret>",
            description:
              "An API key from Settings → API keys. The scopes listed on an operation are the key scopes it needs; `admin` implies all.",
          },
          sessionCookie: {
            type: "apiKey",
            in: "cookie",
            name: "next-auth.session-token",
            description: "The signed-in app's session.",
          },
        },
      },
    },
    {
      override: ({ jsonSchema, zodSchema, io }) => {
        // Query strings arrive as text; dates are coerced from ISO 8601 strings.
        if (zodSchema._zod.def.type === "date" && io === "input") {
          jsonSchema.type = "string";
          jsonSchema.format = "date-time";
        }
      },
    },
  );
  return cached;
}
