import { type ZodError, z } from "zod";

// Input schemas shared by the tRPC routers and the forms; zod only, so safe in the client bundle.

export const MIN_PASSWORD_LENGTH = 8;
export const API_KEY_SCOPES = ["route", "read", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const trimmed = (max: number) =>
  z.string().trim().min(1, "is required").max(max, `must be at most ${max} characters`);
const tag = z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters");
const tags = z.array(tag).max(100, "must have at most 100 entries");

export const idInput = z.object({ id: z.uuid("must be a valid id") });

export const signUpInput = z.object({
  name: trimmed(120),
  email: z.email("must be a valid email address").max(254),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(200, "must be at most 200 characters"),
  workspaceName: trimmed(120),
});

export const repStatusSchema = z.enum(["active", "away", "inactive"]);

/** A rep's fields without defaults: an update must only touch the fields it names. */
const repFieldChecks = {
  name: trimmed(120),
  email: z.email("must be a valid email address").max(254),
  territories: tags,
  skills: tags,
  weight: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100"),
  capacity: z
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(100_000, "must be at most 100000")
    .nullable(),
  timezone: z
    .string()
    .trim()
    .min(1, "is required")
    .refine(isKnownTimeZone, "must be an IANA time zone such as Europe/Berlin"),
  /** Slack-compatible incoming-webhook URL for this rep's new-lead notifications; checked by the service. */
  notifyUrl: z
    .string()
    .trim()
    .max(2048, "must be at most 2048 characters")
    .transform((value) => value || null)
    .nullable()
    .optional(),
};

export const createRepInput = z.object({
  ...repFieldChecks,
  territories: repFieldChecks.territories.default([]),
  skills: repFieldChecks.skills.default([]),
  weight: repFieldChecks.weight.default(1),
  capacity: repFieldChecks.capacity.default(null),
  timezone: repFieldChecks.timezone.default("UTC"),
});
export const updateRepInput = z
  .object(repFieldChecks)
  .partial()
  .extend({ id: z.uuid("must be a valid id") });
export const setRepStatusInput = z
  .object({
    id: z.uuid("must be a valid id"),
    status: repStatusSchema,
    awayUntil: z.coerce.date("must be a date").nullable().default(null),
  })
  .refine((v) => v.status === "away" || v.awayUntil === null, {
    path: ["awayUntil"],
    message: "can only be set when status is away",
  });

export const poolStrategySchema = z.enum(["round_robin", "weighted_round_robin", "least_loaded"]);
const poolMember = z.object({
  repId: z.uuid("must be a valid id"),
  weight: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100")
    .default(1),
});
export const poolFields = z.object({
  name: trimmed(120),
  strategy: poolStrategySchema.default("round_robin"),
  members: z
    .array(poolMember)
    .max(500, "must have at most 500 members")
    .default([])
    .refine(
      (members) => new Set(members.map((m) => m.repId)).size === members.length,
      "must not list a rep twice",
    ),
});
export const createPoolInput = poolFields;
export const updatePoolInput = poolFields.partial().extend({ id: z.uuid("must be a valid id") });

export const roleSchema = z.enum(["admin", "editor", "viewer"]);
export const addMemberInput = z.object({
  name: trimmed(120),
  email: z.email("must be a valid email address").max(254),
  role: roleSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(200, "must be at most 200 characters"),
});
export const setMemberRoleInput = z.object({ userId: z.uuid("must be a valid id"), role: roleSchema });
export const removeMemberInput = z.object({ userId: z.uuid("must be a valid id") });
export const renameWorkspaceInput = z.object({ name: trimmed(120) });

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const MAX_RATE_LIMIT_PER_MINUTE = 100_000;
const rateLimitPerMinute = z
  .number("must be a number")
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_RATE_LIMIT_PER_MINUTE, `must be at most ${MAX_RATE_LIMIT_PER_MINUTE}`);

export const createApiKeyInput = z.object({
  name: trimmed(120),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "must include at least one scope").default(["route"]),
  /** Requests a minute, as a burst of that size refilled evenly. */
  rateLimitPerMinute: rateLimitPerMinute.default(DEFAULT_RATE_LIMIT_PER_MINUTE),
});
export const setApiKeyRateLimitInput = z.object({ id: z.uuid("must be a valid id"), rateLimitPerMinute });

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Flows, routing and the decision log.
const flowId = z.uuid("must be a valid id");
/** The graph's structure is checked by the engine on validate and publish; drafts may be incomplete. */
export const graphInput = z
  .object({ nodes: z.array(z.unknown()), edges: z.array(z.unknown()) })
  .loose()
  .refine((g) => JSON.stringify(g).length <= 2_000_000, "must be at most 2 MB");

/** Starting points for a new flow; "blank" sends every lead to the Unassigned queue. */
export const FLOW_TEMPLATES = ["blank", "round_robin", "territory", "score_intent_skill"] as const;
export type FlowTemplateId = (typeof FLOW_TEMPLATES)[number];

export const createFlowInput = z.object({
  name: trimmed(120),
  description: z.string().max(2000).default(""),
  template: z.enum(FLOW_TEMPLATES).default("blank"),
});
export const updateFlowInput = z.object({
  id: flowId,
  name: trimmed(120).optional(),
  description: z.string().max(2000).optional(),
});
export const saveDraftInput = z.object({
  id: flowId,
  graph: graphInput,
  expectedRevision: z.number().int("must be a whole number").min(0, "must be 0 or more"),
});
export const publishFlowInput = z.object({
  id: flowId,
  message: z.string().trim().max(500, "must be at most 500 characters").default(""),
  expectedRevision: z.number().int("must be a whole number").min(0, "must be 0 or more").optional(),
  deploy: z.boolean().default(true),
  /** Publish even though saved test cases fail against the draft; the version message records it. */
  overrideFailingTests: z.boolean().default(false),
});
export const flowIdInput = z.object({ flowId });
export const versionIdInput = z.object({ versionId: z.uuid("must be a valid id") });
export const diffVersionsInput = z.object({
  fromVersionId: z.uuid("must be a valid id"),
  toVersionId: z.uuid("must be a valid id"),
});

// Test runs and saved test cases. Leads are checked like routed leads (server/services/lead-input.ts).
export const BANDS = ["hot", "warm", "cold"] as const;
const band = z.enum(BANDS).optional();
/** Where a saved test case's lead must end up, optionally with its score band. */
export const testCaseExpectedSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pool"), poolId: z.uuid("must be a valid id"), band }),
  z.object({ kind: z.literal("rep"), repId: z.uuid("must be a valid id"), band }),
  z.object({ kind: z.literal("queue"), queue: trimmed(128), band }),
  z.object({ kind: z.literal("rejected"), band }),
]);
export type TestCaseExpected = z.output<typeof testCaseExpectedSchema>;

export const testRunInput = z.object({
  flowId,
  /** The editor's unsaved graph; without it the stored draft runs. */
  graph: graphInput.optional(),
  lead: z.unknown(),
});
export const runAllTestCasesInput = z.object({ flowId, graph: graphInput.optional() });
export const recentLeadsInput = z.object({
  flowId,
  limit: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(50, "must be at most 50")
    .default(10),
});
export const createTestCaseInput = z.object({
  flowId,
  name: trimmed(120),
  lead: z.unknown(),
  expected: testCaseExpectedSchema,
});
export const updateTestCaseInput = z.object({
  id: z.uuid("must be a valid id"),
  name: trimmed(120).optional(),
  lead: z.unknown().optional(),
  expected: testCaseExpectedSchema.optional(),
});

export const routeLeadInput = z.object({
  flowId,
  lead: z.unknown(),
  idempotencyKey: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(255, "must be at most 255 characters")
    .optional(),
});

export const listLeadsInput = z.object({
  flowId: z.uuid("must be a valid id").optional(),
  repId: z.uuid("must be a valid id").optional(),
  band: z.enum(["hot", "warm", "cold"]).optional(),
  status: z.enum(["open", "closed", "reassigned"]).optional(),
  outcome: z.enum(["rep", "queue", "rejected"]).optional(),
  fallback: z.boolean().optional(),
  search: z.string().trim().max(200, "must be at most 200 characters").optional(),
  from: z.coerce.date("must be a date").optional(),
  to: z.coerce.date("must be a date").optional(),
  cursor: z.uuid("must be a valid id").nullish(),
  limit: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
});
export const updateLeadStatusInput = z.object({
  id: z.uuid("must be a valid id"),
  status: z.enum(["closed", "reassigned"]),
  repId: z.uuid("must be a valid id").optional(),
});

/**
 * "members.0.repId: must be a valid id; name: is required" — every problem names its field.
 * `rootField` names problems with the input as a whole (e.g. "body"); without it they stand alone.
 */
export function describeZodError(error: ZodError, rootField?: string): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join(".") || rootField;
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
