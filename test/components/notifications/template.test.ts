import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEMPLATE,
  FIXED_PLACEHOLDERS,
  insertPlaceholder,
  leadPlaceholders,
  undeclaredLeadFields,
  unknownPlaceholders,
} from "@/components/notifications/template";
import { notifyUrlInput } from "@/components/reps/notify-url";

describe("notification templates", () => {
  it("inserts a placeholder at the caret and moves the caret after it", () => {
    expect(insertPlaceholder("Hi !", "{{rep.name}}", 3)).toEqual({ text: "Hi {{rep.name}}!", caret: 15 });
    expect(insertPlaceholder("", "{{band}}", 0)).toEqual({ text: "{{band}}", caret: 8 });
  });

  it("replaces a selection, whichever way it was made", () => {
    expect(insertPlaceholder("Hi NAME!", "{{rep.name}}", 3, 7).text).toBe("Hi {{rep.name}}!");
    expect(insertPlaceholder("Hi NAME!", "{{rep.name}}", 7, 3).text).toBe("Hi {{rep.name}}!");
  });

  it("never loses text, even with stale positions", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: -5, max: 50 }),
        fc.integer({ min: -5, max: 50 }),
        (text, a, b) => {
          const token = "{{score}}";
          const result = insertPlaceholder(text, token, a, b);
          const from = result.caret - token.length;
          expect(result.text.slice(from, result.caret)).toBe(token);
          // What is left around the token is the original text minus the replaced selection.
          const rest = result.text.slice(0, from) + result.text.slice(result.caret);
          expect(text.startsWith(result.text.slice(0, from))).toBe(true);
          expect(text.endsWith(result.text.slice(result.caret))).toBe(true);
          expect(rest.length).toBeLessThanOrEqual(text.length);
        },
      ),
    );
  });

  it("offers lead fields as placeholders", () => {
    expect(leadPlaceholders(["email", "country"])).toEqual([
      { token: "{{lead.email}}", label: "lead.email" },
      { token: "{{lead.country}}", label: "lead.country" },
    ]);
  });

  it("hints at lead fields the flow does not declare, once each", () => {
    const template = "{{rep.name}} {{ lead.email }} {{lead.emial}} {{lead.emial}} {{lead.address.city}}";
    expect(undeclaredLeadFields(template, ["email"])).toEqual(["emial", "address"]);
    expect(undeclaredLeadFields(template, ["email", "emial", "address"])).toEqual([]);
  });

  it("offers a chip for every placeholder the server renders, none unknown to it", () => {
    const all = FIXED_PLACEHOLDERS.map((p) => p.token).join(" ");
    expect(unknownPlaceholders(all)).toEqual([]);
    expect(unknownPlaceholders(DEFAULT_TEMPLATE)).toEqual([]);
    expect(new Set(FIXED_PLACEHOLDERS.map((p) => p.label)).size).toBe(FIXED_PLACEHOLDERS.length);
  });

  it("turns an empty rep notification URL into null", () => {
    expect(notifyUrlInput("  ")).toBeNull();
    expect(notifyUrlInput(" https://hooks.slack.com/services/T/B/x ")).toBe(
      "https://hooks.slack.com/services/T/B/x",
    );
  });
});
