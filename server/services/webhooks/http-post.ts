import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { UrlCheck } from "@/server/services/webhooks/ssrf-guard";

export interface PostResult {
  statusCode: number;
  /** The first characters of the response body (enough for the delivery log). */
  body: string;
}

const KEEP_BODY_CHARS = 500;

/**
 * Connects to one of the addresses the SSRF guard checked instead of resolving the host again, so a
 * DNS answer that changes between check and connect (rebinding) cannot redirect us. The URL's host
 * still goes out as the Host header and the TLS server name. Redirects are not followed.
 */
function pinnedLookup(addresses: string[]): LookupFunction {
  return (_hostname, options, callback) => {
    const entries = addresses.map((address) => ({ address, family: isIP(address) }));
    const first = entries[0];
    if (!first) {
      callback(new Error("no checked address"), "", 0);
      return;
    }
    if (options.all) callback(null, entries);
    else callback(null, first.address, first.family);
  };
}

export function postJson(
  target: UrlCheck,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const { url, addresses } = target;
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(addresses),
        // One attempt, one connection: never reuse a socket that may point elsewhere.
        agent: false,
      },
      (response) => {
        let kept = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (kept.length < KEEP_BODY_CHARS) kept += chunk;
          else response.destroy();
        });
        const finish = () => {
          clearTimeout(timer);
          resolve({ statusCode: response.statusCode ?? 0, body: kept.slice(0, KEEP_BODY_CHARS) });
        };
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no response within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
