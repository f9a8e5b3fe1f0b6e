import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { configureWebhooks } from "@/server/services/webhooks/settings";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace, outcomeOf, uniqueEmail, type WorkspaceFixture } from "@/test/helpers/fixtures";

let database: Database;
let ws: WorkspaceFixture;

/** A resolver that knows a few names, as a DNS server would answer them. */
const DNS: Record<string, string[]> = {
  "public.example": ["93.184.215.14"],
  "loopback.example": ["127.0.0.1"],
  "metadata.example": ["169.254.169.254"],
  "intranet.example": ["93.184.215.14", "10.1.2.3"],
  "v6-loopback.example": ["::1"],
};
const resolve = async (host: string) => {
  const found = DNS[host];
  if (!found) throw new Error(`ENOTFOUND ${host}`);
  return found;
};

beforeAll(async () => {
  database = await openTestDatabase();
  ws = await createWorkspace(database.db, "Hooks Co");
});
afterAll(() => database.close());

async function errorOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error("the call succeeded");
}

const PRIVATE_URLS = [
  ["http://127.0.0.1:8080/hook", "127.0.0.1"],
  ["http://[::1]/hook", "::1"],
  ["http://169.254.169.254/latest/meta-data", "169.254.169.254"],
  ["https://10.0.0.7/hook", "10.0.0.7"],
  ["https://loopback.example/hook", "127.0.0.1"],
  ["https://metadata.example/hook", "169.254.169.254"],
  ["https://intranet.example/hook", "10.1.2.3"],
  ["https://v6-loopback.example/hook", "::1"],
] as const;

describe("webhook endpoint URLs (SSRF guard)", () => {
  it.each(PRIVATE_URLS)("rejects %s (resolves to %s) naming url", async (url, address) => {
    configureWebhooks({ allowPrivate: false, resolve });
    const error = await errorOf(ws.as.admin.webhooks.createEndpoint({ url, events: ["lead.routed"] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^url: /);
    expect(error.message).toContain(address);
  });

  it.each(PRIVATE_URLS)("accepts %s when private addresses are allowed", async (url) => {
    configureWebhooks({ allowPrivate: true, resolve });
    const created = await ws.as.admin.webhooks.createEndpoint({ url, events: ["lead.routed"] });
    expect(created.endpoint.url).toBe(new URL(url).href);
    await ws.as.admin.webhooks.deleteEndpoint({ id: created.endpoint.id });
  });

  it("rejects other schemes, credentials and unknown hosts; names the field on updates, channels and reps", async () => {
    configureWebhooks({ allowPrivate: false, resolve });
    for (const [url, reason] of [
      ["ftp://public.example/x", "must start with https:// or http://"],
      ["https://user:pw@public.example/x", "user name or password"],
      ["https://nowhere.example/x", "cannot be resolved"],
      ["not a url", "not a valid URL"],
    ]) {
      const error = await errorOf(
        ws.as.admin.webhooks.createEndpoint({ url: url ?? "", events: ["lead.routed"] }),
      );
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      expect(error.message).toContain(`url: `);
      expect(error.message).toContain(reason);
    }
    const ok = await ws.as.admin.webhooks.createEndpoint({
      url: "https://public.example/hook",
      events: ["lead.routed"],
    });
    await expect(
      errorOf(ws.as.admin.webhooks.updateEndpoint({ id: ok.endpoint.id, url: "http://127.0.0.1/x" })),
    ).resolves.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^url: /) });
    const flow = await ws.as.admin.flows.create({ name: "Notify" });
    const channel = await errorOf(
      ws.as.editor.notifications.set({
        flowId: flow.id,
        enabled: true,
        template: "New lead {{lead.email}}",
        channelUrl: "https://metadata.example/hook",
      }),
    );
    expect(channel.code).toBe("BAD_REQUEST");
    expect(channel.message).toMatch(/^channelUrl: .*169\.254\.169\.254/);
    const rep = await errorOf(
      ws.as.editor.reps.create({ name: "Ria", email: uniqueEmail("ria"), notifyUrl: "http://10.0.0.1/x" }),
    );
    expect(rep.code).toBe("BAD_REQUEST");
    expect(rep.message).toMatch(/^notifyUrl: /);
  });
});

describe("webhooks router", () => {
  it("creates, lists, updates, rotates and deletes endpoints; the secret is shown only at creation", async () => {
    configureWebhooks({ allowPrivate: false, resolve });
    const created = await ws.as.admin.webhooks.createEndpoint({
      url: "https://public.example/crm",
      description: "CRM",
      events: ["lead.routed", "lead.outcome", "lead.routed"],
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint).toMatchObject({
      description: "CRM",
      events: ["lead.routed", "lead.outcome"],
      enabled: true,
    });
    const listed = (await ws.as.admin.webhooks.listEndpoints()).find((e) => e.id === created.endpoint.id);
    expect(listed).toMatchObject({ stats: { delivered24h: 0, failed24h: 0, pending: 0 } });
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const updated = await ws.as.admin.webhooks.updateEndpoint({
      id: created.endpoint.id,
      events: ["flow.published"],
      enabled: false,
    });
    expect(updated).toMatchObject({
      events: ["flow.published"],
      enabled: false,
      url: "https://public.example/crm",
    });
    const rotated = await ws.as.admin.webhooks.rotateSecret({ id: created.endpoint.id });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    await expect(outcomeOf(ws.as.admin.webhooks.sendTest({ id: created.endpoint.id }))).resolves.toBe(
      "CONFLICT",
    );
    await ws.as.admin.webhooks.updateEndpoint({ id: created.endpoint.id, enabled: true });
    const test = await ws.as.admin.webhooks.sendTest({ id: created.endpoint.id });
    const detail = await ws.as.admin.webhooks.getDelivery({ id: test.deliveryId });
    expect(detail.delivery).toMatchObject({
      kind: "webhook",
      endpointId: created.endpoint.id,
      status: "pending",
    });
    expect(detail.event).toMatchObject({ type: "flow.published", payload: { test: true } });

    const page = await ws.as.admin.webhooks.listDeliveries({ endpointId: created.endpoint.id, limit: 1 });
    expect(page.items.map((d) => d.id)).toEqual([test.deliveryId]);
    expect(page.nextCursor).toBeNull();
    expect((await ws.as.admin.webhooks.listDeliveries({ status: "failed" })).items).toEqual([]);
    expect((await ws.as.admin.webhooks.listDeliveries({ eventType: "lead.routed" })).items).toEqual([]);

    await ws.as.admin.webhooks.deleteEndpoint({ id: created.endpoint.id });
    await expect(outcomeOf(ws.as.admin.webhooks.deleteEndpoint({ id: created.endpoint.id }))).resolves.toBe(
      "NOT_FOUND",
    );
    // The delivery log outlives the endpoint.
    expect((await ws.as.admin.webhooks.getDelivery({ id: test.deliveryId })).delivery.endpointId).toBeNull();
  });

  it("pages the delivery log newest first", async () => {
    configureWebhooks({ allowPrivate: false, resolve });
    const { endpoint } = await ws.as.admin.webhooks.createEndpoint({
      url: "https://public.example/paged",
      events: ["lead.reassigned"],
    });
    const sent = [];
    for (let i = 0; i < 3; i++)
      sent.push((await ws.as.admin.webhooks.sendTest({ id: endpoint.id })).deliveryId);
    const first = await ws.as.admin.webhooks.listDeliveries({ endpointId: endpoint.id, limit: 2 });
    expect(first.items.map((d) => d.id)).toEqual([sent[2], sent[1]]);
    expect(first.items[0]).toMatchObject({ eventType: "lead.reassigned", status: "pending", attempts: 0 });
    const second = await ws.as.admin.webhooks.listDeliveries({
      endpointId: endpoint.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((d) => d.id)).toEqual([sent[0]]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("notifications router", () => {
  it("returns defaults, validates placeholders and previews on a sample lead", async () => {
    configureWebhooks({ allowPrivate: false, resolve });
    const flow = await ws.as.admin.flows.create({ name: "Inbound" });
    const defaults = await ws.as.editor.notifications.get({ flowId: flow.id });
    expect(defaults).toMatchObject({ enabled: false, channelUrl: null });
    expect(defaults.template).toContain("{{");

    const unknown = await errorOf(
      ws.as.editor.notifications.set({
        flowId: flow.id,
        enabled: true,
        template: "Hi {{rep.phone}} {{lead.email}}",
        channelUrl: null,
      }),
    );
    expect(unknown).toMatchObject({ code: "BAD_REQUEST" });
    expect(unknown.message).toMatch(/^template: unknown placeholder \{\{rep\.phone\}\}/);
    await expect(
      outcomeOf(
        ws.as.editor.notifications.set({
          flowId: flow.id,
          enabled: true,
          template: "x".repeat(2001),
          channelUrl: null,
        }),
      ),
    ).resolves.toBe("BAD_REQUEST");

    const template =
      "{{rep.name}}: {{lead.name}} <{{lead.email}}> {{flow.name}}/{{pool.name}} {{band}} {{score}} {{lead.missing}}!";
    const saved = await ws.as.editor.notifications.set({
      flowId: flow.id,
      enabled: true,
      template,
      channelUrl: "https://public.example/slack",
    });
    expect(saved).toEqual({ enabled: true, template, channelUrl: "https://public.example/slack" });
    expect(await ws.as.editor.notifications.get({ flowId: flow.id })).toEqual(saved);
    const preview = await ws.as.editor.notifications.preview({ flowId: flow.id, template });
    expect(preview.text).toBe("Ana Schmidt: Ada Lovelace <ada@example.com> Inbound/EMEA hot 72 !");
    await expect(
      outcomeOf(ws.as.editor.notifications.preview({ flowId: flow.id, template: "{{nope}}" })),
    ).resolves.toBe("BAD_REQUEST");
  });
});
