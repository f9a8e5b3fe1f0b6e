import { z } from "zod";
import type { Db } from "@/server/db/client";
import { type ApiKeyScope, describeZodError } from "@/server/schemas";
import {
  type ApiKeyPrincipal,
  authenticateApiKey,
  keyAllows,
  type RateLimitState,
} from "@/server/services/api-keys";
import { ServiceError, type ServiceErrorCode } from "@/server/services/errors";

const STATUS: Record<ServiceErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** Errors look the same on every endpoint: `{ error: { code, message } }`, the message naming the field. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return jsonResponse(status, { error: { code, message } }, headers);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

// postgres.js connection failures and PostgreSQL's "server going away" / connection-class SQLSTATEs.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = Reflect.get(error, "code");
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  return isDatabaseUnavailable(Reflect.get(error, "cause"));
}

/** Runs an API handler, turning expected failures into their status and an unreachable database into 503. */
export async function handleApi(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError)
      return errorResponse(error.status, error.code, error.message, error.headers);
    if (error instanceof ServiceError)
      return errorResponse(STATUS[error.code], error.code.toLowerCase(), error.message);
    if (isDatabaseUnavailable(error)) {
      return errorResponse(
        503,
        "unavailable",
        "The database is unavailable; nothing was recorded. Retry shortly.",
        {
          "retry-after": "5",
        },
      );
    }
    console.error("API request failed:", error);
    return errorResponse(500, "internal", "Something went wrong on our side; nothing was recorded.");
  }
}

export interface AuthenticatedKey extends ApiKeyPrincipal {
  /** `RateLimit-Limit` / `-Remaining` / `-Reset`, for the handler to send with its answer. */
  rateLimitHeaders: Record<string, string>;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSeconds),
  };
}

/** `Authorization: Bearer <key>` → the key, or null when the header is missing or malformed. */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec((headers.get("authorization") ?? "").trim());
  return match?.[1] ?? null;
}

/**
 * Resolves `Authorization: Bearer <key>` to its workspace and takes one request from the key's rate
 * limit, or fails with 401 / 429 / 403 (in that order: a refused request never reaches the handler).
 */
export async function requireApiKey(db: Db, request: Request, scope: ApiKeyScope): Promise<AuthenticatedKey> {
  const token = bearerToken(request.headers);
  if (!token) {
    throw new HttpError(
      401,
      "unauthorized",
      "Authorization: send an API key as 'Authorization: Bearer <key>'",
    );
  }
  const auth = await authenticateApiKey(db, token);
  if (auth.kind === "unknown")
    throw new HttpError(401, "unauthorized", "Authorization: the API key is unknown or revoked");
  if (auth.kind === "rate_limited") {
    throw new HttpError(
      429,
      "rate_limited",
      `Authorization: the API key's limit of ${auth.rateLimit.limit} requests a minute is used up; retry in ${auth.retryAfterSeconds} s`,
      { ...rateLimitHeaders(auth.rateLimit), "retry-after": String(auth.retryAfterSeconds) },
    );
  }
  if (!keyAllows(auth.principal, scope)) {
    throw new HttpError(403, "forbidden", `Authorization: the API key lacks the '${scope}' scope`);
  }
  return { ...auth.principal, rateLimitHeaders: rateLimitHeaders(auth.rateLimit) };
}

/** Reads a JSON body of at most `maxBytes`, failing with 400 naming the problem. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes)
    throw new HttpError(400, "bad_request", `body: is larger than ${maxBytes / 1024} KB`);
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new HttpError(400, "bad_request", `body: is larger than ${maxBytes / 1024} KB`);
  }
  if (text.trim() === "")
    throw new HttpError(400, "bad_request", "body: is empty; send the lead as a JSON object");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "bad_request", "body: is not valid JSON");
  }
}

export function requireUuid(value: string, field: string): string {
  if (!z.uuid().safeParse(value).success)
    throw new HttpError(400, "bad_request", `${field}: must be a valid id`);
  return value;
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, "bad_request", message);
}

/** Parses one part of a request with its contract schema; a mismatch is a 400 naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, rootField?: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(describeZodError(parsed.error, rootField));
  return parsed.data;
}
