import { and, count, eq, gt, lt } from "drizzle-orm";
import { loginAttempts } from "@/drizzle/schema";
import type { Executor } from "@/server/db/client";

/** At most this many failed sign-ins per email within the window, then the email is locked until the window passes. */
export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export async function isSignInLocked(db: Executor, email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [row] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    );
  return (row?.failures ?? 0) >= MAX_FAILED_SIGN_INS;
}

export async function recordSignInAttempt(db: Executor, email: string, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ email, succeeded });
  if (succeeded) {
    // A successful sign-in clears the failures so a typo earlier does not count against the user later.
    await db
      .delete(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false)));
  }
}

export async function pruneSignInAttempts(db: Executor, now = new Date()): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, new Date(now.getTime() - SIGN_IN_WINDOW_MS)));
}
