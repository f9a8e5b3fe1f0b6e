import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Role } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { type ApiKeyScope, describeZodError } from "@/server/schemas";
import { findMembership } from "@/server/services/accounts";
import { authenticateApiKey, keyAllows } from "@/server/services/api-keys";
import { ServiceError } from "@/server/services/errors";

export interface SessionIdentity {
  userId: string;
  workspaceId: string;
}

export interface Context {
  db: Db;
  session: SessionIdentity | null;
  /** The `Authorization: Bearer` key sent with the request; only integration procedures accept one. */
  apiKey?: string | null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : shape.message,
      data: {
        ...shape.data,
        // The stack is for logs, not for API clients.
        stack: undefined,
        fieldErrors: zodError
          ? zodError.issues.map((issue) => ({
              field: issue.path.map(String).join("."),
              message: issue.message,
            }))
          : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Expected service failures become their tRPC code and invalid input a BAD_REQUEST whose message
 * names each field; anything else stays an internal error. Placed first so it also sees input parsing.
 */
const mapExpectedErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof ServiceError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof ZodError)
    throw new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause });
  return result;
});

export const publicProcedure = t.procedure.use(mapExpectedErrors);

const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The procedures integrations may call with an API key; everything else needs a signed-in session. */
export const API_KEY_PROCEDURES = [
  "routing.route",
  "outcomes.report",
  "leads.list",
  "leads.get",
  "flows.list",
  "flows.get",
] as const;

async function resolveSession(ctx: Context) {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const membership = await findMembership(ctx.db, ctx.session.userId, ctx.session.workspaceId);
  if (!membership)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "You are not a member of this workspace" });
  return {
    userId: ctx.session.userId,
    workspaceId: ctx.session.workspaceId,
    role: membership.role,
    userName: membership.userName,
    userEmail: membership.userEmail,
    workspaceName: membership.workspaceName,
  };
}

function checkRole(role: Role, minimum: Role): void {
  if (ROLE_RANK[role] < ROLE_RANK[minimum]) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `This action needs the ${minimum} role; you are ${role === "admin" ? "an" : "a"} ${role}`,
    });
  }
}

function hasApiKey(ctx: Context): ctx is Context & { apiKey: string } {
  return ctx.apiKey !== undefined && ctx.apiKey !== null;
}

/** Resolves the caller's membership on every call, so a role change or removal takes effect at once. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (hasApiKey(ctx)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `API keys may call ${API_KEY_PROCEDURES.join(", ")} only; sign in for the rest`,
    });
  }
  return next({ ctx: { auth: await resolveSession(ctx) } });
});

function requireRole(minimum: Role) {
  return protectedProcedure.use(({ ctx, next }) => {
    checkRole(ctx.auth.role, minimum);
    return next();
  });
}

/** Changes routing configuration: editors and admins. */
export const editorProcedure = requireRole("editor");
/** Manages people and API keys: admins only. */
export const adminProcedure = requireRole("admin");

/** Who called an integration procedure: a signed-in member, or an API key of the workspace. */
export interface IntegrationAuth {
  workspaceId: string;
  via: "session" | "apiKey";
  /** The member's user id; null for an API key. */
  userId: string | null;
}

/**
 * A procedure integrations may call with `Authorization: Bearer <api key>` (holding `scope`, or
 * `admin`), under the key's rate limit; without a key it needs a session with at least `minRole`.
 */
export function integrationProcedure(scope: ApiKeyScope, minRole: Role) {
  return publicProcedure.use(async ({ ctx, next }) => {
    let auth: IntegrationAuth;
    if (hasApiKey(ctx)) {
      const result = await authenticateApiKey(ctx.db, ctx.apiKey);
      if (result.kind === "unknown")
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Authorization: the API key is unknown or revoked",
        });
      if (result.kind === "rate_limited") {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `Authorization: the API key's limit of ${result.rateLimit.limit} requests a minute is used up; retry in ${result.retryAfterSeconds} s`,
        });
      }
      if (!keyAllows(result.principal, scope))
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `Authorization: the API key lacks the '${scope}' scope`,
        });
      auth = { workspaceId: result.principal.workspaceId, via: "apiKey", userId: null };
    } else {
      const session = await resolveSession(ctx);
      checkRole(session.role, minRole);
      auth = { workspaceId: session.workspaceId, via: "session", userId: session.userId };
    }
    return next({ ctx: { auth } });
  });
}
