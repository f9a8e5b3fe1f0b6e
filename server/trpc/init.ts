import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Role } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { describeZodError } from "@/server/schemas";
import { findMembership } from "@/server/services/accounts";
import { ServiceError } from "@/server/services/errors";

export interface SessionIdentity {
  userId: string;
  workspaceId: string;
}

export interface Context {
  db: Db;
  session: SessionIdentity | null;
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

/** Resolves the caller's membership on every call, so a role change or removal takes effect at once. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const membership = await findMembership(ctx.db, ctx.session.userId, ctx.session.workspaceId);
  if (!membership)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "You are not a member of this workspace" });
  return next({
    ctx: {
      auth: {
        userId: ctx.session.userId,
        workspaceId: ctx.session.workspaceId,
        role: membership.role,
        userName: membership.userName,
        userEmail: membership.userEmail,
        workspaceName: membership.workspaceName,
      },
    },
  });
});

function requireRole(minimum: Role) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (ROLE_RANK[ctx.auth.role] < ROLE_RANK[minimum]) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This action needs the ${minimum} role; you are ${ctx.auth.role === "admin" ? "an" : "a"} ${ctx.auth.role}`,
      });
    }
    return next();
  });
}

/** Changes routing configuration: editors and admins. */
export const editorProcedure = requireRole("editor");
/** Manages people and API keys: admins only. */
export const adminProcedure = requireRole("admin");
