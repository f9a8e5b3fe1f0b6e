/**
 * Webhook URLs are chosen by workspace admins, so the server must not be turned into a proxy for its
 * own network: a URL is refused when any address its host resolves to is loopback, private,
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast or unspecified —
 * unless the deployment explicitly allows private targets (tests deliver to a local receiver).
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) {
  BLOCKED.addSubnet(network, prefix, "ipv6");
}

/** "::ffff:10.0.0.1" and "::ffff:a00:1" reach the IPv4 address they embed. */
function embeddedIpv4(address: string): string | null {
  const match = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (!match?.[1]) return null;
  const rest = match[1];
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex?.[1] || !hex[2]) return null;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  return v4 !== null ? BLOCKED.check(v4, "ipv4") : BLOCKED.check(address, "ipv6");
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeUrlError";
  }
}

export interface UrlCheck {
  url: URL;
  /** The addresses checked: connect to one of these, never re-resolve (DNS rebinding). */
  addresses: string[];
}

/** Parses and resolves a webhook URL; throws UnsafeUrlError naming the problem. */
export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate?: boolean; resolve?: Resolver } = {},
): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("url: is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UnsafeUrlError("url: must start with https:// or http://");
  }
  if (url.username || url.password) throw new UnsafeUrlError("url: must not contain a user name or password");
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? systemResolver)(host);
  } catch {
    throw new UnsafeUrlError(`url: the host ${host} cannot be resolved`);
  }
  if (addresses.length === 0) throw new UnsafeUrlError(`url: the host ${host} cannot be resolved`);
  if (!options.allowPrivate) {
    const blocked = addresses.find(isBlockedAddress);
    if (blocked !== undefined) {
      throw new UnsafeUrlError(
        `url: ${host} resolves to ${blocked}, a private, loopback, link-local or reserved address; webhooks only go to public addresses`,
      );
    }
  }
  return { url, addresses };
}
