import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const KEY_PREFIX = "sy_";

export interface GeneratedApiKey {
  /** The whole secret, shown to the user once. */
  key: string;
  /** The visible part stored and listed, e.g. `sy_3f9a1c2b`. */
  prefix: string;
  /** What the database keeps. */
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const visible = randomBytes(4).toString("hex");
  const secret = randomBytes(24).toString("base64url");
  const key = `${KEY_PREFIX}${visible}_${secret}`;
  return { key, prefix: `${KEY_PREFIX}${visible}`, hash: hashApiKey(key) };
}

/** Keys are long random strings, so a fast unsalted SHA-256 is enough to make the stored value useless. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
