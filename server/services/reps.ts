import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { reps } from "@/drizzle/schema";
import type { Db, Executor } from "@/server/db/client";
import type { createRepInput, setRepStatusInput, updateRepInput } from "@/server/schemas";
import { ServiceError } from "@/server/services/errors";
import { checkTargetUrl } from "@/server/services/webhooks/url-check";

export type Rep = typeof reps.$inferSelect;

export function listReps(db: Executor, workspaceId: string): Promise<Rep[]> {
  return db.select().from(reps).where(eq(reps.workspaceId, workspaceId)).orderBy(asc(reps.name));
}

export async function getRep(db: Executor, workspaceId: string, id: string): Promise<Rep> {
  const [rep] = await db
    .select()
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), eq(reps.id, id)));
  if (!rep) throw new ServiceError("NOT_FOUND", "id: no rep with this id in your workspace");
  return rep;
}

export async function createRep(db: Db, workspaceId: string, input: z.output<typeof createRepInput>) {
  await assertEmailFree(db, workspaceId, input.email);
  const notifyUrl = input.notifyUrl ? await checkTargetUrl(input.notifyUrl, "notifyUrl") : null;
  const [rep] = await db
    .insert(reps)
    .values({
      ...input,
      notifyUrl,
      email: input.email.trim(),
      workspaceId,
      territories: unique(input.territories),
      skills: unique(input.skills),
    })
    .returning();
  if (!rep) throw new Error("insert returned no row");
  return rep;
}

export async function updateRep(db: Db, workspaceId: string, input: z.output<typeof updateRepInput>) {
  const { id, ...changes } = input;
  const current = await getRep(db, workspaceId, id);
  if (changes.email && changes.email.toLowerCase() !== current.email.toLowerCase()) {
    await assertEmailFree(db, workspaceId, changes.email);
  }
  if (changes.notifyUrl) changes.notifyUrl = await checkTargetUrl(changes.notifyUrl, "notifyUrl");
  const [rep] = await db
    .update(reps)
    .set({
      ...changes,
      ...(changes.territories && { territories: unique(changes.territories) }),
      ...(changes.skills && { skills: unique(changes.skills) }),
      updatedAt: new Date(),
    })
    .where(and(eq(reps.workspaceId, workspaceId), eq(reps.id, id)))
    .returning();
  if (!rep) throw new ServiceError("NOT_FOUND", "id: no rep with this id in your workspace");
  return rep;
}

/** Marks a rep active, away (optionally until a date) or inactive (deactivated: never picked). */
export async function setRepStatus(db: Db, workspaceId: string, input: z.output<typeof setRepStatusInput>) {
  if (input.awayUntil && input.awayUntil.getTime() <= Date.now()) {
    throw new ServiceError("BAD_REQUEST", "awayUntil: must be in the future");
  }
  const [rep] = await db
    .update(reps)
    .set({ status: input.status, awayUntil: input.awayUntil, updatedAt: new Date() })
    .where(and(eq(reps.workspaceId, workspaceId), eq(reps.id, input.id)))
    .returning();
  if (!rep) throw new ServiceError("NOT_FOUND", "id: no rep with this id in your workspace");
  return rep;
}

async function assertEmailFree(db: Executor, workspaceId: string, email: string): Promise<void> {
  const [taken] = await db
    .select({ id: reps.id })
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), sql`lower(${reps.email}) = ${email.trim().toLowerCase()}`));
  if (taken) throw new ServiceError("CONFLICT", "email: a rep with this email already exists");
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
