import { describe, expect, it } from "vitest";
import { COUNTRIES, COUNTRY_GROUPS, countryName } from "@/components/flow-editor/inspector/data/countries";
import { REGIONS, regionName } from "@/components/flow-editor/inspector/data/regions";

describe("country data", () => {
  it("has every ISO 3166-1 alpha-2 code once, each with a name", () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    expect(new Set(COUNTRIES.map((c) => c.name)).size).toBe(COUNTRIES.length);
    for (const country of COUNTRIES) {
      expect(country.code).toMatch(/^[A-Z]{2}$/);
      expect(country.name.trim()).not.toBe("");
    }
  });

  it("names the codes the demo flows use", () => {
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("GB")).toBe("United Kingdom");
    expect(countryName("US")).toBe("United States");
    expect(countryName("UK")).toBeNull();
  });

  it("builds region shortcuts only from known codes, without repeats", () => {
    for (const group of COUNTRY_GROUPS) {
      expect(new Set(group.codes).size).toBe(group.codes.length);
      for (const code of group.codes) expect(countryName(code), `${group.name}: ${code}`).not.toBeNull();
    }
    expect(COUNTRY_GROUPS.find((g) => g.name === "EU")?.codes).toHaveLength(27);
  });
});

describe("US states and Canadian provinces", () => {
  it("have unique two-letter codes with names", () => {
    expect(REGIONS.filter((r) => r.country === "US")).toHaveLength(52); // 50 states, DC, Puerto Rico
    expect(REGIONS.filter((r) => r.country === "CA")).toHaveLength(13);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    for (const region of REGIONS) expect(region.code).toMatch(/^[A-Z]{2}$/);
    expect(regionName("CA")).toBe("California");
    expect(regionName("QC")).toBe("Quebec");
    expect(regionName("XX")).toBeNull();
  });
});
