import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, users } from "@/drizzle/schema";
import { apiKeyMatches, generateApiKey, hashApiKey } from "@/server/auth/api-keys";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { isSignInLocked, MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_MS } from "@/server/auth/rate-limit";
import type { Database } from "@/server/db/client";
import { authenticate, signUp } from "@/server/services/accounts";
import { authenticateApiKey } from "@/server/services/api-keys";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace, outcomeOf, uniqueEmail } from "@/test/helpers/fixtures";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("password hashing", () => {
  it("stores an argon2id hash, never the password, salted per hash", async () => {
    const first = await hashPassword("s3cret-pass");
    const second = await hashPassword("s3cret-pass");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toContain("s3cret-pass");
    expect(first).not.toBe(second);
  });

  it("verifies the right password and rejects a wrong or malformed one", async () => {
    const stored = await hashPassword("s3cret-pass");
    await expect(verifyPassword(stored, "s3cret-pass")).resolves.toBe(true);
    await expect(verifyPassword(stored, "s3cret-pasS")).resolves.toBe(false);
    await expect(verifyPassword("not-a-hash", "s3cret-pass")).resolves.toBe(false);
  });

  it("sign-up keeps only the hash in the users table", async () => {
    const email = uniqueEmail("hash");
    const { userId } = await signUp(database.db, {
      name: "H",
      email,
      password: "plain-text-pw",
      workspaceName: "H Co",
    });
    const [row] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain("plain-text-pw");
  });
});

describe("API key hashing", () => {
  it("generates a key whose visible prefix is its start and whose hash is SHA-256 of the key", () => {
    const generated = generateApiKey();
    expect(generated.key.startsWith(`${generated.prefix}_`)).toBe(true);
    expect(generated.prefix).toMatch(/^sy_[0-9a-f]{8}$/);
    expect(generated.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.hash).toBe(hashApiKey(generated.key));
    expect(apiKeyMatches(generated.key, generated.hash)).toBe(true);
    expect(apiKeyMatches(`${generated.key}x`, generated.hash)).toBe(false);
    expect(generateApiKey().key).not.toBe(generated.key);
  });

  it("stores only hash and prefix, shows the key once, and authenticates it until revoked", async () => {
    const ws = await createWorkspace(database.db);
    const created = await ws.as.admin.apiKeys.create({ name: "Web form", scopes: ["route", "read"] });
    const [stored] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(stored?.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(JSON.stringify(await ws.as.admin.apiKeys.list())).not.toContain(created.key);

    const auth = await authenticateApiKey(database.db, created.key);
    expect(auth).toMatchObject({
      kind: "ok",
      principal: { keyId: created.id, workspaceId: ws.workspaceId, scopes: ["route", "read"] },
    });
    expect((await ws.as.admin.apiKeys.list())[0]?.lastUsedAt).toBeInstanceOf(Date);

    await expect(authenticateApiKey(database.db, `${created.key}tampered`)).resolves.toEqual({
      kind: "unknown",
    });
    await ws.as.admin.apiKeys.revoke({ id: created.id });
    await expect(authenticateApiKey(database.db, created.key)).resolves.toEqual({ kind: "unknown" });
    await expect(outcomeOf(ws.as.admin.apiKeys.revoke({ id: created.id }))).resolves.toBe("NOT_FOUND");
  });
});

describe("sign-up and sign-in", () => {
  it("sign-up makes the user admin of a new workspace and sign-in finds it", async () => {
    const email = uniqueEmail("Owner");
    const identity = await signUp(database.db, {
      name: "Olga",
      email,
      password: "long-enough",
      workspaceName: "Olga Co",
    });
    expect(identity.role).toBe("admin");
    const result = await authenticate(database.db, email.toUpperCase(), "long-enough");
    expect(result).toMatchObject({
      ok: true,
      workspaceId: identity.workspaceId,
      user: { id: identity.userId },
    });
  });

  it("rejects a second account with the same email, whatever its case", async () => {
    const email = uniqueEmail("dupe");
    await signUp(database.db, { name: "A", email, password: "long-enough", workspaceName: "A" });
    const ws = await createWorkspace(database.db);
    await expect(
      outcomeOf(
        ws.anonymous.auth.signUp({
          name: "B",
          email: email.toUpperCase(),
          password: "long-enough",
          workspaceName: "B",
        }),
      ),
    ).resolves.toBe("CONFLICT");
  });

  it("a wrong password or unknown email is 'invalid' without telling which", async () => {
    const email = uniqueEmail("who");
    await signUp(database.db, { name: "W", email, password: "long-enough", workspaceName: "W" });
    await expect(authenticate(database.db, email, "wrong-password")).resolves.toEqual({
      ok: false,
      reason: "invalid",
    });
    await expect(authenticate(database.db, uniqueEmail("nobody"), "whatever")).resolves.toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it(`locks an email after ${MAX_FAILED_SIGN_INS} failures, even for the right password, until the window passes`, async () => {
    const email = uniqueEmail("locked");
    await signUp(database.db, { name: "L", email, password: "long-enough", workspaceName: "L" });
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await expect(authenticate(database.db, email, `guess-${i}`)).resolves.toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    await expect(authenticate(database.db, email, "long-enough")).resolves.toEqual({
      ok: false,
      reason: "locked",
    });
    await expect(
      isSignInLocked(database.db, email, new Date(Date.now() + SIGN_IN_WINDOW_MS + 1000)),
    ).resolves.toBe(false);
  });

  it("a successful sign-in clears earlier failures", async () => {
    const email = uniqueEmail("typo");
    await signUp(database.db, { name: "T", email, password: "long-enough", workspaceName: "T" });
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await authenticate(database.db, email, "typo");
    await expect(authenticate(database.db, email, "long-enough")).resolves.toMatchObject({ ok: true });
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await authenticate(database.db, email, "typo");
    await expect(authenticate(database.db, email, "long-enough")).resolves.toMatchObject({ ok: true });
  });
});
