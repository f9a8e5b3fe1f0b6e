import { z } from "zod";
import { listLeadsInput, updateLeadStatusInput } from "@/server/schemas";
import { OUTCOME_KINDS, outcomeReportFields } from "@/server/services/outcomes";
import { MAX_IDEMPOTENCY_KEY_LENGTH, type RouteResponse } from "@/server/services/routing";

/**
 * The HTTP API's contract: every request and response body of /api/v1 as a zod schema. Handlers parse
 * their input with these schemas and type their answers with them, and server/http/openapi.ts builds
 * the OpenAPI document from the same objects, so the document cannot drift from the code.
 */

const id = z.uuid("must be a valid id");
const time = z.iso.datetime({ offset: true });
const EXAMPLE = {
  flowId: "5f0c6d1e-8a57-4a44-9c1b-2f0d7f3b9a10",
  leadId: "0b7e3c52-3d1f-4f59-8d6e-6a1f5c2e9b47",
  decisionId: "c2a8e0f4-71b5-4d3e-a0c6-9e1b2d3f4a5b",
  versionId: "8d4f2a61-0c3b-4e7a-b5d9-1f2e3a4b5c6d",
  repId: "3e9a7c15-b2d4-4f68-9a0b-c1d2e3f4a5b6",
  poolId: "71c4e2b8-5a9d-4c3f-8e1b-0a2b3c4d5e6f",
  deploymentId: "e5b1d3c7-9f2a-4b6e-8c0d-4a5b6c7d8e9f",
  outcomeId: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  time: "2026-01-31T09:30:00.000Z",
};

export { EXAMPLE as CONTRACT_EXAMPLE_IDS };

// ── Shared pieces ────────────────────────────────────────────────────────────────────────────────

export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "unavailable",
  "internal",
] as const;

export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: "Stable, machine-readable reason." }),
      message: z
        .string()
        .meta({ description: "Names the field at fault, e.g. `limit: must be at most 200`." }),
    }),
  })
  .meta({
    id: "Error",
    description: "Every error of the HTTP API has this shape.",
    example: { error: { code: "bad_request", message: "lead: must be a JSON object of lead fields" } },
  });
export type ErrorBody = z.output<typeof errorBody>;

const repAssignee = z.object({
  type: z.literal("rep"),
  id,
  name: z.string(),
  email: z.string(),
});
const queueAssignee = z.object({ type: z.literal("queue"), name: z.string() });
const ref = z.object({ id, name: z.string() });
const versionRef = z.object({ id, number: z.number().int() });
const routedOutcome = z
  .enum(["rep", "queue", "rejected"])
  .meta({ description: "`rejected`: the flow's source does not accept the lead's channel." });

// ── POST /api/v1/flows/{flowId}/route ────────────────────────────────────────────────────────────

export const flowIdParams = z.object({
  flowId: id.meta({ description: "The flow's id (Flows → a flow → Use it).", example: EXAMPLE.flowId }),
});
export const leadIdParams = z.object({
  leadId: id.meta({ description: "The lead's id, as answered by routing.", example: EXAMPLE.leadId }),
});

export const routeHeaders = z.object({
  "idempotency-key": z
    .string()
    .trim()
    .min(1, `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`)
    .max(MAX_IDEMPOTENCY_KEY_LENGTH, `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`)
    .optional()
    .meta({
      description:
        "Makes retries safe: a repeat with the same key and body answers the stored decision; kept 48 hours.",
      example: "form-submission-123",
    }),
});

/** The lead itself; its fields are whatever the flow's source declares. */
export const leadBody = z.record(z.string(), z.unknown(), "must be a JSON object of lead fields").meta({
  id: "Lead",
  description: "The lead: any JSON object, at most 64 KB and 16 levels deep.",
  example: { source: "web_form", email: "ada@example.com", country: "DE", company_size: 120 },
});

export const routeDecision = z
  .object({
    decisionId: id,
    leadId: id,
    outcome: routedOutcome,
    assignee: z
      .discriminatedUnion("type", [repAssignee, queueAssignee])
      .nullable()
      .meta({ description: "Null when the lead was rejected." }),
    pool: ref.nullable(),
    version: versionRef.meta({ description: "The version (A/B arm) that routed the lead." }),
    score: z.number().nullable(),
    band: z.string().nullable(),
    fallback: z.boolean().meta({ description: "The lead ended at a fallback step." }),
    path: z.array(z.string()).meta({ description: "Why this owner, as readable sentences." }),
    latencyMs: z.number(),
  })
  .meta({
    id: "RouteDecision",
    example: {
      decisionId: EXAMPLE.decisionId,
      leadId: EXAMPLE.leadId,
      outcome: "rep",
      assignee: { type: "rep", id: EXAMPLE.repId, name: "Ana Schmidt", email: "ana@acme.example" },
      pool: { id: EXAMPLE.poolId, name: "EMEA" },
      version: { id: EXAMPLE.versionId, number: 1 },
      score: null,
      band: null,
      fallback: false,
      path: [
        'Channel "web_form" accepted',
        'country in DE, FR, GB, IT, ES, NL, SE (was "DE") → EMEA',
        "weighted round-robin in EMEA picked Ana Schmidt (weight 2)",
      ],
      latencyMs: 6.1,
    },
  });

// The schema must describe exactly what routing answers; this fails to compile when either changes alone.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const routeDecisionMatchesService: Same<z.output<typeof routeDecision>, RouteResponse> = true;
void routeDecisionMatchesService;

// ── Outcomes and status ──────────────────────────────────────────────────────────────────────────

/** The tRPC input's report fields, strict over HTTP so a misspelt field is named instead of ignored. */
export const outcomeReportBody = outcomeReportFields.strict().meta({
  id: "OutcomeReport",
  example: { kind: "won", occurredAt: EXAMPLE.time, value: 12000 },
});

export const outcomeResult = z
  .object({
    id,
    leadId: id,
    kind: z.enum(OUTCOME_KINDS),
    occurredAt: time,
    value: z.number().nullable(),
    createdAt: time,
    replayed: z.boolean().meta({ description: "True when this kind was reported before (nothing changed)." }),
  })
  .meta({
    id: "Outcome",
    example: {
      id: EXAMPLE.outcomeId,
      leadId: EXAMPLE.leadId,
      kind: "won",
      occurredAt: EXAMPLE.time,
      value: 12000,
      createdAt: EXAMPLE.time,
      replayed: false,
    },
  });

export const leadStatusBody = updateLeadStatusInput.omit({ id: true }).meta({
  id: "LeadStatusChange",
  description: "`closed` frees the owner's capacity; `reassigned` hands the lead to `repId`.",
  example: { status: "reassigned", repId: EXAMPLE.repId },
});

export const leadStatusResult = z
  .object({
    id,
    status: z.enum(["open", "closed", "reassigned"]),
    assignedRepId: id.nullable(),
    closedAt: time.nullable(),
  })
  .meta({
    id: "LeadStatus",
    example: { id: EXAMPLE.leadId, status: "open", assignedRepId: EXAMPLE.repId, closedAt: null },
  });

// ── Reading leads ────────────────────────────────────────────────────────────────────────────────

export const MAX_LEADS_PAGE = 200;

/** Query string of GET /api/v1/leads; unknown parameters are refused by name. */
export const listLeadsQuery = z
  .strictObject({
    flowId: listLeadsInput.shape.flowId.meta({ description: "Only leads routed by this flow." }),
    status: listLeadsInput.shape.status,
    repId: listLeadsInput.shape.repId.meta({ description: "Only leads currently assigned to this rep." }),
    from: time
      .optional()
      .meta({ description: "Created at or after (ISO 8601).", example: "2026-01-01T00:00:00Z" }),
    to: time.optional().meta({ description: "Created before (ISO 8601, exclusive)." }),
    cursor: id.optional().meta({ description: "`nextCursor` of the previous page." }),
    limit: z.coerce
      .number("must be a number")
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(MAX_LEADS_PAGE, `must be at most ${MAX_LEADS_PAGE}`)
      .default(50)
      .meta({ description: "Page size.", example: 50 }),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ["from"],
    message: "must be before to",
  });

export const leadSummary = z
  .object({
    id,
    createdAt: time,
    status: z.enum(["open", "closed", "reassigned"]),
    summary: z.string().meta({ description: "The lead's name, email or company, whichever it has." }),
    flow: ref.nullable(),
    version: versionRef.nullable(),
    outcome: routedOutcome,
    assignee: z
      .discriminatedUnion("type", [z.object({ type: z.literal("rep"), id, name: z.string() }), queueAssignee])
      .nullable(),
    poolName: z.string().nullable(),
    score: z.number().nullable(),
    band: z.string().nullable(),
    fallback: z.boolean(),
    latencyMs: z.number().nullable(),
  })
  .meta({ id: "LeadSummary" });

const leadSummaryExample = {
  id: EXAMPLE.leadId,
  createdAt: EXAMPLE.time,
  status: "open",
  summary: "ada@example.com",
  flow: { id: EXAMPLE.flowId, name: "Inbound routing" },
  version: { id: EXAMPLE.versionId, number: 1 },
  outcome: "rep",
  assignee: { type: "rep", id: EXAMPLE.repId, name: "Ana Schmidt" },
  poolName: "EMEA",
  score: null,
  band: null,
  fallback: false,
  latencyMs: 6.1,
} satisfies z.output<typeof leadSummary>;

export const leadPage = z
  .object({
    items: z.array(leadSummary),
    nextCursor: id.nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "LeadPage", example: { items: [leadSummaryExample], nextCursor: null } });

export const leadDetail = z
  .object({
    id,
    createdAt: time,
    status: z.enum(["open", "closed", "reassigned"]),
    closedAt: time.nullable(),
    flow: ref.nullable(),
    lead: z.record(z.string(), z.unknown()).meta({ description: "The lead as it was routed." }),
    assignee: z
      .discriminatedUnion("type", [z.object({ type: z.literal("rep"), id, name: z.string() }), queueAssignee])
      .nullable(),
    decision: z.object({
      id,
      createdAt: time,
      outcome: routedOutcome,
      version: versionRef.nullable(),
      deploymentId: id.nullable().meta({ description: "With `version`, the A/B arm the lead met." }),
      pool: ref.nullable(),
      score: z.number().nullable(),
      band: z.string().nullable(),
      fallback: z.boolean(),
      path: z.array(z.string()).meta({ description: "Why this owner, as readable sentences." }),
      latencyMs: z.number().nullable(),
    }),
    outcomes: z.array(outcomeResult.omit({ replayed: true })),
  })
  .meta({
    id: "LeadDetail",
    example: {
      id: EXAMPLE.leadId,
      createdAt: EXAMPLE.time,
      status: "open",
      closedAt: null,
      flow: { id: EXAMPLE.flowId, name: "Inbound routing" },
      lead: { source: "web_form", email: "ada@example.com", country: "DE" },
      assignee: { type: "rep", id: EXAMPLE.repId, name: "Ana Schmidt" },
      decision: {
        id: EXAMPLE.decisionId,
        createdAt: EXAMPLE.time,
        outcome: "rep",
        version: { id: EXAMPLE.versionId, number: 1 },
        deploymentId: EXAMPLE.deploymentId,
        pool: { id: EXAMPLE.poolId, name: "EMEA" },
        score: null,
        band: null,
        fallback: false,
        path: ['country in DE, FR (was "DE") → EMEA', "round-robin in EMEA picked Ana Schmidt"],
        latencyMs: 6.1,
      },
      outcomes: [
        {
          id: EXAMPLE.outcomeId,
          leadId: EXAMPLE.leadId,
          kind: "contacted",
          occurredAt: EXAMPLE.time,
          value: null,
          createdAt: EXAMPLE.time,
        },
      ],
    },
  });

// ── Reading flows ────────────────────────────────────────────────────────────────────────────────

export const listFlowsQuery = z.strictObject({
  archived: z
    .enum(["include", "exclude"], "must be include or exclude")
    .default("exclude")
    .meta({ description: "`include` lists archived flows too." }),
});

const liveArm = z.object({
  versionId: id,
  number: z.number().int(),
  weight: z.number().int().meta({ description: "Share of traffic; one arm at 100 unless an A/B test runs." }),
});

const flowFields = {
  id,
  name: z.string(),
  description: z.string(),
  archived: z.boolean(),
  archivedAt: time.nullable(),
  updatedAt: time,
  live: z.array(liveArm).meta({
    description: "The live deployment's arms; empty when nothing is deployed (routing answers 409).",
  }),
};

export const flowSummary = z
  .object({
    ...flowFields,
    latestVersion: z.number().int().nullable(),
    lastPublishedAt: time.nullable(),
    leadsToday: z.number().int().meta({ description: "Leads routed since midnight UTC." }),
  })
  .meta({ id: "FlowSummary" });

const flowExample = {
  id: EXAMPLE.flowId,
  name: "Inbound routing",
  description: "Territory by country, then round robin",
  archived: false,
  archivedAt: null,
  updatedAt: EXAMPLE.time,
  live: [{ versionId: EXAMPLE.versionId, number: 1, weight: 100 }],
};

export const flowList = z.object({ items: z.array(flowSummary) }).meta({
  id: "FlowList",
  example: { items: [{ ...flowExample, latestVersion: 1, lastPublishedAt: EXAMPLE.time, leadsToday: 12 }] },
});

export const flowDetail = z
  .object({
    ...flowFields,
    versions: z.array(
      z.object({
        id,
        number: z.number().int(),
        message: z.string(),
        contentHash: z.string(),
        createdAt: time,
        liveWeight: z.number().int().nullable().meta({ description: "Its weight in the live deployment." }),
      }),
    ),
  })
  .meta({
    id: "FlowDetail",
    example: {
      ...flowExample,
      versions: [
        {
          id: EXAMPLE.versionId,
          number: 1,
          message: "First version",
          contentHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          createdAt: EXAMPLE.time,
          liveWeight: 100,
        },
      ],
    },
  });
