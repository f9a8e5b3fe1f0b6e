import { describe, expect, it } from "vitest";
import { relativeTime } from "@/components/settings/relative-time";

describe("relativeTime", () => {
  const now = new Date("2026-01-31T12:00:00Z");
  const ago = (ms: number) => relativeTime(new Date(now.getTime() - ms), now);

  it("names the largest unit that fits", () => {
    expect(ago(10_000)).toBe("just now");
    expect(ago(5 * 60_000)).toBe("5 minutes ago");
    expect(ago(3 * 3_600_000)).toBe("3 hours ago");
    expect(ago(86_400_000)).toBe("yesterday");
    expect(ago(14 * 86_400_000)).toBe("2 weeks ago");
    expect(ago(400 * 86_400_000)).toBe("last year");
  });
});
