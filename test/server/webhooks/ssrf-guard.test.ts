import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isBlockedAddress, type Resolver } from "@/server/services/webhooks/ssrf-guard";

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;

describe("webhook URL guard", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "::1",
    "169.254.169.254",
    "10.0.0.5",
    "172.16.3.4",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "::",
    "fd00:ec2::254",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:a00:1",
    "224.0.0.1",
  ])("blocks %s", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111"])(
    "allows public %s",
    (address) => {
      expect(isBlockedAddress(address)).toBe(false);
    },
  );

  it("refuses literal private addresses in the URL, naming the field", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1:8080/hook")).rejects.toThrow(/^url: .*127\.0\.0\.1/);
    await expect(checkWebhookUrl("http://[::1]/hook")).rejects.toThrow(/::1/);
    await expect(checkWebhookUrl("http://169.254.169.254/latest/meta-data")).rejects.toThrow(/169\.254/);
    await expect(checkWebhookUrl("https://10.1.2.3/")).rejects.toThrow(/10\.1\.2\.3/);
  });

  it("refuses DNS names that resolve to private addresses, even when only one of them does", async () => {
    await expect(
      checkWebhookUrl("https://hooks.example.test/", { resolve: resolvesTo("10.0.0.7") }),
    ).rejects.toThrow(/hooks\.example\.test resolves to 10\.0\.0\.7/);
    await expect(
      checkWebhookUrl("https://mixed.example.test/", {
        resolve: resolvesTo("93.184.215.14", "169.254.169.254"),
      }),
    ).rejects.toThrow(/169\.254\.169\.254/);
    // The real resolver: localhost is loopback on every machine.
    await expect(checkWebhookUrl("http://localhost:9/")).rejects.toThrow(/loopback/);
  });

  it("accepts public hosts and returns the checked addresses to connect to", async () => {
    const check = await checkWebhookUrl("https://crm.example.test/hooks?x=1", {
      resolve: resolvesTo("93.184.215.14"),
    });
    expect(check.url.pathname).toBe("/hooks");
    expect(check.addresses).toEqual(["93.184.215.14"]);
  });

  it("allows private targets only when explicitly allowed", async () => {
    const check = await checkWebhookUrl("http://127.0.0.1:4000/hook", { allowPrivate: true });
    expect(check.addresses).toEqual(["127.0.0.1"]);
  });

  it("refuses other schemes, credentials in the URL and garbage", async () => {
    await expect(checkWebhookUrl("ftp://example.com/")).rejects.toThrow(/^url: must start with https/);
    await expect(checkWebhookUrl("https://user:pw@example.com/")).rejects.toThrow(/user name or password/);
    await expect(checkWebhookUrl("not a url")).rejects.toThrow(/^url: is not a valid URL/);
    await expect(checkWebhookUrl("https://nothing.invalid/", { resolve: resolvesTo() })).rejects.toThrow(
      /cannot be resolved/,
    );
  });
});
