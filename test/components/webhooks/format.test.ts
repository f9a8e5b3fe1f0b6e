import { describe, expect, it } from "vitest";
import {
  canRetry,
  checkEndpointForm,
  deliveryStatusTone,
  FAST_POLL_MS,
  IDLE_POLL_MS,
  needsPolling,
  pollInterval,
  prettyJson,
  relativeTime,
  shortTarget,
  toggleEvent,
} from "@/components/webhooks/format";

describe("webhook UI formatting", () => {
  it("toggles events keeping the canonical order and no duplicates", () => {
    expect(toggleEvent(["flow.published"], "lead.routed", true)).toEqual(["lead.routed", "flow.published"]);
    expect(toggleEvent(["lead.routed"], "lead.routed", true)).toEqual(["lead.routed"]);
    expect(toggleEvent(["lead.routed", "lead.outcome"], "lead.routed", false)).toEqual(["lead.outcome"]);
    expect(toggleEvent([], "lead.outcome", false)).toEqual([]);
  });

  it("checks the endpoint form before asking the server, naming the field", () => {
    expect(checkEndpointForm("https://hooks.example.com/in", ["lead.routed"])).toEqual({});
    expect(checkEndpointForm("  ", ["lead.routed"])).toEqual({ url: "is required" });
    expect(checkEndpointForm("hooks.example.com", ["lead.routed"])).toEqual({ url: "is not a valid URL" });
    expect(checkEndpointForm("ftp://hooks.example.com", ["lead.routed"])).toEqual({
      url: "must start with https://",
    });
    expect(checkEndpointForm("https://a.example", [])).toEqual({ events: "pick at least one event" });
  });

  it("shortens targets to host and path", () => {
    expect(shortTarget("https://hooks.example.com/")).toBe("hooks.example.com");
    expect(shortTarget("https://hooks.example.com:8443/a/b?token=secret")).toBe("hooks.example.com:8443/a/b");
    expect(shortTarget("https://example.com/a-very-long-path-that-goes-on", 20)).toBe("example.com/a-very-…");
    expect(shortTarget("https://example.com/a-very-long-path-that-goes-on", 20)).toHaveLength(20);
    expect(shortTarget("not a url")).toBe("not a url");
  });

  it("says how far away a time is, in both directions", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(relativeTime(at(2), now)).toBe("now");
    expect(relativeTime(at(45), now)).toBe("in 45 s");
    expect(relativeTime(at(-45), now)).toBe("45 s ago");
    expect(relativeTime(at(600), now)).toBe("in 10 min");
    expect(relativeTime(at(-3 * 3600), now)).toBe("3.0 h ago");
    expect(relativeTime(at(3 * 86_400), now)).toBe("in 3.0 d");
  });

  it("maps statuses to tones, retryability and polling", () => {
    expect(deliveryStatusTone("delivered")).toBe("green");
    expect(deliveryStatusTone("failed")).toBe("rose");
    expect(deliveryStatusTone("pending")).toBe("amber");
    expect(canRetry("failed")).toBe(true);
    expect(canRetry("pending")).toBe(true);
    expect(canRetry("delivered")).toBe(false);
    expect(needsPolling([{ status: "delivered" }, { status: "failed" }])).toBe(false);
    expect(needsPolling([{ status: "delivered" }, { status: "pending" }])).toBe(true);
    expect(needsPolling([])).toBe(false);
    expect(pollInterval([{ status: "pending" }])).toBe(FAST_POLL_MS);
    expect(pollInterval([])).toBe(IDLE_POLL_MS);
    expect(IDLE_POLL_MS).toBeGreaterThan(FAST_POLL_MS);
  });

  it("pretty-prints payloads and survives values JSON cannot show", () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(undefined)).toBe("undefined");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(prettyJson(cyclic)).toBe("[object Object]");
  });
});
