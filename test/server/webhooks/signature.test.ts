import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, verifyWebhook } from "@/server/services/webhooks/signature";

// The example from the Standard Webhooks specification.
const SPEC = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("Standard Webhooks signatures", () => {
  it("matches the specification's example", () => {
    const headers = signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body);
    expect(headers["webhook-signature"]).toBe(SPEC.signature);
    expect(verifyWebhook(SPEC.secret, headers, SPEC.body, SPEC.timestamp + 10)).toBe(true);
  });

  it("rejects a changed body, another secret, a stale timestamp and garbage", () => {
    const headers = signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body);
    expect(verifyWebhook(SPEC.secret, headers, `${SPEC.body} `, SPEC.timestamp)).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), headers, SPEC.body, SPEC.timestamp)).toBe(false);
    expect(verifyWebhook(SPEC.secret, headers, SPEC.body, SPEC.timestamp + 301)).toBe(false);
    expect(
      verifyWebhook(SPEC.secret, { ...headers, "webhook-signature": "v1,AAAA" }, SPEC.body, SPEC.timestamp),
    ).toBe(false);
    expect(verifyWebhook(SPEC.secret, {}, SPEC.body, SPEC.timestamp)).toBe(false);
  });

  it("accepts any of several space-separated signatures (secret rotation)", () => {
    const headers = signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body);
    const rotated = { ...headers, "webhook-signature": `v1,bm90LWl0 ${headers["webhook-signature"]}` };
    expect(verifyWebhook(SPEC.secret, rotated, SPEC.body, SPEC.timestamp)).toBe(true);
  });

  it("generates distinct secrets in the whsec_ format", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
