import { describe, expect, it } from "vitest";
import {
  deliveryFiltersToSearch,
  deliveryListInput,
  hasFilters,
  NO_FILTERS,
  parseDeliveryFilters,
} from "@/components/webhooks/delivery-filters";

const ENDPOINT = "7d9f1c1e-8a4b-4c2d-9e3f-0a1b2c3d4e5f";

describe("delivery log filters", () => {
  it("round-trips through the query string", () => {
    const filters = { endpointId: ENDPOINT, status: "failed", eventType: "lead.routed" } as const;
    const search = deliveryFiltersToSearch(filters);
    expect(search).toBe(`?endpoint=${ENDPOINT}&status=failed&event=lead.routed`);
    expect(parseDeliveryFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it("writes nothing for no filters and reads an empty query as none", () => {
    expect(deliveryFiltersToSearch(NO_FILTERS)).toBe("");
    expect(parseDeliveryFilters(new URLSearchParams(""))).toEqual(NO_FILTERS);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, status: "pending" })).toBe(true);
  });

  it("drops values the server would refuse instead of sending them", () => {
    const parsed = parseDeliveryFilters(
      new URLSearchParams("endpoint=not-an-id&status=lost&event=lead.deleted&delivery=x"),
    );
    expect(parsed).toEqual(NO_FILTERS);
  });

  it("builds the listDeliveries input without empty choices", () => {
    expect(deliveryListInput(NO_FILTERS)).toEqual({ limit: 25 });
    expect(deliveryListInput({ endpointId: ENDPOINT, status: "", eventType: "flow.published" }, 10)).toEqual({
      endpointId: ENDPOINT,
      eventType: "flow.published",
      limit: 10,
    });
  });
});
